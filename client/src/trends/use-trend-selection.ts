/**
 * The picked stations and metrics of the trends view, kept in sessionStorage so leaving the view
 * (to open a station, say) and coming back restores the comparison.
 */
import { useState } from 'react'

const KEY = 'envmon.trends.selection'

interface Stored {
  stations: string[]
  metrics: string[]
}

function read(): Stored {
  try {
    const v = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? 'null') as Partial<Stored> | null
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [])
    return { stations: strings(v?.stations), metrics: strings(v?.metrics) }
  } catch {
    return { stations: [], metrics: [] }
  }
}

/** Picked stations and metrics with setters that remember them. */
export function useTrendSelection(): Stored & { set: (patch: Partial<Stored>) => void } {
  const [sel, setSel] = useState<Stored>(read)
  const set = (patch: Partial<Stored>) =>
    setSel((prev) => {
      const next = { ...prev, ...patch }
      try {
        globalThis.sessionStorage?.setItem(KEY, JSON.stringify(next))
      } catch {
        // Storage unavailable: the selection lasts while the view is open.
      }
      return next
    })
  return { ...sel, set }
}
