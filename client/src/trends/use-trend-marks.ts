/**
 * The review marks of the picked stations over the loaded range (issue 13), as chart shading per
 * metric, each band labelled with its reason and station. Reloaded with every review change.
 */
import { useEffect, useState } from 'react'
import type { MarkView } from '../../../shared/src/protocol/http/review'
import type { ReviewShade } from '../charts/review-shades'
import { reportError } from '../data/notices'
import { reviewApi } from '../data/review-api'
import { useSeriesKey } from '../data/review-view'
import type { Translate } from '../i18n/i18n'
import { reasonText } from '../review/reason-text'
import { shadesOf } from '../review/review-model'

/** Marks of `stationIds` touching [from, to) (undefined range: none). */
export function useTrendMarks(stationIds: readonly string[], range: [number, number] | undefined): readonly MarkView[] {
  const [marks, setMarks] = useState<readonly MarkView[]>([])
  const key = useSeriesKey()
  const ids = stationIds.join(',')
  const from = range?.[0]
  const to = range?.[1]
  useEffect(() => {
    if (!ids || from === undefined || to === undefined) {
      setMarks([])
      return
    }
    const ctl = new AbortController()
    Promise.all(ids.split(',').map((id) => reviewApi.marks(id, from, to, ctl.signal)))
      .then((rs) => setMarks(rs.flatMap((r) => r.marks)))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, 'GET /api/review/marks (trends)')
      })
    return () => ctl.abort()
  }, [ids, from, to, key])
  return marks
}

/** The shading of one metric: every picked station's marks in force, labelled "reason · station". */
export function trendShades(marks: readonly MarkView[], metric: string, t: Translate): ReviewShade[] {
  return shadesOf(marks, metric, (m) => `${reasonText(m, t)} · ${m.stationId}`)
}
