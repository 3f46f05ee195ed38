/**
 * The public page's lower sections: the daily report summary, the targets board (read-only) and
 * the drinking-water sources' compliance, each with its data label.
 */
import type { PublicDataLabel, PublicDailyBody, PublicTargetsBody, PublicWaterBody } from '../../../shared/src/protocol/http/public'
import { AqiBadge } from './aqi-badge'
import { STRINGS, pollutantLabel, type PublicLang } from './strings'

const COMPARATORS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' }

/** "Provisional" / "reviewed", always shown beside published figures. */
export function DataLabel({ data, lang, realtime }: { data: PublicDataLabel | undefined; lang: PublicLang; realtime?: boolean }) {
  if (!data) return null
  const t = STRINGS[lang]
  return (
    <span className={`pub-label is-${data.status}`} data-testid="public-data-label" data-status={data.status}>
      {data.status === 'reviewed' ? t.reviewed : realtime ? t.provisional : t.provisionalDays}
    </span>
  )
}

export function DailySection({ body, lang }: { body: PublicDailyBody | undefined; lang: PublicLang }) {
  const t = STRINGS[lang]
  if (!body) return null
  return (
    <section className="pub-card" data-testid="public-daily">
      <h2>
        {t.dailyOf(body.day)} <DataLabel data={body.data} lang={lang} />
      </h2>
      <table className="pub-table">
        <thead>
          <tr>
            <th>{t.station}</th>
            <th>AQI</th>
            <th>{t.primary}</th>
          </tr>
        </thead>
        <tbody>
          <tr className="pub-city-row">
            <td>{t.city}</td>
            <td>
              <AqiBadge aqi={body.city} lang={lang} small />
            </td>
            <td>{body.city?.primary.length ? body.city.primary.map(pollutantLabel).join(lang === 'zh' ? '、' : ', ') : '—'}</td>
          </tr>
          {body.stations.map((s) => (
            <tr key={s.id} data-testid="public-daily-row" data-station-id={s.id}>
              <td>{lang === 'zh' ? s.nameZh : s.nameEn}</td>
              <td>
                <AqiBadge
                  aqi={
                    s.aqi !== null && s.level && s.color && s.category
                      ? { aqi: s.aqi, level: s.level, color: s.color, category: s.category }
                      : null
                  }
                  lang={lang}
                  small
                />
              </td>
              <td>{s.primary.length ? s.primary.map(pollutantLabel).join(lang === 'zh' ? '、' : ', ') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function TargetsSection({ body, lang }: { body: PublicTargetsBody | undefined; lang: PublicLang }) {
  const t = STRINGS[lang]
  if (!body) return null
  return (
    <section className="pub-card" data-testid="public-targets">
      <h2>
        {t.targets} <DataLabel data={body.data} lang={lang} />
      </h2>
      <div className="pub-muted">
        {body.period.from.slice(0, 10)} – {body.period.asOf.slice(0, 10)}
      </div>
      <ul className="pub-targets">
        {body.targets.map((x) => {
          const status = x.value === null && body.computing ? t.computing : (t.status[x.status] ?? x.status)
          return (
            <li key={x.id} data-testid="public-target" data-target-id={x.id} data-status={x.status}>
              <span className="pub-target-title">{x.title[lang]}</span>
              <span className="pub-target-value">
                {x.value === null ? '—' : `${x.value} ${x.unit}`}{' '}
                <span className="pub-muted">{`${t.goal} ${COMPARATORS[x.comparator] ?? x.comparator} ${x.target} ${x.unit}`}</span>
              </span>
              <span className={`pub-status is-${x.status}`}>{status}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function WaterSection({ body, lang }: { body: PublicWaterBody | undefined; lang: PublicLang }) {
  const t = STRINGS[lang]
  if (!body) return null
  return (
    <section className="pub-card" data-testid="public-water">
      <h2>
        {t.water} <DataLabel data={body.data} lang={lang} />
      </h2>
      <div className="pub-muted">
        {t.rate}: {body.ratePct === null ? '—' : `${body.ratePct} %`}
        {body.period ? ` · ${body.period.from.slice(0, 10)} – ${body.period.asOf.slice(0, 10)}` : ''}
      </div>
      <table className="pub-table">
        <thead>
          <tr>
            <th>{t.station}</th>
            <th>{t.waterClass}</th>
            <th>{t.targetClass}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {body.sources.map((s) => (
            <tr key={s.id} data-testid="public-water-source" data-station-id={s.id}>
              <td>{lang === 'zh' ? s.nameZh : s.nameEn}</td>
              <td>{s.waterClass === 'worse-than-V' ? (lang === 'zh' ? '劣Ⅴ' : 'worse than V') : (s.waterClass ?? '—')}</td>
              <td>{s.targetClass ?? '—'}</td>
              <td className={s.compliant === null ? 'pub-muted' : s.compliant ? 'pub-ok' : 'pub-bad'}>
                {s.compliant === null ? t.notAssessed : s.compliant ? t.compliant : t.notCompliant}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
