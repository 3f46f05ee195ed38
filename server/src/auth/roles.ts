/**
 * Roles and what each may do. One table (PERMISSIONS) decides every API route; the tests walk it
 * to prove 401 without a session and 403 for each role not listed.
 *
 * - viewer: live data (map, stations, alerts, series of the last 7 days, targets)
 * - operator: + acknowledge and resolve alerts
 * - analyst: + history beyond 7 days, CSV export, multi-station export, reports
 * - reviewer: an analyst who also reviews data (issue 13): marks values invalid or corrects them,
 *   withdraws marks, signs off and reopens days and months (within a remit when one is configured,
 *   server/src/review/remits.ts). A role of its own rather than a right of every analyst: the
 *   provinces' review rules want the people who may change what counts named and few.
 * - admin: everything, including stations, users, rules and recipients
 */
import { ROLES, type Role } from '../../../shared/src/protocol/http/users'

// The roles are part of the API (a user's `role`): one definition, in its wire types.
export { ROLES, type Role }

export function maybeRole(v: unknown): Role | undefined {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v) ? (v as Role) : undefined
}

const ALL: readonly Role[] = ROLES
const OPS: readonly Role[] = ['operator', 'admin']
const ANALYSIS: readonly Role[] = ['analyst', 'reviewer', 'admin']
const REVIEW: readonly Role[] = ['reviewer', 'admin']
const ADMIN: readonly Role[] = ['admin']

export type Access = 'public' | readonly Role[]

export interface Permission {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Express-style path under /api, e.g. `/alerts/:id/ack`. */
  path: string
  access: Access
  /** A sample concrete path for tests. */
  sample: string
}

