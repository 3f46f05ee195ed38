/**
 * One comparison chart per picked metric, each with the limit lines of the picked stations' rules
 * for that metric (deduplicated by label) and its unit from the METRICS catalog.
 */
import { useMemo } from 'react'
import type { StationKind } from '../../../shared/src/domain/station'
import type { ChartLimit } from '../charts/chart-overlay'
import type { Lang } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { limitLines } from '../ui/limit-label'
import { metricLabel, metricMeta } from '../ui/labels'
import type { MultiTrendRenderer } from './multi-renderer'
import type { PngPanel } from './export-png'
import { TrendPanel } from './trend-panel'
import type { TrendSeries } from './trend-series'
import type { LoadedSeries, PickedStation } from './use-series-load'
import { useStationRules } from './use-station-rules'
import { trendShades } from './use-trend-marks'
import type { MarkView } from '../../../shared/src/protocol/http/review'

/** Props of {@link TrendCharts}. */
export interface TrendChartsProps {
  metrics: readonly string[]
  kinds: readonly StationKind[]
  data: LoadedSeries | undefined
  view: [number, number]
  picked: readonly PickedStation[]
  label: (s: TrendSeries) => string
  /** Review marks of the picked stations (issue 13), shaded per metric. */
  marks?: readonly MarkView[]
  onMount: (metric: string, r: { renderer: MultiTrendRenderer; png: PngPanel } | undefined) => void
}

const NO_SERIES: TrendSeries[] = []
const NO_MARKS: readonly MarkView[] = []

/** The stack of charts. */
export function TrendCharts({ metrics, kinds, data, view, picked, label, marks = NO_MARKS, onMount }: TrendChartsProps) {
  const { t, lang } = useI18n()
  const rules = useStationRules(picked.map((p) => p.id))
  const limits = useMemo(() => limitsByMetric(metrics, rules, kinds, lang), [metrics, rules, kinds, lang])
  const shades = useMemo(() => new Map(metrics.map((m) => [m, trendShades(marks, m, t)])), [metrics, marks, t])
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14
  const height = Math.round(Math.max(14 * rem, Math.min(26 * rem, (window.innerHeight * 0.62) / metrics.length)))
  return (
    <div className="trend-charts">
      {metrics.map((m) => {
        const kind = kinds.find((k) => metricMeta(k, m)) ?? kinds[0] ?? 'air'
        const meta = metricMeta(kind, m)
        const series = data?.byMetric.get(m) ?? NO_SERIES
        const empty = data && series.every((s) => s.len === 0)
        return (
          <TrendPanel
            key={m}
            title={`${metricLabel(kind, m, lang, t)}${meta?.unit ? ` (${meta.unit})` : ''}`}
            unit={meta?.unit ?? ''}
            digits={meta?.digits ?? 2}
            series={series}
            range={view}
            limits={limits.get(m) ?? []}
            height={height}
            label={label}
            onMount={(r) => onMount(m, r)}
            status={!data ? t('chart.loading') : empty ? t('trends.noData') : undefined}
            shades={shades.get(m)}
          />
        )
      })}
    </div>
  )
}

/** Limit lines per metric from the stations' rules, one per distinct label. */
function limitsByMetric(
  metrics: readonly string[],
  rules: ReadonlyMap<
    string,
    { metric: string; id: string; window: string; comparison: 'above' | 'below' | 'outside'; limit: number; low?: number; source: string }[]
  >,
  kinds: readonly StationKind[],
  lang: Lang,
): Map<string, ChartLimit[]> {
  const out = new Map<string, ChartLimit[]>()
  for (const m of metrics) {
    const unit = kinds.map((k) => metricMeta(k, m)?.unit).find((u) => u !== undefined) ?? ''
    const seen = new Map<string, ChartLimit>()
    for (const list of rules.values())
      for (const r of list) if (r.metric === m) for (const l of limitLines(r, unit, lang)) seen.set(l.label, l)
    out.set(m, [...seen.values()])
  }
  return out
}
