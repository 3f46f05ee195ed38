/**
 * Review annotations (issue 13) of one station's active alerts, taken anew from the API: what a
 * station's panel or page needs when it opens or after a review change there. Asking for that
 * station's active alerts only (`station=`) rather than the whole city's (up to 10 000) keeps the
 * page's first requests small: they share the server with the page's trend (issue 16).
 */
import { api } from '../data/api'
import { alertStore } from '../data/live'
import { reportError } from '../data/notices'

const LIMIT = 10_000

/**
 * Re-annotate `stationId`'s active alerts in the alert store.
 * @example useEffect(() => { const ctl = new AbortController(); refreshStationAnnotations(id, ctl.signal); return () => ctl.abort() }, [id])
 */
export function refreshStationAnnotations(stationId: string, signal?: AbortSignal): void {
  api
    .stationAlerts(stationId, 'active', LIMIT, signal)
    .then((r) => alertStore.annotate(r.alerts))
    .catch((e: unknown) => {
      if (!signal?.aborted) reportError(e, `GET /api/alerts?station=${stationId} (review annotations)`)
    })
}
