/**
 * One alert with its notification deliveries (GET /api/alerts/:id), refreshed every 10 s while
 * shown (deliveries move from pending to sent or failed) and after each reconnect. The alert itself
 * is merged into the live store, which then keeps it current from socket events.
 */
import { useEffect, useState } from 'react'
import { ApiError, api } from '../data/api'
import type { DeliveryView } from '../data/api-types'
import { useReconnects } from '../data/hooks'
import { alertStore } from '../data/live'

/** The request's state. */
export type AlertDetailState =
  | { state: 'loading' }
  | { state: 'ready'; deliveries: DeliveryView[]; at: number }
  | { state: 'not-found' }
  | { state: 'error'; message: string }

const REFRESH_MS = 10_000

/** Load an alert's detail and keep its deliveries fresh. */
export function useAlertDetail(alertId: string): AlertDetailState {
  const [s, setS] = useState<AlertDetailState>({ state: 'loading' })
  const reconnects = useReconnects()
  useEffect(() => {
    const ctl = new AbortController()
    setS({ state: 'loading' })
    const load = () =>
      api
        .alert(alertId, ctl.signal)
        .then(({ deliveries, ...a }) => {
          alertStore.merge([a])
          setS({ state: 'ready', deliveries, at: Date.now() })
        })
        .catch((e: unknown) => {
          if (ctl.signal.aborted) return
          if (e instanceof ApiError && e.status === 404) setS({ state: 'not-found' })
          else setS({ state: 'error', message: e instanceof Error ? e.message : String(e) })
        })
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => {
      clearInterval(timer)
      ctl.abort()
    }
  }, [alertId, reconnects])
  return s
}
