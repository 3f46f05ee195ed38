/**
 * Wire types of the review API (issue 13; docs/contract.md, "Data review"). Times are ISO 8601.
 */
import type { StationKind } from '../../domain/station'
import type { Finality } from '../../review/signoff'
import type { QueueItem } from '../../review/queue'
import type { InvalidReason, MarkAction } from '../../review/marks'

/** `POST /api/review/marks` body. */
export interface MarkRequest {
  stationId: string
  metrics: string[]
  from: string
  to: string
  action: MarkAction
  reason: InvalidReason | string
  value?: number
  note?: string
}

/** A mark as the API returns it (201 of POST, items of GET). */
export interface MarkView {
  id: string
  seq: number
  stationId: string
  metrics: string[]
  from: string
  to: string
  action: MarkAction
  reason: string
  value?: number
  note?: string
  by: string
  at: string
  /** Present when withdrawn: who, when, why. */
  withdrawn?: { by: string; at: string; note?: string }
}

/** `GET /api/review/marks` body. */
export interface MarksResponse {
  marks: MarkView[]
}

/** `POST` / `DELETE /api/review/signoff` body: one of stationId or kind, one of day or month. */
export interface SignoffRequest {
  stationId?: string
  kind?: StationKind
  day?: string
  month?: string
  note?: string
}

/** A sign-off as the API returns it. */
export interface SignoffView {
  stationId?: string
  kind?: StationKind
  day?: string
  month?: string
  by: string
  at: string
}

/** `GET /api/review/signoff` body. */
export interface SignoffsResponse {
  signoffs: SignoffView[]
}

/** `GET /api/review/queue` body. */
export interface QueueResponse {
  from: string
  to: string
  items: QueueItem[]
}

/** What applied to a reviewed value (the CSV `review` column; series `review` arrays). */
export type ReviewApplied = '' | `invalid:${InvalidReason}` | 'corrected'

/** The review state of a target figure. */
export interface TargetReview {
  finality: Finality
  signedOffDays: number
  totalDays: number
}
