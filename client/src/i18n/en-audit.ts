/** English strings of the audit trail tab, key for key as zh-audit.ts. */
import type { zhAudit } from './zh-audit'

export const enAudit: Record<keyof typeof zhAudit, string> = {
  'admin.audit': 'Audit log',
  'admin.au.intro':
    'Every action that changes the system (logins and failed logins, users, stations, credentials, rules, notification settings, alert acknowledgements and resolutions, data review…) is appended as it happens: who, when, from which address, what, and before and after. The log is append-only and hash-chained, and keeps no passwords or secrets.',
  'admin.au.csv': 'Export CSV',
  'admin.au.user': 'User',
  'admin.au.action': 'Action',
  'admin.au.from': 'From (CST)',
  'admin.au.to': 'To (CST)',
  'admin.au.apply': 'Search',
  'admin.au.none': 'No record matches.',
  'admin.au.time': 'Time (CST)',
  'admin.au.address': 'Address',
  'admin.au.target': 'On',
  'admin.au.status': 'Result',
  'admin.au.changes': 'Changes',
  'admin.au.incomplete': '(incomplete)',
  'admin.au.nChanges': '{n} changed',
  'admin.au.request': 'Request',
  'admin.au.field': 'Field',
  'admin.au.before': 'Before',
  'admin.au.after': 'After',
  'admin.au.node': 'node {node}, record {seq}',
  'admin.au.newer': 'Newer',
  'admin.au.older': 'Older',
  'admin.au.range': '{from}–{to} of {total}',
}
