/**
 * One station for citizens: its AQI and level, the primary pollutant, the six pollutants' latest
 * 1-h values, the HJ 633-2012 health effects and advice for its level, and the last 24 hours.
 */
import { useEffect, useState } from 'react'
import type { PublicStationBody } from '../../../shared/src/protocol/http/public'
import { fetchStation } from './api'
import { AqiHoursChart } from './aqi-hours-chart'
import { AqiBadge } from './aqi-badge'
import { POLLUTANTS, STRINGS, cstHour, pollutantLabel, type PublicLang } from './strings'

export function StationDetail({ id, lang, refresh, onClose }: { id: string; lang: PublicLang; refresh: number; onClose: () => void }) {
  const t = STRINGS[lang]
  const [body, setBody] = useState<PublicStationBody>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let live = true
    fetchStation(id).then(
      (b) => live && (setBody(b), setError(undefined)),
      (e: Error) => live && setError(e.message),
    )
    return () => {
      live = false
    }
  }, [id, refresh])
  if (error) return <section className="pub-card pub-detail">{error}</section>
  if (!body || body.station.id !== id) return <section className="pub-card pub-detail" aria-busy="true" />
  const s = body.station
  const a = s.aqi
  return (
    <section className="pub-card pub-detail" data-testid="public-station-detail" data-station-id={s.id}>
      <header className="pub-detail-head">
        <div>
          <h2>{lang === 'zh' ? s.nameZh : s.nameEn}</h2>
          <div className="pub-muted">
            {lang === 'zh' ? s.town : (s.townEn ?? s.town)}
            {s.approx ? ` · ${t.approx}` : ''}
          </div>
        </div>
        <button type="button" className="pub-close" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </header>
      <div className="pub-detail-aqi">
        <AqiBadge aqi={a} lang={lang} testId="public-detail-aqi" />
        <div>
          <div>
            {t.primary}:{' '}
            <strong data-testid="public-primary">
              {a && a.primary.length ? a.primary.map(pollutantLabel).join(lang === 'zh' ? '、' : ', ') : t.none}
            </strong>
          </div>
          {a && <div className="pub-muted">{t.hourOf(cstHour(a.end))}</div>}
        </div>
      </div>
      {body.advice && (
        <dl className="pub-advice" data-testid="public-advice">
          <dt>{t.effects}</dt>
          <dd data-testid="public-effects">{body.advice.effects[lang]}</dd>
          <dt>{t.advice}</dt>
          <dd data-testid="public-advice-text">{body.advice.advice[lang]}</dd>
          <dd className="pub-source">{t.adviceSource}</dd>
        </dl>
      )}
      <h3>{t.latest}</h3>
      <ul className="pub-pollutants" data-testid="public-pollutants">
        {POLLUTANTS.map((p) => (
          <li key={p.key} data-pollutant={p.key}>
            <span className="pub-pol-name">{p.label}</span>
            <span className="pub-pol-value">{body.latest.values[p.key] ?? '—'}</span>
            <span className="pub-pol-unit">{p.unit}</span>
          </li>
        ))}
      </ul>
      <h3>{t.last24}</h3>
      <AqiHoursChart hours={body.hours} label={t.last24} />
    </section>
  )
}
