/**
 * One shared once-a-second clock for everything that ticks (the header clock, alert durations):
 * one timer for the whole page, and only the components that show time re-render.
 */
import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  if (!timer) {
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const l of listeners) l()
    }, 1000)
  }
  return () => {
    listeners.delete(cb)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/** The current time (epoch ms), updated once a second. */
export function useSecond(): number {
  return useSyncExternalStore(subscribe, () => now)
}
