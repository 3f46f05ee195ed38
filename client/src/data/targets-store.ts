/**
 * The latest month-to-date targets board pushed by the socket `targets` event, for the targets
 * view to replace its fetched board without polling. Framework-free; React reads it through
 * {@link useTargetsPush}.
 */
import { useSyncExternalStore } from 'react'
import { maybeTargetsBody, type TargetsBody } from './targets-types'

let latest: { body: TargetsBody; at: number } | undefined
const listeners = new Set<() => void>()

/** Take a socket payload; anything that is not a board is ignored. */
export function applyTargetsPush(payload: unknown, at: number = Date.now()): void {
  const body = maybeTargetsBody(payload)
  if (!body) return
  latest = { body, at }
  for (const l of listeners) l()
}

/** The latest pushed board and when it arrived, if any. */
export function getTargetsPush(): { body: TargetsBody; at: number } | undefined {
  return latest
}

const subscribe = (cb: () => void) => {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** The latest pushed board, re-rendering on each push. */
export function useTargetsPush(): { body: TargetsBody; at: number } | undefined {
  return useSyncExternalStore(subscribe, getTargetsPush)
}
