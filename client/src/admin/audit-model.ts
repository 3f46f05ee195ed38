/**
 * The audit tab's pure parts: the filter form as the `GET /api/audit` query (times typed in China
 * Standard Time), the CSV link, and what a record changed, for the table.
 */
import type { AuditRecord } from '../../../shared/src/protocol/http/audit'

/** The filter as typed: times as `datetime-local` values read as China Standard Time. */
export interface AuditFilterForm {
  user: string
  action: string
  /** `YYYY-MM-DDTHH:mm` (CST) or ''. */
  from: string
  to: string
}

export const NO_AUDIT_FILTER: AuditFilterForm = { user: '', action: '', from: '', to: '' }

/** Actions offered in the action field (any other can be typed; a prefix ending in `*` matches a family). */
export const AUDIT_ACTIONS = [
  'auth.*',
  'auth.login',
  'auth.login-failed',
  'auth.login-throttled',
  'auth.logout',
  'user.*',
  'station.*',
  'station.credentials',
  'rules.update',
  'notify.*',
  'alert.*',
  'alert.ack',
  'alert.resolve',
  'review.*',
  'report.generate',
  'hj212.*',
] as const

/** Actions with a label of their own (`admin.au.a.<action>`); others show as their name. */
export const LABELLED_ACTIONS: ReadonlySet<string> = new Set([
  'auth.login',
  'auth.login-failed',
  'auth.login-throttled',
  'auth.logout',
  'user.create',
  'user.update',
  'user.delete',
  'station.create',
  'station.update',
  'station.delete',
  'station.credentials',
  'rules.update',
  'notify.recipient.put',
  'notify.recipient.delete',
  'notify.group.put',
  'notify.group.delete',
  'notify.policy.put',
  'notify.policy.delete',
  'alert.ack',
  'alert.resolve',
  'report.generate',
  'review.mark',
  'review.withdraw',
  'review.signoff',
  'review.reopen',
  'hj212.history',
  'hj212.clock',
])

/** A `datetime-local` value in CST as ISO 8601 with its offset, or undefined when empty or not a time. */
export function cstInputToIso(v: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return undefined
  const iso = `${v.length === 16 ? `${v}:00` : v}+08:00`
  return Number.isFinite(Date.parse(iso)) ? iso : undefined
}

/**
 * The query string of `GET /api/audit` for a filter (without paging for the CSV link).
 * @example auditQuery({ user: 'ops', action: '', from: '2026-12-01T08:00', to: '' }, { offset: 0, limit: 50 })
 * // 'user=ops&from=2026-12-01T08%3A00%3A00%2B08%3A00&offset=0&limit=50'
 */
export function auditQuery(f: AuditFilterForm, page?: { offset: number; limit: number }, format?: 'csv'): string {
  const q = new URLSearchParams()
  if (f.user.trim()) q.set('user', f.user.trim())
  if (f.action.trim()) q.set('action', f.action.trim())
  const from = cstInputToIso(f.from)
  const to = cstInputToIso(f.to)
  if (from) q.set('from', from)
  if (to) q.set('to', to)
  if (page) {
    q.set('offset', String(page.offset))
    q.set('limit', String(page.limit))
  }
  if (format) q.set('format', format)
  return q.toString()
}

/** One field a record changed: its name and the values before and after (undefined = absent). */
export interface AuditChange {
  field: string
  before: unknown
  after: unknown
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The top-level fields that differ between `before` and `after` (for a record that has both), or
 * every field of the one it has (a creation or a deletion).
 */
export function auditChanges(r: Pick<AuditRecord, 'before' | 'after'>): AuditChange[] {
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined)
  const b = obj(r.before)
  const a = obj(r.after)
  if (!b && !a) return r.before === undefined && r.after === undefined ? [] : [{ field: '', before: r.before, after: r.after }]
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  return keys.filter((k) => !b || !a || !same(b[k], a[k])).map((k) => ({ field: k, before: b?.[k], after: a?.[k] }))
}

/** A value for a table cell: text as is, anything else as compact JSON, absent as an en dash. */
export function auditValue(v: unknown): string {
  if (v === undefined) return '–'
  return typeof v === 'string' ? v : JSON.stringify(v)
}
