/**
 * The targets board of a period: fetched from GET /api/targets, and for the month (the period the
 * server pushes) replaced live by the socket `targets` event. Refetched after a reconnect.
 */
import { useEffect, useState } from 'react'
import { api } from '../data/api'
import { useReconnects } from '../data/hooks'
import { useTargetsPush } from '../data/targets-store'
import type { TargetsBody, TargetsPeriod } from '../data/targets-types'

/** The board's state; `live` says the body came from a socket push. */
export type TargetsState =
  { state: 'loading' } | { state: 'ready'; body: TargetsBody; live: boolean; at: number } | { state: 'error'; message: string }

/** The board for `period`. */
export function useTargets(period: TargetsPeriod): TargetsState {
  const [s, setS] = useState<TargetsState>({ state: 'loading' })
  const reconnects = useReconnects()
  const push = useTargetsPush()
  useEffect(() => {
    const ctl = new AbortController()
    setS({ state: 'loading' })
    api
      .targets(period, undefined, ctl.signal)
      .then((body) => setS({ state: 'ready', body, live: false, at: Date.now() }))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setS({ state: 'error', message: e instanceof Error ? e.message : String(e) })
      })
    return () => ctl.abort()
  }, [period, reconnects])
  if (period === 'month' && push && push.body.period.name === 'month' && (s.state !== 'ready' || push.at > s.at))
    return { state: 'ready', body: push.body, live: true, at: push.at }
  return s
}
