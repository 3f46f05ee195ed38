/**
 * HJ 212 data flags on the trend: samples flagged other than N (F stopped, M maintenance, C
 * calibration, D fault, T over range, B comms…) are marked on the line, so a dip during
 * calibration is not read as clean air. Flags are rare, so they are kept as a short list beside
 * the columnar series, bounded.
 */

/** One flagged sample. */
export interface FlagMark {
  t: number
  v: number
  flag: string
}

/** The most marks kept per chart (the oldest go first). */
export const MAX_FLAG_MARKS = 500

/**
 * The flagged samples of a raw series response (flags[i] belongs to t[i], v[i]); N and absent are normal.
 * @example flaggedSamples([1, 2], [5, 6], ['N', 'C']) // [{ t: 2, v: 6, flag: 'C' }]
 */
export function flaggedSamples(t: readonly number[], v: readonly number[], flags: readonly string[] | undefined): FlagMark[] {
  const out: FlagMark[] = []
  if (!flags) return out
  for (let i = 0; i < t.length; i++) {
    const f = flags[i]
    if (f && f !== 'N') out.push({ t: t[i]!, v: v[i]!, flag: f })
  }
  return out.slice(-MAX_FLAG_MARKS)
}

/** Append one mark, dropping the oldest beyond the bound and those older than `tMin`. */
export function pushFlagMark(marks: FlagMark[], m: FlagMark, tMin: number): void {
  marks.push(m)
  let drop = 0
  while (drop < marks.length && (marks[drop]!.t < tMin || marks.length - drop > MAX_FLAG_MARKS)) drop++
  if (drop > 0) marks.splice(0, drop)
}

/**
 * Draw the marks as small amber triangles with the flag letter, into a context translated to the
 * plot (x, y map a sample to plot px).
 */
export function drawFlagMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly FlagMark[],
  x: (t: number) => number,
  y: (v: number) => number,
  plotW: number,
): void {
  ctx.fillStyle = '#ffb224'
  ctx.strokeStyle = '#0b1118'
  ctx.lineWidth = 1
  ctx.font = '600 10px sans-serif'
  ctx.textAlign = 'center'
  for (const m of marks) {
    const px = x(m.t)
    if (px < 0 || px > plotW || !Number.isFinite(m.v)) continue
    const py = y(m.v)
    ctx.beginPath()
    ctx.moveTo(px, py - 4)
    ctx.lineTo(px - 4, py - 11)
    ctx.lineTo(px + 4, py - 11)
    ctx.closePath()
    ctx.fill()
    ctx.stroke()
    ctx.fillText(m.flag, px, py - 13)
  }
}
