/**
 * React hooks over the live stores (useSyncExternalStore): each component subscribes to the
 * narrowest thing it shows.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { AlertEvent } from '../../../shared/src/domain/alert'
import type { StationView } from './api-types'
import type { ConnectionCause, ConnectionState } from './connection-state'
import { alertStore, liveSocket, stationStore } from './live'
import { getNotices, subscribeNotices, type Notice } from './notices'

/** The connection state shown in the header. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(liveSocket.subscribe, liveSocket.getState)
}

/** Which link the connection state is about: the server, or the server's broker. */
export function useConnectionCause(): ConnectionCause {
  return useSyncExternalStore(liveSocket.subscribe, liveSocket.getCause)
}

/** A number that changes each time the live feed comes back after a loss. */
export function useReconnects(): number {
  return useSyncExternalStore(liveSocket.subscribe, liveSocket.getReconnects)
}

/** When the live feed was lost, while it is not live. */
export function useConnectionLostAt(): number | undefined {
  return useSyncExternalStore(liveSocket.subscribe, liveSocket.getLostAt)
}

/** All stations; re-renders when stations appear or change status or alerts (not per reading). */
export function useStationList(): readonly StationView[] {
  useSyncExternalStore(stationStore.subscribeList, stationStore.getListVersion)
  return stationStore.all()
}

/** One station, re-rendering on its own changes (at most once per frame). */
export function useStation(id: string | undefined): StationView | undefined {
  const subscribe = useCallback((cb: () => void) => (id ? stationStore.subscribeStation(id, cb) : () => undefined), [id])
  useSyncExternalStore(subscribe, () => (id ? stationStore.getRev(id) : 0))
  useSyncExternalStore(stationStore.subscribeList, stationStore.getListVersion)
  return id ? stationStore.get(id) : undefined
}

/** All alerts held by the store. */
export function useAlerts(): readonly AlertEvent[] {
  useSyncExternalStore(alertStore.subscribe, alertStore.getVersion)
  return alertStore.list()
}

/** Notices (errors) to show. */
export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(subscribeNotices, getNotices)
}
