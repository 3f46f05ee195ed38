/**
 * The imperative core of the trend chart: canvas for the series line, an SVG overlay for axes,
 * limit lines and the hover read-out. Redraws at most once per frame, only when data arrives,
 * the size changes, or the live window slides. Works on a columnar series (no per-point objects):
 * a binary search finds the visible window, min/max-per-pixel decimation keeps the draw O(width).
 */
import { lowerBound, type ColumnarSeries } from '../data/columnar'
import { animationFrame, frameCoalescer } from '../data/frame'
import { formatCstDateTime } from '../time/cst'
import { ChartFrame } from './chart-frame'
import { ChartOverlay, xOf, type ChartLimit, type Margins } from './chart-overlay'
import { createDecimated, decimateMinMax, extentOf } from './downsample'
import { drawDecimated, drawLastPoint } from './draw-line'
import { drawFlagMarks, type FlagMark } from './flag-marks'
import { drawReviewShades, type ReviewShade } from './review-shades'
import { markTrendDrawn } from '../perf/perf-hooks'
import type { TrendOptions } from './options'
import { cstTimeScale, valueScale, yDomain } from './scales'

const MARGINS: Margins = { top: 24, right: 12, bottom: 24, left: 48 }

/** Renders one series into a canvas and an SVG overlay of the same size. */
export class TrendRenderer {
  private readonly overlay: ChartOverlay
  private readonly frame: ChartFrame
  private readonly out = createDecimated()
  private series?: ColumnarSeries
  private limits: readonly ChartLimit[] = []
  private flags: readonly FlagMark[] = []
  private hoverPx: number | undefined
  private shades: readonly ReviewShade[] = []
  /** A reviewer's drag across the plot (issue 13): its start time and the current end. */
  private drag?: { from: number; to: number }
  private onSelect?: (from: number, to: number) => void
  private lastScales?: { from: number; to: number; y: (v: number) => number; yInv: (px: number) => number }
  readonly requestDraw: () => void

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
    private opts: TrendOptions,
  ) {
    this.overlay = new ChartOverlay(svg)
    this.frame = new ChartFrame(canvas, svg, MARGINS, { move: this.onPointer, leave: this.onLeave })
    this.requestDraw = frameCoalescer(animationFrame, () => this.draw())
    svg.addEventListener('pointerdown', this.onDown)
    svg.addEventListener('pointerup', this.onUp)
  }

  /** Shade marked stretches (review marks) behind the series. */
  setShades(shades: readonly ReviewShade[]): void {
    this.shades = shades
    this.requestDraw()
  }

  /**
   * Let the user select a stretch by dragging across the plot (a reviewer marking data); the
   * callback gets [from, to) epoch ms. Undefined: no selection.
   */
  setSelectable(onSelect: ((from: number, to: number) => void) | undefined): void {
    this.onSelect = onSelect
    this.svg.style.cursor = onSelect ? 'crosshair' : ''
    this.svg.style.touchAction = onSelect ? 'none' : ''
  }

  /** Use another series buffer (metric or station changed). */
  setSeries(s: ColumnarSeries | undefined): void {
    this.series = s
    this.requestDraw()
  }

  /** Set the limit lines. */
  setLimits(limits: readonly ChartLimit[]): void {
    this.limits = limits
    this.requestDraw()
  }

  /** Mark flagged samples (the list may grow in place; redraws pick it up). */
  setFlags(flags: readonly FlagMark[]): void {
    this.flags = flags
    this.requestDraw()
  }

  /** Change options (unit, digits, colours, window). */
  setOptions(opts: TrendOptions): void {
    this.opts = opts
    this.requestDraw()
  }

  /** Match the chart box size (CSS px). */
  resize(width: number, height: number): void {
    if (this.frame.resize(width, height)) this.draw()
  }

  /** Stop listening. */
  destroy(): void {
    this.frame.destroy()
    this.svg.removeEventListener('pointerdown', this.onDown)
    this.svg.removeEventListener('pointerup', this.onUp)
  }

  /** The time under a plot x (px), clamped to the window. */
  private timeAt(px: number): number | undefined {
    const sc = this.lastScales
    if (!sc) return undefined
    return sc.from + (Math.max(0, Math.min(this.plotW, px)) / this.plotW) * (sc.to - sc.from)
  }

  private readonly onDown = (e: PointerEvent): void => {
    if (!this.onSelect || e.button !== 0) return
    const t = this.timeAt(this.frame.plotX(e))
    if (t === undefined) return
    this.drag = { from: t, to: t }
    this.svg.setPointerCapture?.(e.pointerId)
    this.requestDraw()
  }

  private readonly onUp = (e: PointerEvent): void => {
    const d = this.drag
    if (!d) return
    this.drag = undefined
    const t = this.timeAt(this.frame.plotX(e)) ?? d.to
    const from = Math.min(d.from, t)
    const to = Math.max(d.from, t)
    this.requestDraw()
    // A click (under 3 px of travel) is not a selection.
    if (((to - from) / ((this.lastScales?.to ?? 1) - (this.lastScales?.from ?? 0))) * this.plotW >= 3) this.onSelect?.(from, to)
  }

  private get plotW(): number {
    return this.frame.plotW
  }

  private get plotH(): number {
    return this.frame.plotH
  }

  /** Draw everything for the window ending now. */
  draw(): void {
    if (this.frame.width === 0 || this.frame.height === 0) return
    const ctx = this.canvas.getContext('2d')
    if (!ctx) return
    const started = performance.now()
    const { plotW, plotH } = this
    const to = this.opts.now()
    const from = to - this.opts.windowMs
    const s = this.series
    const pxPerMs = plotW / (to - from)
    let i0 = 0
    if (s && s.len > 0) {
      // One point before the window so the line enters from the left edge.
      i0 = Math.max(0, lowerBound(s.t, s.len, from) - 1)
      decimateMinMax(s.t, s.v, i0, s.len, from, pxPerMs, this.opts.gapMs, this.out)
    } else this.out.len = 0
    const yd = yDomain(
      extentOf(this.out),
      this.limits.map((l) => l.value),
    )
    const x = cstTimeScale(from, to, plotW)
    const y = valueScale(yd.domain, plotH)
    this.lastScales = { from, to, y: (v) => y(v), yInv: (px) => y.invert(px) }

    this.frame.clear(ctx)
    ctx.save()
    ctx.translate(MARGINS.left, MARGINS.top)
    ctx.beginPath()
    ctx.rect(0, -2, plotW, plotH + 4)
    ctx.clip()
    const shades = this.drag
      ? [
          ...this.shades,
          {
            from: Math.min(this.drag.from, this.drag.to),
            to: Math.max(this.drag.from, this.drag.to),
            kind: 'selection' as const,
            label: '',
          },
        ]
      : this.shades
    if (shades.length > 0) drawReviewShades(ctx, shades, (t) => (t - from) * pxPerMs, plotW, plotH)
    drawDecimated(ctx, this.out, (v) => y(v), { color: this.opts.color, width: 1.5 })
    const last = this.lastFinite()
    if (last !== undefined) drawLastPoint(ctx, xOf(x, s!.t[last]!), y(s!.v[last]!), this.opts.color)
    if (this.flags.length > 0)
      drawFlagMarks(
        ctx,
        this.flags,
        (t) => (t - from) * pxPerMs,
        (v) => y(v),
        plotW,
      )
    ctx.restore()

    this.overlay.axes(x, y, MARGINS, plotW, plotH, this.opts.unit)
    this.overlay.drawLimits(this.limits, y, yd.offscale, plotW, plotH)
    this.updateHover()
    markTrendDrawn({ chart: 'station', points: s ? s.len - i0 : 0, drawn: this.out.len, ms: performance.now() - started })
  }

  private lastFinite(): number | undefined {
    const s = this.series
    if (!s) return undefined
    for (let i = s.len - 1; i >= 0 && i >= s.len - 16; i--) if (Number.isFinite(s.v[i]!)) return i
    return undefined
  }

  private readonly onPointer = (e: PointerEvent): void => {
    this.hoverPx = this.frame.plotX(e)
    if (this.drag) {
      this.drag.to = this.timeAt(this.hoverPx) ?? this.drag.to
      this.requestDraw()
    }
    this.updateHover()
  }

  private readonly onLeave = (): void => {
    this.hoverPx = undefined
    this.updateHover()
  }

  private updateHover(): void {
    const s = this.series
    const sc = this.lastScales
    const px = this.hoverPx
    if (!s || !sc || px === undefined || px < 0 || px > this.plotW || s.len === 0) {
      this.overlay.showHover(0, 0, this.plotW, this.plotH)
      return
    }
    const t = sc.from + (px / this.plotW) * (sc.to - sc.from)
    let i = lowerBound(s.t, s.len, t)
    if (i >= s.len || (i > 0 && t - s.t[i - 1]! < s.t[i]! - t)) i--
    const v = s.v[i]!
    if (i < 0 || !Number.isFinite(v)) {
      this.overlay.showHover(0, 0, this.plotW, this.plotH)
      return
    }
    const hx = ((s.t[i]! - sc.from) / (sc.to - sc.from)) * this.plotW
    const flag = this.flags.find((f) => f.t === s.t[i])?.flag
    const text = `${formatCstDateTime(s.t[i]!).slice(5)}  ${v.toFixed(this.opts.digits)}${this.opts.unit ? ` ${this.opts.unit}` : ''}${flag ? `  [${flag}]` : ''}`
    this.overlay.showHover(hx, sc.y(v), this.plotW, this.plotH, text)
  }
}
