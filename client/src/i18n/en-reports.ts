/** English strings of the reports page, key for key as zh-reports.ts. */
import type { zhReports } from './zh-reports'

/** The strings, by key. */
export const enReports: Record<keyof typeof zhReports, string> = {
  'nav.reports': 'Reports',
  'admin.au.a.report.generate': 'Report generated',
  'admin.n.reports': 'Reports by e-mail',
  'admin.n.reportsHelp': 'Issued reports of these kinds are e-mailed with their PDF and XLSX.',
  'reports.title': 'Reports',
  'reports.kind': 'Kind',
  'reports.allKinds': 'All kinds',
  'reports.kind.daily-air': 'Daily air report',
  'reports.kind.monthly': 'Monthly report',
  'reports.kind.annual': 'Annual report',
  'reports.kind.targets': 'Targets report',
  'reports.generate': 'Generate a report',
  'reports.generateButton': 'Generate',
  'reports.generating': 'Generating…',
  'reports.period': 'Period',
  'reports.periodHint':
    'A day for the daily report, year-month for the monthly, a year for the annual; the targets report takes any; past periods only.',
  'reports.list': 'Reports',
  'reports.version': 'Version',
  'reports.generatedAt': 'Generated',
  'reports.status': 'Data status',
  'reports.download': 'Download',
  'reports.none': 'No reports yet',
  'reports.superseded': 'superseded',
  'reports.reviewed': 'Reviewed',
  'reports.provisional': 'Provisional (not reviewed)',
  'reports.completeness': 'Data completeness {pct}% ({received} / {expected})',
  'reports.loading': 'Loading the report…',
  'reports.showAll': 'Show all {n} rows',
  'reports.showFirst': 'Show the first {n} rows',
}
