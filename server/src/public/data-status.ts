/**
 * Whether published data is reviewed or provisional (issue 14, "Data rules"). The bureau picks a
 * policy (`PUBLIC_DATA`): publish reviewed data only where it exists, or provisional data; every
 * public body carries the label either way.
 *
 * Data review (issue 13) connects through the `reviewed(stationIds, from, to)` check (the
 * composition passes one over the sign-offs): the daily report, the water compliance and the
 * targets are labelled `reviewed` once all their station-days are signed off. Real-time hourly data is
 * provisional by nature (the national real-time release publishes it unreviewed, labelled so).
 */
import type { PublicDataLabel, PublicDataStatus } from '../../../shared/src/protocol/http/public'

/** Whether all the given stations' data in [from, to) is reviewed. */
export type ReviewedCheck = (stationIds: readonly string[], from: number, to: number) => boolean

/** What a public body shows: real-time hours, or completed days over [from, to). */
export type PublicSpan = { kind: 'realtime' } | { kind: 'days'; stationIds: readonly string[]; from: number; to: number }

/** The PUBLIC_DATA values. */
export const PUBLIC_DATA_POLICIES: readonly PublicDataStatus[] = ['provisional', 'reviewed']

/**
 * The label of a public body: `reviewed` only when a review check exists and signs off every
 * station-day of the span; otherwise `provisional`.
 * @example publicDataLabel('reviewed', { kind: 'realtime' }) // { status: 'provisional', policy: 'reviewed' }
 */
export function publicDataLabel(policy: PublicDataStatus, span: PublicSpan, reviewed?: ReviewedCheck): PublicDataLabel {
  const ok = span.kind === 'days' && reviewed !== undefined && span.stationIds.length > 0 && reviewed(span.stationIds, span.from, span.to)
  return { status: ok ? 'reviewed' : 'provisional', policy }
}
