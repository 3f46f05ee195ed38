import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { drained } from './drained'

/** A writable that takes one chunk per tick and signals back-pressure above 4 bytes. */
function slowSink(): Writable {
  return new Writable({ highWaterMark: 4, write: (_c, _e, cb) => setImmediate(cb) })
}

describe('drained', () => {
  it('leaves no listener behind after many back-pressure waits', async () => {
    const w = slowSink()
    let waits = 0
    for (let i = 0; i < 200; i++) {
      if (!w.write('0123456789')) {
        await drained(w)
        waits++
      }
    }
    expect(waits).toBe(200)
    expect(w.listenerCount('drain')).toBe(0)
    expect(w.listenerCount('close')).toBe(0)
  })

  it('resolves when the stream closes instead of draining, and removes both listeners', async () => {
    const w = slowSink()
    expect(w.write('0123456789')).toBe(false)
    const wait = drained(w)
    w.destroy()
    await wait
    expect(w.listenerCount('drain')).toBe(0)
    expect(w.listenerCount('close')).toBe(0)
  })

  it('resolves at once for a stream already destroyed (its close may be past)', async () => {
    const w = slowSink()
    w.destroy()
    await new Promise((r) => setImmediate(r))
    await drained(w)
    expect(w.listenerCount('close')).toBe(0)
  })
})
