/**
 * One metric's comparison chart: React mounts the canvas, overlay and hover box once and pushes
 * data, range and limits to the imperative MultiTrendRenderer; the brush moves the range without a
 * React render per frame (the parent calls `setRange` on the renderer it receives).
 */
import { useEffect, useRef, useState } from 'react'
import type { ChartLimit } from '../charts/chart-overlay'
import { MultiTrendRenderer } from './multi-renderer'
import type { PngPanel } from './export-png'
import type { TrendSeries } from './trend-series'
import type { ReviewShade } from '../charts/review-shades'

/** Props of {@link TrendPanel}. */
export interface TrendPanelProps {
  title: string
  unit: string
  digits: number
  series: readonly TrendSeries[]
  range: [number, number]
  limits: readonly ChartLimit[]
  height: number
  label: (s: TrendSeries) => string
  /** Receives the renderer (for brush-driven range changes) and the PNG sources; undefined on unmount. */
  onMount: (r: { renderer: MultiTrendRenderer; png: PngPanel } | undefined) => void
  /** Shown over the chart (loading, empty). */
  status?: string
  /** Review marks shaded behind the lines (issue 13). */
  shades?: readonly ReviewShade[]
}

const NO_SHADES: readonly ReviewShade[] = []

/** A comparison chart. */
export function TrendPanel({
  title,
  unit,
  digits,
  series,
  range,
  limits,
  height,
  label,
  onMount,
  status,
  shades = NO_SHADES,
}: TrendPanelProps) {
  const box = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const svg = useRef<SVGSVGElement>(null)
  const hover = useRef<HTMLDivElement>(null)
  const [renderer, setRenderer] = useState<MultiTrendRenderer>()
  const mountRef = useRef(onMount)
  mountRef.current = onMount

  useEffect(() => {
    const r = new MultiTrendRenderer(canvas.current!, svg.current!, hover.current!)
    setRenderer(r)
    const el = box.current!
    const ro = new ResizeObserver(() => r.resize(el.clientWidth, height))
    ro.observe(el)
    r.resize(el.clientWidth, height)
    return () => {
      ro.disconnect()
      r.destroy()
    }
  }, [height])

  useEffect(() => {
    if (!renderer) return
    mountRef.current({ renderer, png: { title, canvas: canvas.current!, svg: svg.current! } })
    return () => mountRef.current(undefined)
  }, [renderer, title])

  useEffect(
    () => renderer?.set({ series, range, limits, unit, digits, label, shades }),
    [renderer, series, range, limits, unit, digits, label, shades],
  )

  return (
    <figure className="trend-panel" data-testid="trend-panel">
      <figcaption className="trend-panel-title">{title}</figcaption>
      <div className="trend-box" ref={box} style={{ height }}>
        <canvas ref={canvas} className="trend-canvas" data-testid="trends-canvas" style={{ width: '100%', height }} />
        <svg ref={svg} className="trend-overlay" aria-hidden="true" />
        <div ref={hover} className="trend-hover" hidden />
        {status && <div className="trend-status">{status}</div>}
      </div>
    </figure>
  )
}
