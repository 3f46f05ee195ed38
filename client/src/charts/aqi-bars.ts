/**
 * Hourly AQI as bars on canvas, each in its official HJ 633-2012 level colour, with D3 axes, the
 * level boundaries (100: no longer good; 200: heavy pollution) as limit lines, and a hover read-out
 * (ChartOverlay). One bar per hour: at most a few hundred, so no decimation is needed.
 */
import { aqiLevel } from '../../../shared/src/standards/aqi-table'
import type { AqiHistory } from '../data/aqi-history'
import { lowerBound } from '../data/columnar'
import { markTrendDrawn } from '../perf/perf-hooks'
import { formatCstShort } from '../time/cst'
import { ChartFrame } from './chart-frame'
import { ChartOverlay, type ChartLimit, type Margins } from './chart-overlay'
import { cstTimeScale, valueScale } from './scales'

const MARGINS: Margins = { top: 20, right: 12, bottom: 24, left: 40 }
const HOUR = 3_600_000

/** Draws an AQI history into a canvas and an SVG overlay of the same size. */
export class AqiBarsRenderer {
  private readonly overlay: ChartOverlay
  private readonly frame: ChartFrame
  private data?: AqiHistory
  private range: [number, number] = [0, 1]
  private limits: readonly ChartLimit[] = []
  private describe: (i: number) => string = () => ''
  private yOf: (v: number) => number = () => 0

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly svg: SVGSVGElement,
  ) {
    this.overlay = new ChartOverlay(svg)
    this.frame = new ChartFrame(canvas, svg, MARGINS, { move: this.onPointer, leave: this.onLeave })
  }

  /** Set the data, the time range [from, to), the level lines and the hover text of hour i. */
  setData(data: AqiHistory | undefined, from: number, to: number, limits: readonly ChartLimit[], describe: (i: number) => string): void {
    this.data = data
    this.range = [from, to]
    this.limits = limits
    this.describe = describe
    this.draw()
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

  private draw(): void {
    const ctx = this.canvas.getContext('2d')
    if (!ctx || this.frame.width === 0) return
    const started = performance.now()
    const [from, to] = this.range
    const d = this.data
    let max = 0
    if (d) for (let i = 0; i < d.len; i++) if (d.aqi[i]! > max) max = d.aqi[i]!
    const y = valueScale([0, Math.max(150, Math.ceil((max * 1.1) / 50) * 50)], this.plotH)
    this.yOf = (v) => y(v)
    const x = cstTimeScale(from, to, this.plotW)
    const pxPerMs = this.plotW / (to - from)
    this.frame.clear(ctx)
    ctx.translate(MARGINS.left, MARGINS.top)
    let bars = 0
    if (d) {
      const barW = Math.max(1, HOUR * pxPerMs - (HOUR * pxPerMs > 4 ? 1 : 0))
      for (let i = 0; i < d.len; i++) {
        const v = d.aqi[i]!
        if (!(v >= 0)) continue
        ctx.fillStyle = aqiLevel(v)?.hex ?? '#888'
        const top = y(v)
        ctx.fillRect((d.t[i]! - from) * pxPerMs, top, barW, this.plotH - top)
        bars++
      }
    }
    this.overlay.axes(x, y, MARGINS, this.plotW, this.plotH, 'AQI')
    this.overlay.drawLimits(this.limits, y, new Set(), this.plotW, this.plotH)
    markTrendDrawn({ chart: 'aqi', points: d?.len ?? 0, drawn: bars, ms: performance.now() - started })
  }

  private readonly onPointer = (e: PointerEvent): void => {
    const d = this.data
    if (!d || d.len === 0) return
    const px = this.frame.plotX(e)
    const [from, to] = this.range
    const t = from + (px / this.plotW) * (to - from)
    const i = Math.min(d.len - 1, Math.max(0, lowerBound(d.t, d.len, t + 1) - 1))
    const v = d.aqi[i]!
    if (!(v >= 0)) return this.overlay.showHover(0, 0, this.plotW, this.plotH)
    const cx = ((d.t[i]! + HOUR / 2 - from) / (to - from)) * this.plotW
    this.overlay.showHover(cx, this.yOf(v), this.plotW, this.plotH, `${formatCstShort(d.t[i]!)}  ${this.describe(i)}`)
  }

  private readonly onLeave = (): void => this.overlay.showHover(0, 0, this.plotW, this.plotH)
}
