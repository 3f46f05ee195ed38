/**
 * The frame every canvas chart shares: a canvas for the marks and an SVG overlay of the same CSS
 * size on top of it. It owns the box size, the device pixel ratio (capped at 2: sharper costs
 * fill rate for no visible gain), the plot box inside the margins, clearing the canvas in CSS px,
 * and the overlay's pointer listeners. The renderers (trend-renderer, aqi-bars, trends'
 * multi-renderer and overview-strip) keep only what they draw.
 */
import type { Margins } from './chart-overlay'

/** The canvas as the frame uses it (an HTMLCanvasElement in the browser). */
export type FrameCanvas = Pick<HTMLCanvasElement, 'width' | 'height'>

/** The overlay as the frame uses it (an SVGSVGElement in the browser). */
export type FrameOverlay = Pick<SVGSVGElement, 'setAttribute' | 'addEventListener' | 'removeEventListener' | 'getBoundingClientRect'>

/** Pointer handlers on the overlay; the frame removes them on destroy. */
export interface FramePointer {
  move: (e: PointerEvent) => void
  leave: () => void
}

/** Smallest plot side (CSS px), so scales never collapse on a tiny or hidden box. */
const MIN_PLOT = 10
/** Largest pixel ratio drawn. */
const MAX_DPR = 2

/**
 * Size, pixel ratio and plot box of one chart.
 * @example
 * const frame = new ChartFrame(canvas, svg, { top: 20, right: 12, bottom: 24, left: 40 })
 * if (frame.resize(640, 240)) draw()          // canvas 1280×480 on a 2× screen
 * frame.clear(ctx); ctx.translate(frame.margins.left, frame.margins.top)
 */
export class ChartFrame {
  /** Box width in CSS px (0 until the first resize). */
  width = 0
  /** Box height in CSS px. */
  height = 0
  /** Device pixel ratio in use. */
  dpr = 1

  constructor(
    private readonly canvas: FrameCanvas,
    private readonly svg: FrameOverlay,
    readonly margins: Margins,
    private readonly pointer?: FramePointer,
  ) {
    if (pointer) {
      svg.addEventListener('pointermove', pointer.move as EventListener)
      svg.addEventListener('pointerleave', pointer.leave)
    }
  }

  /** Plot width inside the margins (CSS px). */
  get plotW(): number {
    return Math.max(MIN_PLOT, this.width - this.margins.left - this.margins.right)
  }

  /** Plot height inside the margins (CSS px). */
  get plotH(): number {
    return Math.max(MIN_PLOT, this.height - this.margins.top - this.margins.bottom)
  }

  /**
   * Match the box size (CSS px) and the screen's pixel ratio: sizes the canvas backing store and
   * the overlay. Returns false when nothing changed (no redraw needed).
   */
  resize(width: number, height: number): boolean {
    const dpr = Math.min(MAX_DPR, globalThis.devicePixelRatio || 1)
    if (width === this.width && height === this.height && dpr === this.dpr) return false
    this.width = width
    this.height = height
    this.dpr = dpr
    this.canvas.width = Math.max(1, Math.round(width * dpr))
    this.canvas.height = Math.max(1, Math.round(height * dpr))
    this.svg.setAttribute('width', String(width))
    this.svg.setAttribute('height', String(height))
    return true
  }

  /** Reset the transform to CSS px at the current pixel ratio and clear the whole box. */
  clear(ctx: Pick<CanvasRenderingContext2D, 'setTransform' | 'clearRect'>): void {
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0)
    ctx.clearRect(0, 0, this.width, this.height)
  }

  /** The pointer's x inside the plot box (CSS px; negative left of it). */
  plotX(e: Pick<PointerEvent, 'clientX'>): number {
    return e.clientX - this.svg.getBoundingClientRect().left - this.margins.left
  }

  /** Stop listening to the overlay. */
  destroy(): void {
    if (!this.pointer) return
    this.svg.removeEventListener('pointermove', this.pointer.move as EventListener)
    this.svg.removeEventListener('pointerleave', this.pointer.leave)
  }
}
