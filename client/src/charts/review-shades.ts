/**
 * Review shading (issue 13): the stretches a review mark covers, drawn behind a series as bands
 * with their reason at the top: invalid (grey, hatched: left out of the reviewed data), corrected
 * (blue: the value was replaced), and the reviewer's selection being made (amber). One canvas mark.
 */

/** One shaded stretch, [from, to) epoch ms. */
export interface ReviewShade {
  from: number
  to: number
  kind: 'invalid' | 'corrected' | 'selection'
  /** Shown at the top of the band (the reason, translated). */
  label: string
}

const FILL: Record<ReviewShade['kind'], string> = {
  invalid: 'rgba(140, 140, 150, 0.28)',
  corrected: 'rgba(80, 150, 240, 0.22)',
  selection: 'rgba(240, 180, 60, 0.30)',
}
const EDGE: Record<ReviewShade['kind'], string> = {
  invalid: 'rgba(170, 170, 180, 0.9)',
  corrected: 'rgba(110, 170, 250, 0.9)',
  selection: 'rgba(250, 190, 70, 0.95)',
}

/**
 * Draw the bands inside the plot box (the context is translated to the plot's origin).
 * @param xOf plot x (px) of a time
 */
export function drawReviewShades(
  ctx: CanvasRenderingContext2D,
  shades: readonly ReviewShade[],
  xOf: (t: number) => number,
  plotW: number,
  plotH: number,
): void {
  ctx.save()
  ctx.font = '11px system-ui, sans-serif'
  ctx.textBaseline = 'top'
  for (const s of shades) {
    const x0 = Math.max(0, xOf(s.from))
    const x1 = Math.min(plotW, xOf(s.to))
    if (!(x1 > 0 && x0 < plotW && x1 > x0)) continue
    ctx.fillStyle = FILL[s.kind]
    ctx.fillRect(x0, 0, x1 - x0, plotH)
    if (s.kind === 'invalid') {
      // Hatching so a left-out stretch reads as such without colour.
      ctx.strokeStyle = 'rgba(170, 170, 180, 0.35)'
      ctx.lineWidth = 1
      ctx.beginPath()
      for (let x = x0 - plotH; x < x1; x += 8) {
        ctx.moveTo(Math.max(x, x0), Math.max(0, x0 - x))
        ctx.lineTo(Math.min(x + plotH, x1), Math.min(plotH, x1 - x))
      }
      ctx.stroke()
    }
    ctx.strokeStyle = EDGE[s.kind]
    ctx.lineWidth = 1
    ctx.beginPath()
    ctx.moveTo(Math.round(x0) + 0.5, 0)
    ctx.lineTo(Math.round(x0) + 0.5, plotH)
    ctx.moveTo(Math.round(x1) - 0.5, 0)
    ctx.lineTo(Math.round(x1) - 0.5, plotH)
    ctx.stroke()
    if (s.label && x1 - x0 > 24) {
      ctx.fillStyle = EDGE[s.kind]
      ctx.fillText(s.label, x0 + 3, 3, x1 - x0 - 6)
    }
  }
  ctx.restore()
}
