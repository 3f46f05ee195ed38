/**
 * Wire types of `GET /api/completeness` (docs/contract.md, "Completeness"): per station and bucket,
 * readings expected, received and valid, and the transmission and valid-data rates
 * (shared/src/standards/completeness.ts; definitions in docs/standards.md, "Data completeness").
 * Times are ISO 8601 in China Standard Time; rates are fractions 0..1, null when nothing was expected.
 */
import type { StationKind } from '../../domain/station'
import type { CompletenessEvery } from '../../standards/completeness'

/** Counts and rates of one bucket, one station or one metric. */
export interface CompletenessTallyBody {
  expected: number
  received: number
  valid: number
  transmission: number | null
  validRate: number | null
}

/** One bucket of one station; `metrics` only when one station is asked for (`station=`). */
export interface CompletenessBucketBody extends CompletenessTallyBody {
  /** Bucket start, ISO CST. */
  from: string
  metrics?: Record<string, CompletenessTallyBody>
}

/** One station over the range. */
export interface CompletenessStationBody {
  stationId: string
  kind: StationKind
  nameZh: string
  nameEn: string
  town: string
  townEn?: string
  intervalSec: number
  /** When counting starts: the station's first data, or the range start (ISO CST). */
  countedFrom: string
  total: CompletenessTallyBody & { metrics: Record<string, CompletenessTallyBody> }
  buckets: CompletenessBucketBody[]
}

/** The `GET /api/completeness` body: stations sorted worst valid-data rate first. */
export interface CompletenessBody {
  from: string
  to: string
  every: CompletenessEvery
  computedAt: string
  /** All the stations listed, together. */
  total: CompletenessTallyBody
  stations: CompletenessStationBody[]
}
