/**
 * The admin endpoints (admin role): stations and their credentials, users and roles, the
 * notification book (recipients, escalation groups, policies), rule overrides and the dead letters.
 * Same error handling as api.ts.
 */
import { request } from './api'
import type { AdminStation, AdminUser, DeadLettersBody, Group, IssuedCredentials, Policy, Recipient, RuleOverride, RulesBody, RulesPutBody, StationInput, UserInput, UserPatch } from './admin-types'

const enc = encodeURIComponent
const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) })
/** Send a notify entity without its id (the path carries it) and without read-only fields. */
const withoutId = <T extends { id: string }>(x: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = x
  return rest
}

/** The admin API, one method per endpoint. */
export const adminApi = {
  /** GET /api/admin/stations: the registry with credential state. */
  stations: () => request<{ stations: AdminStation[] }>('/api/admin/stations'),
  /** PUT /api/admin/stations/:id: add or replace a station. */
  putStation: (id: string, s: StationInput) => request<AdminStation>(`/api/admin/stations/${enc(id)}`, json('PUT', s)),
  /** DELETE /api/admin/stations/:id. */
  deleteStation: (id: string) => request<{ ok: boolean }>(`/api/admin/stations/${enc(id)}`, { method: 'DELETE' }),
  /** POST /api/admin/stations/:id/credentials: a new password, shown once. */
  issueCredentials: (id: string) => request<IssuedCredentials>(`/api/admin/stations/${enc(id)}/credentials`, json('POST', {})),
  /** GET /api/admin/users. */
  users: () => request<{ users: AdminUser[] }>('/api/admin/users'),
  /** POST /api/admin/users. */
  createUser: (u: UserInput) => request<AdminUser>('/api/admin/users', json('POST', u)),
  /** PATCH /api/admin/users/:id: name, role, password, disabled. */
  patchUser: (id: string, p: UserPatch) => request<AdminUser>(`/api/admin/users/${enc(id)}`, json('PATCH', p)),
  /** DELETE /api/admin/users/:id. */
  deleteUser: (id: string) => request<{ ok: boolean }>(`/api/admin/users/${enc(id)}`, { method: 'DELETE' }),
  /** GET /api/admin/notify/recipients. */
  recipients: () => request<{ recipients: Recipient[] }>('/api/admin/notify/recipients'),
  /** PUT /api/admin/notify/recipients/:id (create or replace; an omitted webhook secret keeps the stored one). */
  putRecipient: (r: Recipient) => request<{ recipient: Recipient }>(`/api/admin/notify/recipients/${enc(r.id)}`, json('PUT', withoutId(r))),
  /** DELETE /api/admin/notify/recipients/:id (409 `in-use` while a group or policy names it). */
  deleteRecipient: (id: string) => request<void>(`/api/admin/notify/recipients/${enc(id)}`, { method: 'DELETE' }),
  /** GET /api/admin/notify/groups. */
  groups: () => request<{ groups: Group[] }>('/api/admin/notify/groups'),
  /** PUT /api/admin/notify/groups/:id. */
  putGroup: (g: Group) => request<{ group: Group }>(`/api/admin/notify/groups/${enc(g.id)}`, json('PUT', withoutId(g))),
  /** DELETE /api/admin/notify/groups/:id. */
  deleteGroup: (id: string) => request<void>(`/api/admin/notify/groups/${enc(id)}`, { method: 'DELETE' }),
  /** GET /api/admin/notify/policies. */
  policies: () => request<{ policies: Policy[] }>('/api/admin/notify/policies'),
  /** PUT /api/admin/notify/policies/:id. */
  putPolicy: (p: Policy) => request<{ policy: Policy }>(`/api/admin/notify/policies/${enc(p.id)}`, json('PUT', withoutId(p))),
  /** DELETE /api/admin/notify/policies/:id. */
  deletePolicy: (id: string) => request<void>(`/api/admin/notify/policies/${enc(id)}`, { method: 'DELETE' }),
  /** GET /api/admin/rules[?station=id]: all overrides, with the station's effective rules when given. */
  rules: (stationId?: string) => request<RulesBody>(`/api/admin/rules${stationId ? `?station=${enc(stationId)}` : ''}`),
  /**
   * PUT /api/admin/rules/:stationId (`*` for every station): replace that station's overrides; an
   * empty body removes them. 400 `validation` names the bad field.
   * @example await adminApi.putRules('DG-AIR-01', { 'air.pm25.24h': { limit: 60 } })
   */
  putRules: (stationId: string, overrides: Record<string, RuleOverride>) => request<RulesPutBody>(`/api/admin/rules/${enc(stationId)}`, json('PUT', overrides)),
  /**
   * GET /api/deadletters?limit=N (1–500)[&reason=R]: counts by reason and by station, and the
   * latest kept letters (of one reason when given).
   */
  deadLetters: (limit: number, signal?: AbortSignal, reason?: string) =>
    request<DeadLettersBody>(`/api/deadletters?limit=${limit}${reason ? `&reason=${enc(reason)}` : ''}`, { signal }),
}
