/**
 * The comparison chart of one metric: several stations' series on canvas over an explicit time
 * range, D3 axes on CST ticks, the metric's limit lines and a hover read-out of every series at
 * the pointer's time (ChartOverlay for the SVG, a small HTML box for the values). Redraws at most
 * once per frame; each draw decimates only the visible window (trend-series.ts).
 */
import { drawReviewShades, type ReviewShade } from '../charts/review-shades'
import { lowerBound } from '../data/columnar'
import { animationFrame, frameCoalescer } from '../data/frame'
import { markTrendDrawn } from '../perf/perf-hooks'
import { formatCstDateTime } from '../time/cst'
import { ChartFrame } from '../charts/chart-frame'
import { ChartOverlay, type ChartLimit, type Margins } from '../charts/chart-overlay'
import { cstTimeScale, valueScale, yDomain } from '../charts/scales'
import { DecimationPool, decimateAll, drawAll, type TrendSeries } from './trend-series'

/** Plot margins (also used by the PNG export to place the axes). */
export const TREND_MARGINS: Margins = { top: 24, right: 16, bottom: 24, left: 56 }

/** Renders a set of series into a canvas, an SVG overlay and a hover box. */
export class MultiTrendRenderer {
  private readonly overlay: ChartOverlay
  private readonly frame: ChartFrame
  private readonly pool = new DecimationPool()
  private series: readonly TrendSeries[] = []
  private limits: readonly ChartLimit[] = []
  private range: [number, number] = [0, 1]
  private unit = ''
  private digits = 1
  private hoverPx: number | undefined
  /** Review marks of the picked stations on this metric (issue 13), shaded behind the lines. */
  private shades: readonly ReviewShade[] = []
  private label: (s: TrendSeries) => string = (s) => s.stationId
  readonly requestDraw: () => void

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
    private readonly hoverBox: HTMLElement,
  ) {
    this.overlay = new ChartOverlay(svg)
    this.frame = new ChartFrame(canvas, svg, TREND_MARGINS, { move: this.onPointer, leave: this.onLeave })
    this.requestDraw = frameCoalescer(animationFrame, () => this.draw())
  }

  /** Set everything the chart shows; one redraw follows. */
  set(o: {
    series: readonly TrendSeries[]
    range: [number, number]
    limits: readonly ChartLimit[]
    unit: string
    digits: number
    label: (s: TrendSeries) => string
    shades?: readonly ReviewShade[]
  }): void {
    Object.assign(this, o)
    this.requestDraw()
  }

  /** Show another time range (brush, zoom buttons) with the data it has. */
  setRange(range: [number, number]): void {
    this.range = range
    this.requestDraw()
  }

  /** Match the box size (CSS px). */
  resize(width: number, height: number): void {
    if (this.frame.resize(width, height)) this.draw()
  }

  /** Stop listening. */
  destroy(): void {
    this.frame.destroy()
  }

  private get plotW(): number {
    return this.frame.plotW
  }

  private get plotH(): number {
    return this.frame.plotH
  }

  /** Draw now. */
  draw(): void {
    const ctx = this.canvas.getContext('2d')
    if (!ctx || this.frame.width === 0) return
    const started = performance.now()
    const [from, to] = this.range
    const { plotW, plotH } = this
    const r = decimateAll(this.series, from, to, plotW, this.pool)
    const yd = yDomain(
      r.extent,
      this.limits.map((l) => l.value),
    )
    const y = valueScale(yd.domain, plotH)
    this.frame.clear(ctx)
    ctx.save()
    ctx.translate(TREND_MARGINS.left, TREND_MARGINS.top)
    ctx.beginPath()
    ctx.rect(0, -2, plotW, plotH + 4)
    ctx.clip()
    if (this.shades.length > 0) drawReviewShades(ctx, this.shades, (t) => ((t - from) / (to - from)) * plotW, plotW, plotH)
    drawAll(ctx, this.series, this.pool, (v) => y(v))
    ctx.restore()
    this.overlay.axes(cstTimeScale(from, to, plotW), y, TREND_MARGINS, plotW, plotH, this.unit)
    this.overlay.drawLimits(this.limits, y, yd.offscale, plotW, plotH)
    this.yOf = (v) => y(v)
    this.updateHover()
    this.canvas.dataset.points = String(r.points)
    markTrendDrawn({ chart: 'trends', points: r.points, drawn: r.drawn, ms: performance.now() - started })
  }

  private yOf: (v: number) => number = () => 0

  private readonly onPointer = (e: PointerEvent): void => {
    this.hoverPx = this.frame.plotX(e)
    this.updateHover()
  }

  private readonly onLeave = (): void => {
    this.hoverPx = undefined
    this.updateHover()
  }

  private updateHover(): void {
    const px = this.hoverPx
    const [from, to] = this.range
    if (px === undefined || px < 0 || px > this.plotW || this.series.length === 0) {
      this.overlay.showHover(0, 0, this.plotW, this.plotH)
      this.hoverBox.hidden = true
      return
    }
    const t = from + (px / this.plotW) * (to - from)
    const rows: string[] = []
    let firstY = Number.NaN
    let shownT = t
    for (const s of this.series) {
      let i = lowerBound(s.t, s.len, t)
      if (i >= s.len || (i > 0 && t - s.t[i - 1]! < s.t[i]! - t)) i--
      if (i < 0 || !Number.isFinite(s.v[i]!)) continue
      if (Number.isNaN(firstY)) {
        firstY = this.yOf(s.v[i]!)
        shownT = s.t[i]!
      }
      rows.push(
        `<div><span class="hover-swatch" style="background:${s.color}"></span>${escapeHtml(this.label(s))} <b>${s.v[i]!.toFixed(this.digits)}</b></div>`,
      )
    }
    const hx = ((shownT - from) / (to - from)) * this.plotW
    this.overlay.showHover(hx, firstY, this.plotW, this.plotH, rows.length ? '' : undefined)
    if (rows.length === 0) return void (this.hoverBox.hidden = true)
    this.hoverBox.hidden = false
    this.hoverBox.innerHTML = `<div class="hover-time">${formatCstDateTime(shownT)}${this.unit ? ` · ${escapeHtml(this.unit)}` : ''}</div>${rows.join('')}`
    const left = TREND_MARGINS.left + hx + 14
    this.hoverBox.style.left = `${left + 220 > this.frame.width ? left - 248 : left}px`
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
