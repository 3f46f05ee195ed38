/**
 * Time-range presets of the trends view and the custom range's inputs in China Standard Time
 * (a `datetime-local` value is read as CST whatever the browser's zone). Pure.
 */

/** Preset keys, shortest first. */
export const PRESETS = ['24h', '7d', '30d', '90d', '1y'] as const
/** One preset. */
export type Preset = (typeof PRESETS)[number]

const DAY = 86_400_000
const CST = 8 * 3_600_000

/** Span of a preset (ms). */
export const PRESET_MS: Readonly<Record<Preset, number>> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY, '1y': 365 * DAY }

/** History every role may read (server/src/auth/roles.ts LIVE_HISTORY_MS); longer is analysis. */
export const LIVE_HISTORY_MS = 7 * DAY

/**
 * The range of a preset ending now, rounded up to the minute so repeated renders ask the same URL.
 * @example presetRange('7d', now) // [now' - 7 d, now']
 */
export function presetRange(p: Preset, now: number): [number, number] {
  const to = Math.ceil(now / 60_000) * 60_000
  return [to - PRESET_MS[p], to]
}

/**
 * Epoch ms of a `datetime-local` value (`YYYY-MM-DDTHH:mm`) read as CST, or NaN.
 * @example parseCstInput('2026-11-24T08:00') === Date.UTC(2026, 10, 24, 0, 0)
 */
export function parseCstInput(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v)
  if (!m) return Number.NaN
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) - CST
}

/** The `datetime-local` value (CST) of an epoch ms. */
export function toCstInput(t: number): string {
  return new Date(t + CST).toISOString().slice(0, 16)
}

/**
 * Clamp a range to what the role may read: a viewer or operator gets at most the last 7 days'
 * span (the server refuses more with 403).
 */
export function clampForRole(r: readonly [number, number], analyst: boolean): [number, number] {
  if (analyst || r[1] - r[0] <= LIVE_HISTORY_MS) return [r[0], r[1]]
  return [r[1] - LIVE_HISTORY_MS, r[1]]
}
