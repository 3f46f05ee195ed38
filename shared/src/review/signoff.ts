/**
 * Sign-off (issue 13): a reviewer declares a day or a month of a station, or of every station of a
 * kind, reviewed. Signed-off data is final: no new mark (and no withdrawal) may touch it until the
 * period is reopened, and reopening is itself a record. Figures built from data (the targets) say
 * how much of it is signed off: "final" when all of it, else "provisional".
 *
 * Periods are China Standard Time calendar days (`2026-11-24`) and months (`2026-11`).
 */
import type { StationKind } from '../domain/station'
import { cstDate, cstDay, cstDayStart, parseCstDate } from '../standards/time'

/** Whose data a sign-off covers. */
export type SignoffScope = { stationId: string; kind?: undefined } | { kind: StationKind; stationId?: undefined }

/** Which period: a CST day or month. */
export type SignoffPeriod = { day: string; month?: undefined } | { month: string; day?: undefined }

export interface SignoffRecord {
  type: 'signoff' | 'reopen'
  seq: number
  scope: SignoffScope
  period: SignoffPeriod
  by: string
  at: number
  note?: string
}

/** A sign-off in force. */
export interface Signoff {
  scope: SignoffScope
  period: SignoffPeriod
  by: string
  at: number
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The CST day numbers [first, last] of a period, or undefined when it is not a valid date or month. */
export function periodDays(period: SignoffPeriod): { first: number; last: number } | undefined {
  if (period.day !== undefined) {
    const d = parseCstDate(period.day)
    return d === undefined ? undefined : { first: d, last: d }
  }
  const m = MONTH.exec(period.month)
  if (!m) return undefined
  const first = parseCstDate(`${m[1]}-${m[2]}-01`)
  if (first === undefined) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`
  return { first, last: parseCstDate(next)! - 1 }
}

/** A stable key of a (scope, period). */
export function signoffKey(scope: SignoffScope, period: SignoffPeriod): string {
  return `${scope.stationId !== undefined ? `station:${scope.stationId}` : `kind:${scope.kind}`}|${period.day !== undefined ? `day:${period.day}` : `month:${period.month}`}`
}

/** The sign-offs in force: the last record of each (scope, period) is a sign-off. */
export function activeSignoffs(records: readonly SignoffRecord[]): Signoff[] {
  const last = new Map<string, SignoffRecord>()
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) last.set(signoffKey(r.scope, r.period), r)
  return [...last.values()].filter((r) => r.type === 'signoff').map(({ scope, period, by, at }) => ({ scope, period, by, at }))
}

/** Whether a sign-off covers a station's CST day. */
export function covers(s: Signoff, station: { id: string; kind: StationKind }, day: number): boolean {
  if (s.scope.stationId !== undefined ? s.scope.stationId !== station.id : s.scope.kind !== station.kind) return false
  const span = periodDays(s.period)
  return span !== undefined && day >= span.first && day <= span.last
}

/** The sign-off that locks some of a station's [from, to), if any (the first CST day found). */
export function lockOf(
  signoffs: readonly Signoff[],
  station: { id: string; kind: StationKind },
  from: number,
  to: number,
): { signoff: Signoff; day: string } | undefined {
  if (signoffs.length === 0 || !(from < to)) return undefined
  for (let d = cstDay(from); d <= cstDay(to - 1); d++) {
    const s = signoffs.find((x) => covers(x, station, d))
    if (s) return { signoff: s, day: cstDate(d) }
  }
  return undefined
}

/** Final when every station-day of a figure is signed off, else provisional. */
export type Finality = 'final' | 'provisional'

/** How much of a set of station-days is signed off. */
export interface SignoffShare {
  finality: Finality
  signedOffDays: number
  totalDays: number
}

/**
 * The share of station-days signed off, over the given stations and CST days [first, last].
 *
 * @example
 * signoffShare(active, [{ id: 'S1', kind: 'air' }], 20_000, 20_029) // { finality: 'provisional', signedOffDays: 12, totalDays: 30 }
 */
export function signoffShare(
  signoffs: readonly Signoff[],
  stations: readonly { id: string; kind: StationKind }[],
  first: number,
  last: number,
): SignoffShare {
  let signed = 0
  let total = 0
  for (const st of stations) {
    const mine = signoffs.filter((s) => (s.scope.stationId !== undefined ? s.scope.stationId === st.id : s.scope.kind === st.kind))
    for (let d = first; d <= last; d++) {
      total++
      if (mine.some((s) => covers(s, st, d))) signed++
    }
  }
  return { finality: total > 0 && signed === total ? 'final' : 'provisional', signedOffDays: signed, totalDays: total }
}

/** Whether a period has ended by `now` (only a finished day or month can be signed off). */
export function periodEnded(period: SignoffPeriod, now: number): boolean {
  const span = periodDays(period)
  return span !== undefined && cstDayStart(span.last + 1) <= now
}
