/**
 * The overview strip under the comparison charts: every series over the whole range (canvas,
 * decimated), a CST time axis, and a d3-brush to pick the zoomed window. Brushing reports the
 * window as it moves (`onBrush`, for a cheap redraw of the charts) and when it ends (`onBrushEnd`,
 * for fetching finer data); clearing the brush zooms back out.
 */
import { axisBottom, brushX, select, type BrushBehavior, type D3BrushEvent } from 'd3'
import { markTrendDrawn } from '../perf/perf-hooks'
import { ChartFrame } from '../charts/chart-frame'
import { cstTickFormat, cstTimeScale, valueScale, yDomain } from '../charts/scales'
import { brushToRange, rangeToBrush } from './brush-range'
import { DecimationPool, decimateAll, drawAll, type TrendSeries } from './trend-series'

const M = { top: 4, right: 16, bottom: 20, left: 56 }

/** What the strip tells its owner. */
export interface OverviewCallbacks {
  onBrush: (range: [number, number] | undefined) => void
  onBrushEnd: (range: [number, number] | undefined) => void
}

/** The strip controller. */
export class OverviewStrip {
  private readonly pool = new DecimationPool()
  private readonly frame: ChartFrame
  private readonly brush: BrushBehavior<unknown>
  private readonly gBrush
  private readonly gAxis
  private series: readonly TrendSeries[] = []
  private domain: [number, number] = [0, 1]
  private programmatic = false

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
    private readonly cb: OverviewCallbacks,
  ) {
    this.frame = new ChartFrame(canvas, svg, M)
    const s = select(svg)
    s.selectAll('*').remove()
    const root = s.append('g').attr('transform', `translate(${M.left},${M.top})`)
    this.gAxis = root.append('g').attr('class', 'axis axis-x')
    this.gBrush = root.append('g').attr('class', 'brush').attr('data-testid', 'trend-brush')
    this.brush = brushX().on('brush end', (e: D3BrushEvent<unknown>) => {
      if (this.programmatic || !e.sourceEvent) return
      const range = e.selection ? brushToRange(e.selection as [number, number], this.plotW, this.domain) : undefined
      if (e.type === 'end') this.cb.onBrushEnd(range)
      else this.cb.onBrush(range)
    })
  }

  private get plotW(): number {
    return this.frame.plotW
  }

  private get plotH(): number {
    return this.frame.plotH
  }

  /** Data over the whole range `domain`. */
  setData(series: readonly TrendSeries[], domain: [number, number]): void {
    this.series = series
    this.domain = domain
    this.draw()
  }

  /** Show the zoomed window on the brush (without reporting it back); undefined clears it. */
  setSelection(range: [number, number] | undefined): void {
    this.programmatic = true
    const full = !range || (range[0] <= this.domain[0] && range[1] >= this.domain[1])
    this.gBrush.call(this.brush.move, full ? null : rangeToBrush(range!, this.plotW, this.domain))
    this.programmatic = false
  }

  /** Match the box size (CSS px). */
  resize(width: number, height: number): void {
    if (!this.frame.resize(width, height)) return
    this.brush.extent([
      [0, 0],
      [this.plotW, this.plotH],
    ])
    this.gBrush.call(this.brush)
    this.draw()
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d')
    if (!ctx || this.frame.width === 0) return
    const started = performance.now()
    const [from, to] = this.domain
    const r = decimateAll(this.series, from, to, this.plotW, this.pool)
    const y = valueScale(yDomain(r.extent, []).domain, this.plotH)
    this.frame.clear(ctx)
    ctx.save()
    ctx.translate(M.left, M.top)
    ctx.globalAlpha = 0.8
    drawAll(ctx, this.series, this.pool, (v) => y(v), 1)
    ctx.restore()
    const x = cstTimeScale(from, to, this.plotW)
    this.gAxis.attr('transform', `translate(0,${this.plotH})`).call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(this.plotW / 110)))
        .tickFormat((d) => cstTickFormat(d as Date))
        .tickSizeOuter(0),
    )
    markTrendDrawn({ chart: 'overview', points: r.points, drawn: r.drawn, ms: performance.now() - started })
  }
}
