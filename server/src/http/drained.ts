/**
 * Wait for a writable's back-pressure to clear without leaving listeners behind (issue 15: one
 * `once('close')` per wait piled up until Node warned MaxListenersExceededWarning on every export
 * of about 20k rows or more).
 */
import type { Writable } from 'node:stream'

/**
 * Resolve on `drain` or `close`, whichever comes first, and remove both listeners then: a long
 * stream waits thousands of times on the same response. Resolves at once if the stream is already
 * destroyed (its `close` may have fired before we listen).
 *
 * @example
 * if (!res.write(text)) await drained(res)
 */
export function drained(stream: Pick<Writable, 'once' | 'off' | 'destroyed'>): Promise<void> {
  if (stream.destroyed) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.once('drain', done)
    stream.once('close', done)
  })
}
