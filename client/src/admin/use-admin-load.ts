/**
 * Load an admin list and reload it after a change; errors are kept for the view to show (and
 * reported as notices).
 */
import { useCallback, useEffect, useState } from 'react'
import { reportError } from '../data/notices'

/** A loaded list with its reload. */
export interface AdminLoad<T> {
  data?: T
  error?: string
  reload: () => void
}

/** Load with `load` now and on every `reload()`. */
export function useAdminLoad<T>(load: () => Promise<T>, context: string): AdminLoad<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<string>()
  const [n, setN] = useState(0)
  useEffect(() => {
    let live = true
    load()
      .then((d) => live && (setData(d), setError(undefined)))
      .catch((e: unknown) => {
        if (!live) return
        setError(e instanceof Error ? e.message : String(e))
        reportError(e, context)
      })
    return () => {
      live = false
    }
    // `load` is a module-level API call; only an explicit reload refetches.
  }, [n])
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) }
}
