/**
 * China Standard Time (UTC+8, no DST) formatting. Every time the operator sees is CST, whatever the
 * browser's own time zone: the arithmetic shifts epoch ms by +8 h and reads the UTC fields, so it
 * never depends on the host TZ database.
 */

/** CST offset from UTC in ms (GB/T 7408: Beijing time, no daylight saving). */
export const CST_OFFSET_MS = 8 * 3_600_000

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The CST wall-clock fields of an epoch ms. */
function fields(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const d = new Date(ms + CST_OFFSET_MS)
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  }
}

/** Parse an ISO string or pass epoch ms through; NaN for anything unparseable. */
export function toMs(t: string | number | undefined | null): number {
  if (typeof t === 'number') return t
  if (typeof t !== 'string') return Number.NaN
  return Date.parse(t)
}

/**
 * `YYYY-MM-DD HH:mm:ss` in CST.
 * @example formatCstDateTime(Date.UTC(2026, 10, 24, 0, 0, 0)) === '2026-11-24 08:00:00'
 */
export function formatCstDateTime(t: string | number): string {
  const ms = toMs(t)
  if (!Number.isFinite(ms)) return '—'
  const f = fields(ms)
  return `${f.y}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`
}

/** `HH:mm:ss` in CST. */
export function formatCstTime(t: string | number): string {
  const ms = toMs(t)
  if (!Number.isFinite(ms)) return '—'
  const f = fields(ms)
  return `${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`
}

/** `MM-DD HH:mm` in CST: compact, for lists. */
export function formatCstShort(t: string | number): string {
  const ms = toMs(t)
  if (!Number.isFinite(ms)) return '—'
  const f = fields(ms)
  return `${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}`
}

/** `YYYY-MM-DD` in CST (the city's calendar day). */
export function formatCstDate(t: string | number): string {
  const ms = toMs(t)
  if (!Number.isFinite(ms)) return '—'
  const f = fields(ms)
  return `${f.y}-${pad(f.mo)}-${pad(f.d)}`
}

/** Units used by {@link formatDuration}, per language. */
export interface DurationUnits {
  d: string
  h: string
  m: string
  s: string
  /** Separator between parts. */
  sep: string
}

/**
 * A compact elapsed time, two most significant parts: `2h 05m`, `3d 4h`, `45s`.
 * Negative spans (clock skew) read as zero.
 * @example formatDuration(3_900_000, { d: 'd', h: 'h', m: 'm', s: 's', sep: ' ' }) === '1h 05m'
 */
export function formatDuration(ms: number, u: DurationUnits): string {
  if (!Number.isFinite(ms)) return '—'
  const total = Math.max(0, Math.floor(ms / 1000))
  const d = Math.floor(total / 86_400)
  const h = Math.floor((total % 86_400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (d > 0) return `${d}${u.d}${u.sep}${h}${u.h}`
  if (h > 0) return `${h}${u.h}${u.sep}${pad(m)}${u.m}`
  if (m > 0) return `${m}${u.m}${u.sep}${pad(s)}${u.s}`
  return `${s}${u.s}`
}
