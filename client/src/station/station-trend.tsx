/**
 * A station's trend with its metric picker and the applicable rules' limit lines.
 */
import { useMemo } from 'react'
import type { RuleView, StationView } from '../data/api-types'
import { canExport, useSession } from '../auth/session'
import { api } from '../data/api'
import { TrendChart } from '../charts/trend-chart'
import { useI18n } from '../i18n/use-i18n'
import { limitLines } from '../ui/limit-label'
import { metricLabel, metricUnit } from '../ui/labels'
import { pickerMetrics } from './default-metric'

/** Props of {@link StationTrend}. */
export interface StationTrendProps {
  station: StationView
  metric: string
  rules: readonly RuleView[]
  onMetric: (m: string) => void
  height?: number
}

const DAY = 86_400_000

/** Picker + chart. */
export function StationTrend({ station: s, metric, rules, onMetric, height }: StationTrendProps) {
  const { t, lang } = useI18n()
  const session = useSession()
  const options = pickerMetrics(s.kind, Object.keys(s.latest?.values ?? {}))
  const limits = useMemo(() => {
    const unit = metricUnit(s.kind, metric)
    return rules.filter((r) => r.metric === metric).flatMap((r) => limitLines(r, unit, lang))
  }, [rules, metric, s.kind, lang])
  const now = Date.now()
  return (
    <section className="station-trend" aria-labelledby="trend-h">
      <div className="trend-head">
        <h3 id="trend-h">{t('chart.last24h')}</h3>
        <label className="field-inline">
          <span className="sr-only">{t('chart.metric')}</span>
          <select className="input" value={metric} onChange={(e) => onMetric(e.target.value)} aria-label={t('chart.metric')}>
            {options.map((k) => (
              <option key={k} value={k}>
                {metricLabel(s.kind, k, lang, t)}
                {metricUnit(s.kind, k) ? ` (${metricUnit(s.kind, k)})` : ''}
              </option>
            ))}
          </select>
        </label>
        {canExport(session) && (
          <a className="btn btn-quiet btn-small" href={api.seriesCsvUrl(s.id, [metric], now - DAY, now)} download>
            {t('station.exportCsv')}
          </a>
        )}
      </div>
      <TrendChart key={`${s.id}:${metric}`} stationId={s.id} kind={s.kind} metric={metric} intervalSec={s.intervalSec} limits={limits} height={height} />
    </section>
  )
}
