/**
 * The trends view (`#/trends`, analysts): pick stations and metrics, a time range (presets or a
 * custom CST range), one comparison chart per metric with limit lines, an overview strip with a
 * brush to zoom, the aggregation level chosen to fit the span (finer data fetched for the zoomed
 * window), CSV (the server's multi-station export) and PNG downloads. Viewers and operators may
 * look back 7 days (the server enforces it); longer ranges and CSV are for analysts.
 */
import { useCallback, useMemo, useRef, useState } from 'react'
import type { Every } from '../../../shared/src/protocol/http/series'
import { canAnalyze, useSession } from '../auth/session'
import { api } from '../data/api'
import { useStationList } from '../data/hooks'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { defaultMetric } from '../station/default-metric'
import { formatCstShort } from '../time/cst'
import { stationName } from '../ui/labels'
import { AnalysisTabs } from './analysis-tabs'
import { panRange, zoomRange } from './brush-range'
import { seriesColor } from './colors'
import { resolveEvery } from './every'
import { chartPng, downloadBlob, type PngPanel } from './export-png'
import { MetricPicker } from './metric-picker'
import type { MultiTrendRenderer } from './multi-renderer'
import { OverviewPanel } from './overview-panel'
import { clampForRole, presetRange, type Preset } from './presets'
import { RangeBar, type ZoomOp } from './range-bar'
import { useTrendMarks } from './use-trend-marks'
import { ViewToggle } from '../review/view-toggle'
import { StationPicker } from './station-picker'
import { TrendCharts } from './trend-charts'
import type { TrendSeries } from './trend-series'
import { shownData, useSeriesLoad, type PickedStation } from './use-series-load'
import { useTrendSelection } from './use-trend-selection'

