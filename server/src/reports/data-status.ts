/**
 * Whether a report section's data is reviewed (signed off) or provisional. The review feature
 * (issue 13) is built separately: until it is connected here, every section is `provisional`, and
 * the report says so. The lead connects this one function to the sign-offs (a period's stations
 * all signed off → `reviewed`); nothing else in the reports decides the status.
 */
import type { Bilingual, DataStatus } from '../../../shared/src/protocol/http/reports'
import type { ReportPeriod } from '../../../shared/src/reports/report-period'

/** A section's data status and the note the report prints beside it. */
export interface SectionStatus {
  status: DataStatus
  note: Bilingual
}

/**
 * The data status of `stations`' data over `period`.
 * @example dataStatus(parseReportPeriod('2026-02')!, ['DG-A01']).status // 'provisional'
 */
export function dataStatus(period: Pick<ReportPeriod, 'text'>, stations: readonly string[]): SectionStatus {
  void period
  void stations
  return {
    status: 'provisional',
    note: {
      zh: '数据未经审核（暂定数据）：审核签发功能接入后，报告将按审核结果重新发布。',
      en: 'Provisional data, not yet reviewed: once data review (sign-off) is connected, the report is reissued with the reviewed data.',
    },
  }
}
