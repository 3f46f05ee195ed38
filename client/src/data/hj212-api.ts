/**
 * envmon as HJ 212 upper computer (issue 12), as the client sees it: the command log, gaps, and the
 * admin's manual commands (docs/contract.md, "HJ 212 two-way"); the wire types are shared with
 * the server (shared/src/protocol/http/hj212.ts).
 */
import type { Hj212CommandEntry, Hj212CommandsView, Hj212GapRecord } from '../../../shared/src/protocol/http/hj212'
import { request } from './api'

/** One command to a data logger and where it got to. */
export type Hj212Command = Hj212CommandEntry
/** A gap found in a station's data and what became of it. */
export type Hj212Gap = Hj212GapRecord
/** The log, the gaps, and for one station its outstanding command and transport. */
export type Hj212View = Hj212CommandsView

const enc = encodeURIComponent

export const hj212Api = {
  /** Admin: the command log and gaps, optionally of one station. */
  log: (station?: string) => request<Hj212View>(`/api/admin/hj212/commands${station ? `?station=${enc(station)}` : ''}`),
  /** Operators: one station's command state. */
  station: (id: string, signal?: AbortSignal) => request<Hj212View>(`/api/stations/${enc(id)}/hj212`, signal ? { signal } : undefined),
  /** Admin: request history for [from, to] (ISO). */
  requestHistory: (id: string, from: string, to: string) => request<{ gaps: Hj212Gap[] }>(`/api/admin/stations/${enc(id)}/hj212/history`, { method: 'POST', body: JSON.stringify({ from, to }) }),
  /** Admin: read the logger's clock and set it when off. */
  syncClock: (id: string) => request<{ ok: true }>(`/api/admin/stations/${enc(id)}/hj212/clock`, { method: 'POST', body: '{}' }),
}
