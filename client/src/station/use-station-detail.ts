/**
 * GET /api/stations/:id for a station's panel: the rules that apply (for limit lines) and its
 * open alerts (merged into the live alert store, which then keeps them current).
 */
import { useEffect, useState } from 'react'
import { ApiError, api } from '../data/api'
import type { RuleView } from '../data/api-types'
import { alertStore } from '../data/live'
import { reportError } from '../data/notices'

/** The detail request's state. */
export type StationDetailState =
  { state: 'loading' } | { state: 'ready'; rules: RuleView[] } | { state: 'not-found' } | { state: 'error'; message: string }

/** Load a station's detail; refetched when the id changes. */
export function useStationDetail(stationId: string): StationDetailState {
  const [s, setS] = useState<StationDetailState>({ state: 'loading' })
  useEffect(() => {
    const ctl = new AbortController()
    setS({ state: 'loading' })
    api
      .station(stationId, ctl.signal)
      .then((d) => {
        alertStore.merge(d.openAlerts)
        setS({ state: 'ready', rules: d.rules })
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return
        if (e instanceof ApiError && e.status === 404) setS({ state: 'not-found' })
        else {
          setS({ state: 'error', message: e instanceof Error ? e.message : String(e) })
          reportError(e, `GET /api/stations/${stationId}`)
        }
      })
    return () => ctl.abort()
  }, [stationId])
  return s
}
