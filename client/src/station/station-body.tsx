/**
 * The content of a station's panel and page: summary, active alerts, live trend with limit lines,
 * latest values with flags, and the rules that apply.
 */
import { useCallback, useEffect, useState } from 'react'
import type { AveragingWindow } from '../charts/window-means'
import type { StationView } from '../data/api-types'
import { alertStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { limitLines } from '../ui/limit-label'
import { metricLabel, metricUnit, windowLabel } from '../ui/labels'
import { compareAlerts } from '../alerts/alert-filter'
import { defaultMetric } from './default-metric'
import { LatestTable } from './latest-table'
import { AqiHistoryChart } from './aqi-history-chart'
import { CompletenessStrip } from './completeness-strip'
import { StationAlerts } from './station-alerts'
import { StationHj212 } from './station-hj212'
import { StationSummary } from './station-summary'
import { StationTrend } from './station-trend'
import type { StationDetailState } from './use-station-detail'

/** Chart height that scales with the screen: ~14 rem in the panel, ~40% of the window on the page. */
function chartHeight(layout: 'panel' | 'page'): number {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14
  if (layout === 'panel') return Math.round(14 * rem)
  return Math.round(Math.min(Math.max(18 * rem, window.innerHeight * 0.42), 40 * rem))
}

/**
 * The longest the secondary blocks (AQI history, completeness) wait for the trend's answer before
 * asking anyway.
 */
const SECONDARY_WAIT_MS = 1500

/** Props of {@link StationBody}. */
export interface StationBodyProps {
  station: StationView
  detail: StationDetailState
  layout: 'panel' | 'page'
}

/** Everything about one station. */
export function StationBody({ station: s, detail, layout }: StationBodyProps) {
  const { t, lang } = useI18n()
  const [metric, setMetric] = useState<string>()
  const [mode, setMode] = useState<'live' | AveragingWindow>('live')
  useEffect(() => setMetric(undefined), [s.id])
  const worst = alertStore.activeFor(s.id).sort(compareAlerts)[0]
  const shown = metric ?? defaultMetric(s.kind, Object.keys(s.latest?.values ?? {}), worst?.metric)
  const rules = detail.state === 'ready' ? detail.rules : []
  // Issue 16: the trend is what the page is opened for, and its query (M4 over up to a day of raw
  // points) shares DuckDB's threads with the AQI history's and the completeness strip's, each a
  // pass over the same station's rows: run together, all three take about twice as long. Those two
  // ask once the trend has answered (at most SECONDARY_WAIT_MS later).
  const [trendDone, setTrendDone] = useState<string>()
  useEffect(() => {
    const timer = setTimeout(() => setTrendDone(s.id), SECONDARY_WAIT_MS)
    return () => clearTimeout(timer)
  }, [s.id])
  const onTrendLoaded = useCallback(() => setTrendDone(s.id), [s.id])
  const defer = Boolean(shown) && trendDone !== s.id
  const trend = shown && (
    <StationTrend
      station={s}
      metric={shown}
      rules={rules}
      onMetric={setMetric}
      mode={mode}
      onMode={setMode}
      height={chartHeight(layout)}
      onLoaded={onTrendLoaded}
    />
  )
  const aqi = s.kind === 'air' && <AqiHistoryChart stationId={s.id} height={Math.round(chartHeight(layout) * 0.6)} defer={defer} />
  const latest = (
    <section className="station-latest" aria-labelledby="latest-h">
      <h3 id="latest-h">{t('station.latest')}</h3>
      <LatestTable station={s} selected={shown} onPick={setMetric} />
    </section>
  )
  const ruleList = rules.length > 0 && (
    <details className="station-rules" open={layout === 'page'}>
      <summary>{t('station.rules')}</summary>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <span className={`sev-dot sev-${r.severity}`} aria-hidden="true" />
            <span>{r.title[lang]}</span>
            <span className="muted">
              {metricLabel(s.kind, r.metric, lang, t)} · {windowLabel(r.window, t)} ·{' '}
              {limitLines(r, metricUnit(s.kind, r.metric), lang)
                .map((l) => l.label)
                .join(' / ')}
            </span>
          </li>
        ))}
      </ul>
    </details>
  )
  if (layout === 'panel') {
    return (
      <div className="station-body station-body-panel">
        <StationSummary station={s} />
        <StationAlerts stationId={s.id} />
        {trend}
        {aqi}
        {latest}
        {ruleList}
      </div>
    )
  }
  return (
    <div className="station-body station-body-page">
      <div className="col-main">
        {trend}
        {aqi}
        {latest}
        <CompletenessStrip station={s} defer={defer} />
      </div>
      <div className="col-side">
        <StationSummary station={s} />
        <StationAlerts stationId={s.id} />
        {ruleList}
        <StationHj212 stationId={s.id} />
      </div>
    </div>
  )
}
