/**
 * Canvas drawing of a decimated series: one path, broken at gaps, with isolated points (a value
 * between two gaps) drawn as dots so they do not vanish.
 */
import type { Decimated } from './downsample'

/** Stroke style of a series line. */
export interface LineStyle {
  color: string
  width: number
}

/**
 * Draw `d` (x in plot px) with `y(value)` → plot px, into `ctx` already translated to the plot.
 * @example drawDecimated(ctx, out, (v) => yScale(v), { color: '#5aa9e6', width: 1.5 })
 */
export function drawDecimated(ctx: CanvasRenderingContext2D, d: Decimated, y: (v: number) => number, style: LineStyle): void {
  ctx.lineWidth = style.width
  ctx.strokeStyle = style.color
  ctx.fillStyle = style.color
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  ctx.beginPath()
  let pen = false
  const dots: number[] = []
  for (let i = 0; i < d.len; i++) {
    const v = d.y[i]!
    if (v !== v) {
      pen = false
      continue
    }
    const px = d.x[i]!
    const py = y(v)
    if (pen) ctx.lineTo(px, py)
    else {
      ctx.moveTo(px, py)
      const next = i + 1 < d.len ? d.y[i + 1]! : Number.NaN
      if (next !== next) dots.push(px, py)
    }
    pen = true
  }
  ctx.stroke()
  const r = Math.max(1.5, style.width * 1.2)
  for (let i = 0; i < dots.length; i += 2) {
    ctx.beginPath()
    ctx.arc(dots[i]!, dots[i + 1]!, r, 0, 2 * Math.PI)
    ctx.fill()
  }
}

/** Draw the newest point as a small ring, so the live edge of the series is easy to find. */
export function drawLastPoint(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.beginPath()
  ctx.arc(x, y, 3.5, 0, 2 * Math.PI)
  ctx.fillStyle = color
  ctx.fill()
  ctx.lineWidth = 1.5
  ctx.strokeStyle = 'rgba(255,255,255,0.85)'
  ctx.stroke()
}
