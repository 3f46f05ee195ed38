/**
 * Whether a report section's data is reviewed (signed off) or provisional (issue 13): `reviewed`
 * when every station-day the section draws on is signed off, else `provisional`, with how much is.
 * The numbers themselves always come from the reviewed store (marks applied); a sign-off or a mark
 * changes the report's inputs version, so a stored report is reissued as a new version.
 */
import type { Bilingual, DataStatus } from '../../../shared/src/protocol/http/reports'
import type { SignoffShare } from '../../../shared/src/review/signoff'

/** A section's data status and the note the report prints beside it. */
export interface SectionStatus {
  status: DataStatus
  note: Bilingual
}

/**
 * The data status of a section from the share of its station-days signed off (none known: provisional).
 * @example dataStatus({ finality: 'final', signedOffDays: 28, totalDays: 28 }).status // 'reviewed'
 */
export function dataStatus(share: SignoffShare | undefined): SectionStatus {
  if (share && share.finality === 'final')
    return {
      status: 'reviewed',
      note: { zh: `数据已审核签发（${share.totalDays} 个站日）。`, en: `Reviewed data: all ${share.totalDays} station-days signed off.` },
    }
  const signed = share?.signedOffDays ?? 0
  const total = share?.totalDays ?? 0
  return {
    status: 'provisional',
    note: {
      zh: `暂定数据：${total} 个站日中已审核签发 ${signed} 个；审核签发完成后报告将重新发布。`,
      en: `Provisional data: ${signed} of ${total} station-days signed off; the report is reissued once the data is reviewed.`,
    },
  }
}
