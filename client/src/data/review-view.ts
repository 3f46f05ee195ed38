/**
 * Which data the charts and exports show (issue 13): `reviewed` (default: raw with the review marks
 * applied, as the API serves it by default) or `raw` (what arrived). One choice for the whole app,
 * kept for the session, so the station page, the AQI history and the trends view agree.
 */
import { useSyncExternalStore } from 'react'

/** The data view of the series API (`view=raw|reviewed`). */
export type DataView = 'raw' | 'reviewed'

const KEY = 'envmon.dataView'
let current: DataView = (() => {
  try {
    return globalThis.sessionStorage?.getItem(KEY) === 'raw' ? 'raw' : 'reviewed'
  } catch {
    return 'reviewed'
  }
})()
const listeners = new Set<() => void>()

/** The view in force. */
export function getDataView(): DataView {
  return current
}

/** Switch the view; every chart that reads it reloads. */
export function setDataView(v: DataView): void {
  if (v === current) return
  current = v
  try {
    globalThis.sessionStorage?.setItem(KEY, v)
  } catch {
    // Private mode: the choice lasts until reload.
  }
  for (const l of listeners) l()
}

let epoch = 0

/** Review changed some data (a mark, a withdrawal): charts of reviewed data reload. */
export function reviewChanged(): void {
  epoch++
  for (const l of listeners) l()
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

/** React hook: the view in force (re-renders on change). */
export function useDataView(): DataView {
  return useSyncExternalStore(subscribe, () => current)
}

/**
 * React hook: a key that changes with the view and with every review change, for the dependency
 * list of an effect that loads series.
 */
export function useSeriesKey(): string {
  return useSyncExternalStore(subscribe, () => `${current}#${epoch}`)
}
