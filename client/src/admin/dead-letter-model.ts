/**
 * The dead letters view's logic: counts by reason split into rejections and warnings (accepted
 * messages with something worth telling), the filter (reason or class of reason, station or topic
 * text, transport) and the options it offers. Pure.
 */
import type { DeadLetter, DeadLetterReason } from '../data/admin-types'

/** Reasons of accepted messages (shared WarningReason): counted apart from rejections. */
export const WARNING_REASONS: ReadonlySet<string> = new Set<DeadLetterReason>(['unknown-metric', 'hj212-deviation'])

/** A reason with its count. */
export interface ReasonCount {
  reason: string
  count: number
}

/**
 * Counts by reason, most frequent first, rejections and warnings apart.
 * @example splitReasonCounts({ 'not-json': 3, 'unknown-metric': 1 }) // { rejected: [{ reason: 'not-json', count: 3 }], warnings: [{ reason: 'unknown-metric', count: 1 }], rejectedTotal: 3, warningTotal: 1 }
 */
export function splitReasonCounts(byReason: Readonly<Record<string, number>>): {
  rejected: ReasonCount[]
  warnings: ReasonCount[]
  rejectedTotal: number
  warningTotal: number
} {
  const all = Object.entries(byReason)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
  const rejected = all.filter((r) => !WARNING_REASONS.has(r.reason))
  const warnings = all.filter((r) => WARNING_REASONS.has(r.reason))
  const sum = (xs: ReasonCount[]) => xs.reduce((s, x) => s + x.count, 0)
  return { rejected, warnings, rejectedTotal: sum(rejected), warningTotal: sum(warnings) }
}

/** `all`, every rejection, every warning, or one reason. */
export type ReasonFilter = 'all' | 'rejected' | 'warnings' | { reason: string }

/** The list's filter. */
export interface DeadLetterFilter {
  reason: ReasonFilter
  /** Matched (case-insensitive) against the station id and the topic. */
  station: string
  via: 'all' | 'mqtt' | 'tcp'
}

/** Everything shown. */
export const ALL_DEAD_LETTERS: DeadLetterFilter = { reason: 'all', station: '', via: 'all' }

/** Whether a letter passes the filter. */
export function matchesDeadLetter(d: DeadLetter, f: DeadLetterFilter): boolean {
  if (f.via !== 'all' && d.via !== f.via) return false
  const r = f.reason
  if (r === 'rejected' && d.warning) return false
  if (r === 'warnings' && !d.warning) return false
  if (typeof r === 'object' && d.reason !== r.reason) return false
  const q = f.station.trim().toLowerCase()
  if (q && !(d.stationId ?? '').toLowerCase().includes(q) && !d.topic.toLowerCase().includes(q)) return false
  return true
}

/**
 * The letters passing the filter, in the server's order (newest first).
 * @example filterDeadLetters(recent, { reason: { reason: 'not-json' }, station: 'DG-AIR', via: 'mqtt' })
 */
export function filterDeadLetters(list: readonly DeadLetter[], f: DeadLetterFilter): DeadLetter[] {
  return list.filter((d) => matchesDeadLetter(d, f))
}

/** The reasons to offer in the filter: every counted one and any in the list, sorted. */
export function reasonOptions(byReason: Readonly<Record<string, number>>, list: readonly DeadLetter[]): string[] {
  return [...new Set([...Object.keys(byReason), ...list.map((d) => d.reason)])].sort()
}

/** The select value of a reason filter, and back. */
export function reasonFilterValue(r: ReasonFilter): string {
  return typeof r === 'object' ? `reason:${r.reason}` : r
}

/** Parse a select value of {@link reasonFilterValue}. */
export function parseReasonFilter(v: string): ReasonFilter {
  if (v === 'rejected' || v === 'warnings') return v
  return v.startsWith('reason:') ? { reason: v.slice('reason:'.length) } : 'all'
}

/**
 * Stable keys of letters (they carry no id): time, topic, size and reason, numbered when the same
 * letter comes twice (a station repeating a bad message within a millisecond), so a refresh keeps
 * an opened payload open.
 */
export function deadLetterKeys(list: readonly DeadLetter[]): string[] {
  const seen = new Map<string, number>()
  return list.map((d) => {
    const k = `${d.receivedAt}|${d.topic}|${d.size}|${d.reason}`
    const n = seen.get(k) ?? 0
    seen.set(k, n + 1)
    return n === 0 ? k : `${k}#${n}`
  })
}

/** A station with its count. */
export interface StationCount {
  stationId: string
  count: number
}

/**
 * The stations with the most letters, most first (ties by id), at most `limit`.
 * @example topStations({ 'DG-AIR-01': 3, _: 1 }, 10) // [{ stationId: 'DG-AIR-01', count: 3 }, { stationId: '_', count: 1 }]
 */
export function topStations(byStation: Readonly<Record<string, number>>, limit: number): StationCount[] {
  return Object.entries(byStation)
    .map(([stationId, count]) => ({ stationId, count }))
    .sort((a, b) => b.count - a.count || a.stationId.localeCompare(b.stationId))
    .slice(0, limit)
}
