/**
 * The review API (issue 13; docs/contract.md, "Data review"): marks, withdrawals, sign-off and
 * reopening, the queue. Wire types from shared/src/protocol/http/review.ts.
 */
import type { MarkRequest, MarkView, MarksResponse, QueueResponse, SignoffRequest, SignoffView, SignoffsResponse } from '../../../shared/src/protocol/http/review'
import { request } from './api'

export type { MarkRequest, MarkView, SignoffRequest, SignoffView }

const enc = encodeURIComponent

export const reviewApi = {
  /** GET /api/review/marks?station&from&to: marks (withdrawn ones included) in order of application. */
  marks: (stationId: string, from: number, to: number, signal?: AbortSignal) => request<MarksResponse>(`/api/review/marks?station=${enc(stationId)}&from=${Math.floor(from)}&to=${Math.ceil(to)}`, { signal }),
  /** POST /api/review/marks: 201 with the mark. */
  mark: (body: MarkRequest) => request<MarkView>('/api/review/marks', { method: 'POST', body: JSON.stringify(body) }),
  /** DELETE /api/review/marks/:id: withdraw (recorded). */
  withdraw: (id: string, note?: string) => request<MarkView>(`/api/review/marks/${enc(id)}`, { method: 'DELETE', body: JSON.stringify(note ? { note } : {}) }),
  /** GET /api/review/signoff: the sign-offs in force. */
  signoffs: (signal?: AbortSignal) => request<SignoffsResponse>('/api/review/signoff', { signal }),
  /** POST /api/review/signoff. */
  signoff: (body: SignoffRequest) => request<SignoffView>('/api/review/signoff', { method: 'POST', body: JSON.stringify(body) }),
  /** DELETE /api/review/signoff: reopen (recorded). */
  reopen: (body: SignoffRequest) => request<unknown>('/api/review/signoff', { method: 'DELETE', body: JSON.stringify(body) }),
  /** GET /api/review/queue: station-days that still need review. */
  queue: (q: { from?: string; to?: string; kind?: string } = {}, signal?: AbortSignal) =>
    request<QueueResponse>(`/api/review/queue?${Object.entries(q).flatMap(([k, v]) => (v ? [`${k}=${enc(v)}`] : [])).join('&')}`, { signal }),
}
