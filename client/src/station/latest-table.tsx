/**
 * Latest values of a station, with units from the METRICS catalog and HJ 212 data flags: any
 * flag other than N is highlighted with its meaning (F stopped, M maintenance, …). Rows are
 * buttons' neighbours: clicking a metric name shows its trend.
 */
import type { StationView } from '../data/api-types'
import { useI18n } from '../i18n/use-i18n'
import { formatCstTime } from '../time/cst'
import { flagMeaning, formatValue, isFlagged, metricLabel, metricUnit } from '../ui/labels'
import { pickerMetrics } from './default-metric'

/** Props of {@link LatestTable}. */
export interface LatestTableProps {
  station: StationView
  selected?: string
  onPick: (metric: string) => void
}

/** The latest-values table. */
export function LatestTable({ station: s, selected, onPick }: LatestTableProps) {
  const { t, lang } = useI18n()
  const values = s.latest?.values ?? {}
  const keys = pickerMetrics(s.kind, Object.keys(values)).filter((k) => values[k])
  if (keys.length === 0) return <p className="muted">{t('station.noData')}</p>
  return (
    <table className="latest-table">
      <thead>
        <tr>
          <th scope="col">{t('station.metric')}</th>
          <th scope="col" className="num">
            {t('station.value')}
          </th>
          <th scope="col">{t('station.flag')}</th>
          <th scope="col" className="num">
            {t('station.time')}
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const v = values[k]!
          const flagged = isFlagged(v.flag)
          return (
            <tr key={k} className={`${flagged ? 'flagged' : ''}${selected === k ? ' selected' : ''}`} data-metric={k} data-flag={v.flag}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onPick(k)} aria-pressed={selected === k}>
                  {metricLabel(s.kind, k, lang, t)}
                </button>
              </th>
              <td className="num">
                <span className="value">{formatValue(s.kind, k, v.value)}</span> <span className="unit">{metricUnit(s.kind, k)}</span>
              </td>
              <td>
                {flagged ? (
                  <span className="flag-chip" title={flagMeaning(v.flag, t)}>
                    {v.flag} · {flagMeaning(v.flag, t)}
                  </span>
                ) : (
                  <span className="muted">{v.flag}</span>
                )}
              </td>
              <td className="num muted">{formatCstTime(v.ts)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
