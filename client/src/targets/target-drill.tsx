/**
 * The drill-down of a target: which stations and days it counts, which it leaves out and why, the
 * per-station values where it is judged per station (breakdown), and the supporting numbers. For
 * the air target, a link to the bad-days analysis of the same month (which towns drove it).
 */
import { useStationList } from '../data/hooks'
import { stationStore } from '../data/live'
import type { TargetView } from '../data/targets-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { stationName } from '../ui/labels'
import { formatTargetValue } from './target-status'

/** Props of {@link TargetDrill}. */
export interface TargetDrillProps {
  target: TargetView
  /** `YYYY-MM` of the period's first month (for the bad-days link). */
  month: string
}

const MAX_DAYS = 62
/** Detail numbers the formulas report (shared/src/targets) that have a label; others show their key. */
const DETAIL_LABEL = new Set([
  'goodDays',
  'validDays',
  'gradeIIDays',
  'remainingDays',
  'compliant',
  'assessed',
  'consumedTce',
  'allowanceTce',
  'within',
  'online',
  'registered',
  'late',
  'reclaimedM3',
  'treatedM3',
  'noReclaimedData',
  'generatedM3',
])

/** The drill-down panel. */
export function TargetDrill({ target: x, month }: TargetDrillProps) {
  const { t, lang } = useI18n()
  useStationList()
  const name = (id: string) => {
    const s = stationStore.get(id)
    return s ? (
      <a href={routeHref({ view: 'station', stationId: id })} title={id}>
        {stationName(s, lang)}
      </a>
    ) : (
      <span className="mono">{id}</span>
    )
  }
  const days = x.counted.days ?? []
  const excluded = x.counted.excluded ?? []
  return (
    <div className="target-drill" data-testid="target-drill">
      {x.id === 'air-good-days' && (
        <p className="note-box">
          {t('targets.airDrill')} <a href={routeHref({ view: 'bad-days', month })}>{t('targets.airDrillLink')} →</a>
        </p>
      )}
      {x.detail && Object.keys(x.detail).length > 0 && (
        <dl className="target-detail">
          {Object.entries(x.detail).map(([k, v]) => (
            <div key={k} className="facts-row">
              <dt title={k}>{DETAIL_LABEL.has(k) ? t(`targets.detail.${k}` as MessageKey) : k}</dt>
              <dd>{formatTargetValue(v, '')}</dd>
            </div>
          ))}
        </dl>
      )}
      {x.breakdown && x.breakdown.length > 0 && (
        <table className="data-table" data-testid="target-breakdown">
          <caption className="muted small">{t('targets.breakdown')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.station')}</th>
              <th scope="col" className="num">
                {t('targets.value')}
              </th>
              <th scope="col" className="num">
                {t('targets.target')}
              </th>
              <th scope="col">{t('targets.ok')}</th>
            </tr>
          </thead>
          <tbody>
            {[...x.breakdown]
              .sort((a, b) => Number(a.ok) - Number(b.ok) || b.value / b.target - a.value / a.target)
              .map((b) => (
                <tr key={b.id} className={b.ok ? '' : 'row-bad'}>
                  <td>{name(b.id)}</td>
                  <td className="num">{formatTargetValue(b.value, '')}</td>
                  <td className="num">{formatTargetValue(b.target, '')}</td>
                  <td>{b.ok ? t('targets.status.met') : t('targets.status.missed')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <h4>{t('targets.countedStations', { n: x.counted.stations.length })}</h4>
      <ul className="chip-list">
        {x.counted.stations.map((id) => (
          <li key={id}>{name(id)}</li>
        ))}
      </ul>
      {days.length > 0 && (
        <>
          <h4>{t('targets.countedDays', { n: days.length })}</h4>
          <p className="day-list mono small">
            {days
              .slice(0, MAX_DAYS)
              .map((d) => d.slice(5))
              .join('  ')}
          </p>
        </>
      )}
      {excluded.length > 0 && (
        <details className="target-excluded">
          <summary>{t('targets.excluded', { n: excluded.length })}</summary>
          <table className="data-table">
            <tbody>
              {excluded.map((e) => (
                <tr key={e.id}>
                  <td className="mono">{/^\d{4}-/.test(e.id) ? e.id : name(e.id)}</td>
                  <td className="muted">{e.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  )
}
