/**
 * Wire types of envmon as HJ 212 upper computer (issue 12; docs/contract.md, "HJ 212 two-way"):
 * the command log and the gaps, as `GET /api/admin/hj212/commands` and `GET /api/stations/:id/hj212`
 * answer them. The ingest's command log and gap recovery keep exactly these records.
 */

/**
 * sent → acknowledged (9011 QnRtn=1) → executed (9012 ExeRtn=1 or 100 "no data"); `failed` when
 * the logger refused (QnRtn≠1), failed (ExeRtn≠1) or could not be reached; `timed-out` after the
 * last retry went unanswered.
 */
export type Hj212CommandState = 'sent' | 'acknowledged' | 'executed' | 'failed' | 'timed-out'

/** One command and where it got to. */
export interface Hj212CommandEntry {
  id: number
  /** QN of the latest attempt (a retry is a new request, with a new QN). */
  qn: string
  stationId: string
  cn: string
  /** CP parameters sent (BeginTime/EndTime, SystemTime). */
  params: Record<string, string>
  state: Hj212CommandState
  /** What came of it, in words (QnRtn/ExeRtn meaning, readings recovered, the logger's clock). */
  result?: string
  /** Transport it went out on. */
  via?: 'tcp' | 'mqtt'
  /** `auto` (gap recovery, clock check) or the admin's username. */
  by: string
  /** Attempts made (1 = first send). */
  attempts: number
  /** Readings the logger uploaded under this command's QN. */
  readings: number
  createdAt: number
  updatedAt: number
}

/** A gap and what became of it. */
export interface Hj212GapRecord {
  id: number
  stationId: string
  from: number
  to: number
  /** requested → recovered (every chunk executed), no-data (the logger had nothing), failed. */
  state: 'requested' | 'recovered' | 'no-data' | 'failed'
  /** Why it was found: the station came back after silence, or a sweep of closed hours. */
  found: 'return' | 'sweep' | 'manual'
  /** Uploads received for it. */
  readings: number
  /** Command log ids of its requests. */
  commands: number[]
  /** `auto` or the admin who asked. */
  by: string
  detectedAt: number
  result?: string
}

/** The command log and the gaps (of one station, with its command in flight and its transport). */
export interface Hj212CommandsView {
  commands: Hj212CommandEntry[]
  gaps: Hj212GapRecord[]
  /** The station's command in flight, if any (one at a time per station). */
  busy?: Hj212CommandEntry
  /** How commands reach the station: the transport its last frame came by. */
  route?: 'tcp' | 'mqtt'
}
