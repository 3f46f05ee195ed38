/**
 * The typed HTTP client. Every failure becomes an {@link ApiError} carrying the server's
 * `{ error: { code, message } }` (or `network` / `http-<status>` when there is none), so callers
 * can show the operator what went wrong instead of a blank panel.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import type { SessionUser } from '../../../shared/src/protocol/http/users'
import type { AlertDetail, AlertStatusQuery, AlertsResponse, SeriesResponse, StationDetail, StationView } from './api-types'
import type { TargetsBody, TargetsPeriod } from './targets-types'
import { getDataView } from './review-view'

/** An HTTP API failure with the server's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const TIMEOUT_MS = 15_000

let csrfToken: string | undefined
let onUnauthorized: (() => void) | undefined

/** Set the session's CSRF token, sent as `X-CSRF-Token` on every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

/** Called when the server answers 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(cb: (() => void) | undefined): void {
  onUnauthorized = cb
}

/**
 * One JSON request to the API with the session's CSRF token on state changes, a timeout, and every
 * failure as an {@link ApiError}; a 401 outside /api/auth sends the app back to the login screen.
 * @example await request<{ users: User[] }>('/api/admin/users')
 */
export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (init?.body) headers['Content-Type'] = 'application/json'
    if (init?.method && init.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
    res = await fetch(path, { ...init, credentials: 'same-origin', signal: init?.signal ?? AbortSignal.timeout(TIMEOUT_MS), headers })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    const timeout = e instanceof DOMException && e.name === 'TimeoutError'
    throw new ApiError(timeout ? 'timeout' : 'network', timeout ? `${path}: no answer in ${TIMEOUT_MS / 1000} s` : `${path}: ${(e as Error).message}`, 0)
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
    const code = typeof err?.code === 'string' ? err.code : `http-${res.status}`
    const message = typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`.trim()
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.()
    throw new ApiError(code, message, res.status)
  }
  if (body === undefined) {
    if (res.status === 204) return undefined as T
    throw new ApiError('bad-response', `${path}: the server sent no JSON`, res.status)
  }
  return body as T
}

const enc = encodeURIComponent

/** A logged-in user (GET /api/auth/me, POST /api/auth/login): the wire type, shared with the server. */
export type { SessionUser }

/** `&view=raw` when the user chose raw data (issue 13); reviewed is the API's default. */
const viewParam = () => (getDataView() === 'raw' ? '&view=raw' : '')

/** The HTTP API of the contract, one method per endpoint the client uses. */
export const api = {
  /** GET /api/auth/me: the session's user and CSRF token (401 without a session). */
  me: () => request<{ user: SessionUser; csrfToken: string }>('/api/auth/me'),
  /** POST /api/auth/login: sets the session cookie. */
  login: (username: string, password: string) => request<{ user: SessionUser; csrfToken: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) }),
  /** POST /api/auth/logout. */
  logout: () => request<{ ok: boolean }>('/api/auth/logout', { method: 'POST', body: '{}' }),
  /** GET /api/stations: the registry with status, latest values and AQI. */
  stations: (signal?: AbortSignal) => request<{ stations: StationView[] }>('/api/stations', { signal }),
  /** GET /api/stations/:id: one station with open alerts and the rules that apply. */
  station: (id: string, signal?: AbortSignal) => request<StationDetail>(`/api/stations/${enc(id)}`, { signal }),
  /**
   * GET /api/stations/:id/series for `metrics` over [from, to) (epoch ms).
   * @example await api.series('air-001', ['pm25'], Date.now() - 86_400_000, Date.now())
   */
  series: (id: string, metrics: readonly string[], from: number, to: number, signal?: AbortSignal, every?: string, opts: { valid?: boolean; fn?: string; points?: number } = {}) => {
    // The API wants whole milliseconds (a brushed range is fractional). `points` asks the server to
    // decimate raw data (M4) to what a chart of that width can draw.
    const q = `metric=${enc(metrics.join(','))}&from=${Math.floor(from)}&to=${Math.ceil(to)}${every ? `&every=${enc(every)}` : ''}${opts.valid ? '&valid=1' : ''}${opts.fn ? `&fn=${enc(opts.fn)}` : ''}${opts.points ? `&points=${Math.round(opts.points)}` : ''}${viewParam()}`
    return request<SeriesResponse>(`/api/stations/${enc(id)}/series?${q}`, { signal })
  },
  /** The CSV export URL of a station's series (a link, streamed by the server). */
  seriesCsvUrl: (id: string, metrics: readonly string[], from: number, to: number, every?: string) =>
    `/api/stations/${enc(id)}/series?metric=${enc(metrics.join(','))}&from=${from}&to=${to}${every ? `&every=${enc(every)}` : ''}&format=csv${viewParam()}`,
  /** The multi-station CSV export URL (GET /api/export, analyst role), streamed by the server. */
  exportCsvUrl: (stations: readonly string[], metrics: readonly string[], from: number, to: number, every: string) =>
    `/api/export?stations=${enc(stations.join(','))}&metric=${enc(metrics.join(','))}&from=${from}&to=${to}&every=${enc(every)}${viewParam()}`,
  /** GET /api/alerts?status=…: alerts, newest first as the server orders them. */
  alerts: (status: AlertStatusQuery, signal?: AbortSignal, limit = 10_000) => request<AlertsResponse>(`/api/alerts?status=${status}&limit=${limit}`, { signal }),
  /** GET /api/alerts?station=…: one station's alerts (e.g. its past, resolved ones). */
  stationAlerts: (stationId: string, status: AlertStatusQuery, limit: number, signal?: AbortSignal) =>
    request<AlertsResponse>(`/api/alerts?status=${status}&station=${enc(stationId)}&limit=${limit}`, { signal }),
  /** GET /api/alerts/:id: one alert with the delivery status of its notifications. */
  alert: (id: string, signal?: AbortSignal) => request<AlertDetail>(`/api/alerts/${enc(id)}`, { signal }),
  /** GET /api/targets: the city's targets for a period, as of `at` (epoch ms; default now). */
  targets: (period: TargetsPeriod, at?: number, signal?: AbortSignal) => request<TargetsBody>(`/api/targets?period=${period}${at !== undefined ? `&at=${Math.round(at)}` : ''}`, { signal }),
  /** POST /api/alerts/:id/ack with an optional note; returns the updated alert. */
  acknowledge: (id: string, note?: string) => request<AlertEvent>(`/api/alerts/${enc(id)}/ack`, { method: 'POST', body: JSON.stringify(note ? { note } : {}) }),
  /** POST /api/alerts/:id/resolve with an optional note; returns the updated alert. */
  resolve: (id: string, note?: string) => request<AlertEvent>(`/api/alerts/${enc(id)}/resolve`, { method: 'POST', body: JSON.stringify(note ? { note } : {}) }),
}

/** Fetch the boundary TopoJSON (served beside the API, not under /api). */
export function fetchBoundary(signal?: AbortSignal): Promise<unknown> {
  return request<unknown>('/geo/boundary.topo.json', { signal })
}
