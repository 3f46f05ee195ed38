/**
 * envmon as HJ 212 upper computer (issue 12), as the client sees it: the command log, gaps, and the
 * admin's manual commands (docs/contract.md, "HJ 212 two-way"). Types mirror the server's JSON.
 */
import { request } from './api'

/** One command to a data logger and where it got to. */
export interface Hj212Command {
  id: number
  qn: string
  stationId: string
  cn: string
  params: Record<string, string>
  state: 'sent' | 'acknowledged' | 'executed' | 'failed' | 'timed-out'
  result?: string
  via?: 'tcp' | 'mqtt'
  by: string
  attempts: number
  readings: number
  createdAt: number
  updatedAt: number
}

/** A gap found in a station's data and what became of it. */
export interface Hj212Gap {
  id: number
  stationId: string
  from: number
  to: number
  state: 'requested' | 'recovered' | 'no-data' | 'failed'
  found: 'return' | 'sweep' | 'manual'
  readings: number
  commands: number[]
  detectedAt: number
  result?: string
}

/** The log, the gaps, and for one station its outstanding command and transport. */
export interface Hj212View {
  commands: Hj212Command[]
  gaps: Hj212Gap[]
  busy?: Hj212Command
  route?: 'tcp' | 'mqtt'
}

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