/** Every API route and who may call it. Routes not listed are refused (deny by default). */
export const PERMISSIONS: readonly Permission[] = [
  { method: 'GET', path: '/health', access: 'public', sample: '/health' },
  { method: 'GET', path: '/openapi.json', access: 'public', sample: '/openapi.json' },
  { method: 'POST', path: '/auth/login', access: 'public', sample: '/auth/login' },
  { method: 'POST', path: '/auth/logout', access: ALL, sample: '/auth/logout' },
  { method: 'GET', path: '/auth/me', access: ALL, sample: '/auth/me' },
  { method: 'GET', path: '/public/aqi', access: 'public', sample: '/public/aqi' },
  { method: 'GET', path: '/public/targets', access: 'public', sample: '/public/targets' },
  { method: 'GET', path: '/public/stations/:id', access: 'public', sample: '/public/stations/DG-AIR-01' },
  { method: 'GET', path: '/public/daily', access: 'public', sample: '/public/daily' },
  { method: 'GET', path: '/public/water', access: 'public', sample: '/public/water' },
  { method: 'GET', path: '/stations', access: ALL, sample: '/stations' },
  { method: 'GET', path: '/stations/:id', access: ALL, sample: '/stations/DG-AIR-01' },
  { method: 'GET', path: '/stations/:id/series', access: ALL, sample: '/stations/DG-AIR-01/series?metric=pm25' },
  { method: 'GET', path: '/alerts', access: ALL, sample: '/alerts' },
  { method: 'GET', path: '/alerts/:id', access: ALL, sample: '/alerts/x' },
  { method: 'POST', path: '/alerts/:id/ack', access: OPS, sample: '/alerts/x/ack' },
  { method: 'POST', path: '/alerts/:id/resolve', access: OPS, sample: '/alerts/x/resolve' },
  { method: 'GET', path: '/targets', access: ALL, sample: '/targets' },
  { method: 'GET', path: '/completeness', access: ALL, sample: '/completeness' },
  { method: 'GET', path: '/export', access: ANALYSIS, sample: '/export?kind=air&metric=pm25' },
  { method: 'GET', path: '/reports', access: ALL, sample: '/reports' },
  { method: 'GET', path: '/reports/:id', access: ALL, sample: '/reports/monthly_2026-02_v1' },
  { method: 'POST', path: '/reports', access: ANALYSIS, sample: '/reports' },
  { method: 'GET', path: '/deadletters', access: ADMIN, sample: '/deadletters' },
  { method: 'GET', path: '/admin/stations', access: ADMIN, sample: '/admin/stations' },
  { method: 'PUT', path: '/admin/stations/:id', access: ADMIN, sample: '/admin/stations/X1' },
  { method: 'DELETE', path: '/admin/stations/:id', access: ADMIN, sample: '/admin/stations/X1' },
  { method: 'POST', path: '/admin/stations/:id/credentials', access: ADMIN, sample: '/admin/stations/X1/credentials' },
  // envmon as HJ 212 upper computer (issue 12): the command log, manual history requests and clock sync.
  { method: 'GET', path: '/admin/hj212/commands', access: ADMIN, sample: '/admin/hj212/commands' },
  { method: 'POST', path: '/admin/stations/:id/hj212/history', access: ADMIN, sample: '/admin/stations/X1/hj212/history' },
  { method: 'POST', path: '/admin/stations/:id/hj212/clock', access: ADMIN, sample: '/admin/stations/X1/hj212/clock' },
  { method: 'GET', path: '/stations/:id/hj212', access: OPS, sample: '/stations/DG-AIR-01/hj212' },
  { method: 'GET', path: '/admin/users', access: ADMIN, sample: '/admin/users' },
  { method: 'POST', path: '/admin/users', access: ADMIN, sample: '/admin/users' },
  { method: 'PATCH', path: '/admin/users/:id', access: ADMIN, sample: '/admin/users/x' },
  { method: 'DELETE', path: '/admin/users/:id', access: ADMIN, sample: '/admin/users/x' },
  { method: 'GET', path: '/admin/notify/*rest', access: ADMIN, sample: '/admin/notify/recipients' },
  // State changes one by one (not `*rest`), so that the OpenAPI document names each and the audit test walks each (issue 13).
  { method: 'PUT', path: '/admin/notify/recipients/:id', access: ADMIN, sample: '/admin/notify/recipients/x' },
  { method: 'DELETE', path: '/admin/notify/recipients/:id', access: ADMIN, sample: '/admin/notify/recipients/x' },
  { method: 'PUT', path: '/admin/notify/groups/:id', access: ADMIN, sample: '/admin/notify/groups/x' },
  { method: 'DELETE', path: '/admin/notify/groups/:id', access: ADMIN, sample: '/admin/notify/groups/x' },
  { method: 'PUT', path: '/admin/notify/policies/:id', access: ADMIN, sample: '/admin/notify/policies/x' },
  { method: 'DELETE', path: '/admin/notify/policies/:id', access: ADMIN, sample: '/admin/notify/policies/x' },
  { method: 'GET', path: '/admin/rules', access: ADMIN, sample: '/admin/rules' },
  { method: 'PUT', path: '/admin/rules/:stationId', access: ADMIN, sample: '/admin/rules/DG-AIR-01' },
  { method: 'GET', path: '/audit', access: ADMIN, sample: '/audit' },
  { method: 'GET', path: '/audit/verify', access: ADMIN, sample: '/audit/verify' },
  // Data review (issue 13): everyone sees what review did to the data they see; reviewers change it.
  { method: 'GET', path: '/review/marks', access: ALL, sample: '/review/marks?station=DG-AIR-01' },
  { method: 'POST', path: '/review/marks', access: REVIEW, sample: '/review/marks' },
  { method: 'DELETE', path: '/review/marks/:id', access: REVIEW, sample: '/review/marks/x' },
  { method: 'GET', path: '/review/signoff', access: ALL, sample: '/review/signoff' },
  { method: 'POST', path: '/review/signoff', access: REVIEW, sample: '/review/signoff' },
  { method: 'DELETE', path: '/review/signoff', access: REVIEW, sample: '/review/signoff' },
  { method: 'GET', path: '/review/queue', access: ANALYSIS, sample: '/review/queue' },
]

/** Roles that may read history beyond 7 days and export CSV. */
export const ANALYSIS_ROLES = ANALYSIS

/** History beyond this range (and CSV) is analysis, not live watching. */
export const LIVE_HISTORY_MS = 7 * 86_400_000

/** Compile a permission path to a matcher (`:x` one segment, `*x` the rest). */
export function compilePath(path: string): RegExp {
  const re = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.startsWith('*') ? '.+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${re}/?$`)
}

const COMPILED = PERMISSIONS.map((p) => ({ ...p, re: compilePath(p.path) }))

/** The permission for a request under /api, or undefined (deny). */
export function permissionFor(method: string, path: string): Permission | undefined {
  return COMPILED.find((p) => p.method === method && p.re.test(path))
}

export function allows(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true
  return role !== undefined && access.includes(role)
}
