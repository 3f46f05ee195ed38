/**
 * One callback per animation frame: many requests in the same frame run the work once. The
 * scheduler is injected so stores stay testable in Node without a DOM.
 */

/** Schedules a callback for the next frame (requestAnimationFrame in the browser). */
export type FrameScheduler = (cb: () => void) => void

/** The browser's frame scheduler, with a timer fallback where there is no requestAnimationFrame. */
export const animationFrame: FrameScheduler = (cb) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => cb())
  else setTimeout(cb, 16)
}

/**
 * A coalescing trigger: `request()` any number of times in a frame, `run` runs once next frame.
 * @example const redraw = frameCoalescer(animationFrame, draw); socket.on('reading', () => redraw())
 */
export function frameCoalescer(schedule: FrameScheduler, run: () => void): () => void {
  let pending = false
  return () => {
    if (pending) return
    pending = true
    schedule(() => {
      pending = false
      run()
    })
  }
}