/** The trends page. */
export function TrendsView() {
  const { t, lang } = useI18n()
  const session = useSession()
  const analyst = canAnalyze(session)
  const stations = useStationList()
  const sel = useTrendSelection()
  const [preset, setPreset] = useState<Preset | 'custom'>('7d')
  const [range, setRange] = useState<[number, number]>(() => presetRange('7d', Date.now()))
  const [zoom, setZoom] = useState<[number, number]>()
  const [every, setEvery] = useState<Every | 'auto'>('auto')
  const [busy, setBusy] = useState(false)
  const renderers = useRef(new Map<string, { renderer: MultiTrendRenderer; png: PngPanel }>())

  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations])
  const picked: PickedStation[] = useMemo(
    () => sel.stations.filter((id) => byId.has(id)).map((id, i) => ({ id, intervalSec: byId.get(id)!.intervalSec, color: seriesColor(i) })),
    [sel.stations, byId],
  )
  const colorOf = (id: string) => picked.find((p) => p.id === id)?.color ?? '#888'
  const kinds = [...new Set(picked.map((p) => byId.get(p.id)!.kind))]
  const metrics = sel.metrics

  const fullEvery = resolveEvery(every, range[1] - range[0])
  const zoomEvery = zoom ? resolveEvery(every, zoom[1] - zoom[0]) : fullEvery
  const full = useSeriesLoad(picked, metrics, range, fullEvery)
  const detail = useSeriesLoad(picked, metrics, zoom && zoomEvery !== fullEvery ? zoom : undefined, zoomEvery)
  const fullData = shownData(full)
  const detailData = shownData(detail)
  const shown = zoom && detailData && detailData.every === zoomEvery ? detailData : fullData
  const view: [number, number] = zoom ?? range
  const marks = useTrendMarks(
    picked.map((p) => p.id),
    range,
  )

  const onStations = (ids: string[]) => {
    // The first pick of a kind brings its headline metric, so a chart appears at once.
    const kind = ids.length > 0 ? byId.get(ids[0]!)?.kind : undefined
    sel.set(kind && sel.metrics.length === 0 ? { stations: ids, metrics: [defaultMetric(kind, [])!] } : { stations: ids })
  }
  const applyRange = (r: [number, number], p: Preset | 'custom') => {
    setPreset(p)
    setRange(clampForRole(r, analyst))
    setZoom(undefined)
  }
  const moveAll = useCallback(
    (r: [number, number] | undefined) => {
      for (const x of renderers.current.values()) x.renderer.setRange(r ?? range)
    },
    [range],
  )
  const onZoom = (op: ZoomOp) => {
    const cur = zoom ?? range
    const next =
      op === 'reset'
        ? undefined
        : op === 'in'
          ? zoomRange(cur, 0.5, range)
          : op === 'out'
            ? zoomRange(cur, 2, range)
            : panRange(cur, op === 'left' ? -0.5 : 0.5, range)
    setZoom(next && next[1] - next[0] < range[1] - range[0] ? next : undefined)
  }
  const label = useCallback((s: TrendSeries) => stationName(byId.get(s.stationId), lang, s.stationId), [byId, lang])
  const legend = picked.map((p) => ({ label: stationName(byId.get(p.id), lang, p.id), color: p.color }))
  const subtitle = `${formatCstShort(view[0])} – ${formatCstShort(view[1])} CST · ${t(`trends.every.${shown?.every ?? zoomEvery}` as 'trends.every.1h')}`
  const onPng = async () => {
    setBusy(true)
    try {
      const panels = metrics.map((m) => renderers.current.get(m)?.png).filter((p): p is PngPanel => !!p)
      downloadBlob(
        await chartPng(panels, { title: `envmon · ${t('trends.title')}`, subtitle, legend }),
        `envmon_trends_${new Date(view[0] + 8 * 3_600_000).toISOString().slice(0, 10)}.png`,
      )
    } catch (e) {
      reportError(e, 'PNG')
    } finally {
      setBusy(false)
    }
  }
  const csvHref =
    analyst && picked.length && metrics.length
      ? api.exportCsvUrl(
          picked.map((p) => p.id),
          metrics,
          Math.round(view[0]),
          Math.round(view[1]),
          shown?.every ?? zoomEvery,
        )
      : undefined
  const loading = full.state === 'loading' || detail.state === 'loading'

  return (
    <div className="page trends-page" data-testid="trends-view" data-loading={loading ? '1' : '0'}>
      <AnalysisTabs current="trends" />
      {!analyst && <p className="note-box">{t('trends.limitedNote')}</p>}
      <div className="trends-layout">
        <aside className="trends-side card">
          <StationPicker stations={stations} selected={sel.stations} colorOf={colorOf} onChange={onStations} />
          <MetricPicker kinds={kinds} selected={metrics} onChange={(m) => sel.set({ metrics: m })} />
        </aside>
        <div className="trends-main">
          <RangeBar
            range={range}
            preset={preset}
            onPreset={(p) => applyRange(presetRange(p, Date.now()), p)}
            onCustom={(r) => applyRange(r, 'custom')}
            analyst={analyst}
            every={every}
            resolved={zoomEvery}
            onEvery={setEvery}
            zoomed={!!zoom}
            onZoom={onZoom}
            csvHref={csvHref}
            onPng={metrics.length && picked.length ? () => void onPng() : undefined}
            busy={busy}
          />
          {picked.length === 0 || metrics.length === 0 ? (
            <p className="empty-state">{t('trends.empty')}</p>
          ) : (
            <>
              <p className="muted small trends-caption" data-testid="trends-caption" data-every={shown?.every ?? ''}>
                {subtitle}
                {loading && ` · ${t('chart.loading')}`}
              </p>
              <ViewToggle />
              <OverviewPanel
                series={fullData?.byMetric.get(metrics[0]!) ?? []}
                domain={range}
                zoom={zoom}
                onBrush={moveAll}
                onBrushEnd={(r) => setZoom(r)}
              />
              <ul className="series-legend" aria-label={t('trends.legend')}>
                {legend.map((l) => (
                  <li key={l.label}>
                    <span className="series-swatch" style={{ background: l.color }} aria-hidden="true" />
                    {l.label}
                  </li>
                ))}
              </ul>
              <TrendCharts
                metrics={metrics}
                kinds={kinds}
                data={shown}
                view={view}
                picked={picked}
                label={label}
                marks={marks}
                onMount={(m, r) => (r ? renderers.current.set(m, r) : renderers.current.delete(m))}
              />
            </>
          )}
        </div>
      </div>
    </div>
  )
}
