/**
 * User-visible notices (failed requests and the like): the data layer reports errors here and the
 * shell shows them, so an API error is never swallowed into an empty panel.
 */
import { ApiError } from './api'

/** One notice. */
export interface Notice {
  id: number
  /** Server error code (or network / timeout). */
  code: string
  message: string
  /** What the user was doing, e.g. "GET /api/stations". */
  context?: string
  at: number
}

const AUTO_DISMISS_MS = 10_000
const MAX = 4

let items: readonly Notice[] = []
let nextId = 1
const listeners = new Set<() => void>()

function emit(): void {
  for (const l of listeners) l()
}

/** The current notices, newest last (a stable array until the next change). */
export function getNotices(): readonly Notice[] {
  return items
}

/** Subscribe to notice changes (useSyncExternalStore shape). */
export function subscribeNotices(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** Remove one notice. */
export function dismissNotice(id: number): void {
  items = items.filter((n) => n.id !== id)
  emit()
}

/**
 * Show an error to the operator. Aborted requests are ignored; the same message already on screen
 * is not repeated.
 */
export function reportError(err: unknown, context?: string): void {
  if (err instanceof DOMException && err.name === 'AbortError') return
  const code = err instanceof ApiError ? err.code : 'error'
  const message = err instanceof Error ? err.message : String(err)
  if (items.some((n) => n.message === message && n.context === context)) return
  const n: Notice = { id: nextId++, code, message, context, at: Date.now() }
  items = [...items, n].slice(-MAX)
  emit()
  setTimeout(() => dismissNotice(n.id), AUTO_DISMISS_MS)
}
