/**
 * A station's trend with its metric picker, the averaging window (raw live samples, or the
 * quantity a rule judges: hourly means, 8-h or 24-h moving means, daily means) and the
 * applicable rules' limit lines: in a window mode only the limits of that window, so PM2.5's
 * 24-h moving mean is read against 75 µg/m³ and not against a 1-h limit.
 */
import { useCallback, useMemo, useState } from 'react'
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import type { RuleView, StationView } from '../data/api-types'
import { canExport, canReview, useSession } from '../auth/session'
import { reviewChanged } from '../data/review-view'
import { MarkForm } from '../review/mark-form'
import { MarksList } from '../review/marks-list'
import { reasonText } from '../review/reason-text'
import { roundSelection, shadesOf } from '../review/review-model'
import { SignoffBar } from '../review/signoff-bar'
import { useReviewMarks } from '../review/use-review-marks'
import { ViewToggle } from '../review/view-toggle'
import { api } from '../data/api'
import { TrendChart } from '../charts/trend-chart'
import type { AveragingWindow } from '../charts/window-means'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { limitLines } from '../ui/limit-label'
import { metricLabel, metricUnit } from '../ui/labels'
import { pickerMetrics } from './default-metric'
import { ruleWindows } from './rule-windows'
import { refreshStationAnnotations } from './station-annotations'

/** Props of {@link StationTrend}. */
export interface StationTrendProps {
  station: StationView
  metric: string
  rules: readonly RuleView[]
  onMetric: (m: string) => void
  /** `live` or an averaging window of one of the metric's rules. */
  mode: 'live' | AveragingWindow
  onMode: (m: 'live' | AveragingWindow) => void
  height?: number
  /** Called when the chart's history has answered (StationBody then starts its secondary requests). */
  onLoaded?: () => void
}

const DAY = 86_400_000

/** Picker + window switch + chart. */
export function StationTrend({ station: s, metric, rules, onMetric, mode, onMode, height, onLoaded }: StationTrendProps) {
  const { t, lang } = useI18n()
  const session = useSession()
  const options = pickerMetrics(s.kind, Object.keys(s.latest?.values ?? {}))
  const windows = ruleWindows(rules, metric)
  const shownMode = mode !== 'live' && windows.includes(mode) ? mode : 'live'
  const limits = useMemo(() => {
    const unit = metricUnit(s.kind, metric)
    return rules
      .filter((r) => r.metric === metric && (shownMode === 'live' || r.window === shownMode))
      .flatMap((r) => limitLines(r, unit, lang))
  }, [rules, metric, s.kind, lang, shownMode])
  const now = Date.now()
  // Data review (issue 13): marks shaded on the chart; a reviewer drags across it to mark a stretch.
  const reviewer = canReview(session)
  const marks = useReviewMarks(s.id, DAY, now)
  const shades = useMemo(() => shadesOf(marks, metric, (m) => reasonText(m, t)), [marks, metric, t])
  const [selection, setSelection] = useState<{ from: number; to: number }>()
  // Rounded to 5 minutes and never past now (a mark on data yet to come is refused).
  const onSelect = useCallback((from: number, to: number) => {
    const end = Math.min(roundSelection(to), Math.floor(Date.now() / 60_000) * 60_000)
    setSelection({ from: Math.min(roundSelection(from), end - 60_000), to: end })
  }, [])
  const changed = useCallback(() => {
    setSelection(undefined)
    reviewChanged()
    refreshStationAnnotations(s.id)
  }, [s.id])
  const allMetrics = useMemo(() => METRICS[s.kind].map((m) => m.key), [s.kind])
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
        {windows.length > 0 && (
          <div className="segmented" role="group" aria-label={t('chart.window')} data-testid="window-switch">
            {(['live', ...windows] as const).map((w) => (
              <button key={w} type="button" aria-pressed={shownMode === w} onClick={() => onMode(w)} data-window={w}>
                {t(`chart.mode.${w}` as MessageKey)}
              </button>
            ))}
          </div>
        )}
        <ViewToggle />
        {canExport(session) && (
          <a
            className="btn btn-quiet btn-small"
            href={api.seriesCsvUrl(s.id, [metric], now - DAY, now, shownMode === 'live' ? undefined : '1h')}
            download
            data-testid="station-csv"
          >
            {t('station.exportCsv')}
          </a>
        )}
      </div>
      <TrendChart
        key={`${s.id}:${metric}:${shownMode}`}
        stationId={s.id}
        kind={s.kind}
        metric={metric}
        intervalSec={s.intervalSec}
        limits={limits}
        height={height}
        mode={shownMode}
        shades={shades}
        onSelect={reviewer ? onSelect : undefined}
        onLoaded={onLoaded}
      />
      <p className="muted small chart-note">
        {shownMode === 'live' ? t('chart.noteLive') : t('chart.noteWindow', { window: t(`chart.mode.${shownMode}` as MessageKey) })}
        {reviewer ? ` ${t('review.dragHint')}` : ''}
      </p>
      {reviewer && selection && (
        <MarkForm
          key={`${selection.from}-${selection.to}`}
          stationId={s.id}
          metric={metric}
          allMetrics={allMetrics}
          from={selection.from}
          to={selection.to}
          onDone={changed}
          onCancel={() => setSelection(undefined)}
        />
      )}
      <MarksList marks={marks} kind={s.kind} canWithdraw={reviewer} onChanged={changed} />
      {reviewer && <SignoffBar stationId={s.id} kind={s.kind} onChanged={changed} />}
    </section>
  )
}
