/**
 * The dead letters, loaded now, every 10 s while the view is open (not while the browser tab is
 * hidden; at once when it shows again) and on demand. A failure keeps the last list and is
 * reported once per distinct message, so a server that is down does not add a notice every 10 s.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { adminApi } from '../data/admin-api'
import type { DeadLettersBody } from '../data/admin-types'
import { reportError } from '../data/notices'

/** Seconds between automatic refreshes. */
export const DEAD_LETTER_REFRESH_MS = 10_000

/** The loaded letters and their state. */
export interface DeadLetters {
  data?: DeadLettersBody
  error?: string
  loading: boolean
  /** When the shown data arrived (epoch ms). */
  updatedAt?: number
  reload: () => void
}

/**
 * Load the latest `limit` letters (of one `reason` when given: asked of the server, so a flood of
 * another reason cannot hide them) and keep them fresh.
 */
export function useDeadLetters(limit: number, reason?: string): DeadLetters {
  const [data, setData] = useState<DeadLettersBody>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)
  const [updatedAt, setUpdatedAt] = useState<number>()
  const inFlight = useRef<AbortController | undefined>(undefined)
  const lastReported = useRef<string | undefined>(undefined)

  const load = useCallback(() => {
    inFlight.current?.abort()
    const ac = new AbortController()
    inFlight.current = ac
    setLoading(true)
    adminApi
      .deadLetters(limit, ac.signal, reason)
      .then((d) => {
        if (ac.signal.aborted) return
        setData(d)
        setError(undefined)
        setUpdatedAt(Date.now())
        lastReported.current = undefined
      })
      .catch((e: unknown) => {
        if (ac.signal.aborted) return
        const msg = e instanceof Error ? e.message : String(e)
        setError(msg)
        if (lastReported.current !== msg) reportError(e, 'GET /api/deadletters')
        lastReported.current = msg
      })
      .finally(() => {
        if (inFlight.current === ac) setLoading(false)
      })
  }, [limit, reason])

  useEffect(() => {
    load()
    const timer = setInterval(() => {
      if (!document.hidden) load()
    }, DEAD_LETTER_REFRESH_MS)
    const onVisible = () => {
      if (!document.hidden) load()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisible)
      inFlight.current?.abort()
    }
  }, [load])

  return { data, error, loading, updatedAt, reload: load }
}
