/**
 * The review marks of a station over a range (GET /api/review/marks), reloaded after each review
 * change and every 5 minutes as the range slides (another reviewer's marks appear without a reload).
 */
import { useEffect, useState } from 'react'
import type { MarkView } from '../../../shared/src/protocol/http/review'
import { reportError } from '../data/notices'
import { reviewApi } from '../data/review-api'
import { useSeriesKey } from '../data/review-view'

const STEP_MS = 5 * 60_000

/** Marks (withdrawn ones included) touching the `spanMs` before `to` of a station. */
export function useReviewMarks(stationId: string, spanMs: number, to: number): readonly MarkView[] {
  const [marks, setMarks] = useState<readonly MarkView[]>([])
  const key = useSeriesKey()
  // The range moves in 5-minute steps, so a re-render does not refetch.
  const end = Math.ceil(to / STEP_MS) * STEP_MS
  useEffect(() => {
    const ctl = new AbortController()
    reviewApi
      .marks(stationId, end - spanMs - STEP_MS, end, ctl.signal)
      .then((r) => setMarks(r.marks))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, 'GET /api/review/marks')
      })
    return () => ctl.abort()
  }, [stationId, spanMs, end, key])
  return marks
}
