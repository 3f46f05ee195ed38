import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { DurableQueue, type GroupedAppendResult } from './durable-queue'

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dq-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const r = (i: number): Reading => ({
  stationId: 'S1',
  kind: 'air',
  ts: 1_800_000_000_000 + i * 1000,
  values: { pm25: i },
  ...(i % 7 === 0 ? { flags: { pm25: 'D' as const } } : {}),
})
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => r(a + k))

/** Take and commit everything; returns the pm25 values in order. */
function drain(q: DurableQueue, max = 1000): number[] {
  const out: number[] = []
  for (let b = q.take(max); b; b = q.take(max)) {
    for (const x of b.readings) out.push(x.values.pm25!)
    q.commit(b)
  }
  return out
}

describe('DurableQueue', () => {
  it('hands out appended readings in order from memory', () => {
    const q = new DurableQueue({ dir: tmp() })
    q.append(range(0, 3))
    q.append(range(3, 5))
    const b = q.take(10)!
    expect(b.replayed).toBe(false)
    expect(b.readings).toEqual(range(0, 5))
    q.commit(b)
    expect(q.snapshot()).toMatchObject({ mode: 'memory', memoryReadings: 0, spoolBytes: 0, committed: 5 })
    q.close()
  })

  it('takes whole appends up to the batch size', () => {
    const q = new DurableQueue({ dir: tmp() })
    q.append(range(0, 3))
    q.append(range(3, 6))
    expect(q.take(4)!.readings).toHaveLength(3)
    expect(q.take(4)!.readings).toHaveLength(3)
    q.close()
  })

  it('spills past its memory bound and replays the spool in order', () => {
    const q = new DurableQueue({ dir: tmp(), maxMemoryReadings: 10 })
    for (let i = 0; i < 50; i += 5) q.append(range(i, i + 5))
    expect(q.snapshot()).toMatchObject({ mode: 'replay', memoryReadings: 0 })
    const vals = drain(q, 7)
    expect(vals).toEqual(range(0, 50).map((x) => x.values.pm25))
    expect(q.snapshot()).toMatchObject({ mode: 'memory', replayed: 50 })
    // New appends go to memory again.
    q.append(range(50, 52))
    expect(q.take(10)).toMatchObject({ replayed: false })
    q.close()
  })

  it('keeps flags through the spool', () => {
    const q = new DurableQueue({ dir: tmp(), maxMemoryReadings: 1 })
    q.append(range(0, 8))
    const b = q.take(100)!
    expect(b.replayed).toBe(true)
    expect(b.readings[7]).toEqual(r(7))
    q.close()
  })

  it('a batch taken but not committed is replayed after a restart', () => {
    const dir = tmp()
    const q1 = new DurableQueue({ dir })
    q1.append(range(0, 4))
    q1.commit(q1.take(100)!)
    q1.append(range(4, 8))
    q1.take(100) // taken, store write "in flight" when the process dies
    q1.close()
    const q2 = new DurableQueue({ dir })
    expect(q2.snapshot().mode).toBe('replay')
    expect(drain(q2)).toEqual([4, 5, 6, 7])
    q2.close()
  })

  it('nothing is replayed when everything was committed', () => {
    const dir = tmp()
    const q1 = new DurableQueue({ dir })
    q1.append(range(0, 4))
    drain(q1)
    q1.close()
    const q2 = new DurableQueue({ dir })
    expect(q2.take(10)).toBeUndefined()
    q2.close()
  })

  it('rotates segments and deletes the committed ones', () => {
    const dir = tmp()
    const q = new DurableQueue({ dir, segmentBytes: 500 })
    for (let i = 0; i < 100; i += 5) q.append(range(i, i + 5))
    expect(readdirSync(dir).filter((f) => f.startsWith('wal-')).length).toBeGreaterThan(3)
    expect(drain(q)).toHaveLength(100)
    expect(readdirSync(dir).filter((f) => f.startsWith('wal-')).length).toBeLessThanOrEqual(2)
    q.close()
  })

  it('reports pressure when the uncommitted spool passes its bound, and relief after commits', () => {
    const q = new DurableQueue({ dir: tmp(), maxSpoolBytes: 1000 })
    let pressure = false
    for (let i = 0; i < 40 && !pressure; i += 5) pressure = q.append(range(i, i + 5)).pressure
    expect(pressure).toBe(true)
    drain(q)
    expect(q.pressure()).toBe(false)
    q.close()
  })

  it('skips a torn last line after a crash and counts it', async () => {
    const dir = tmp()
    const q1 = new DurableQueue({ dir })
    q1.append(range(0, 3))
    q1.close()
    const { appendFileSync } = await import('node:fs')
    const seg = readdirSync(dir).find((f) => f.startsWith('wal-'))!
    appendFileSync(join(dir, seg), '{"s":"S1","k":"air","t":')
    const q2 = new DurableQueue({ dir })
    expect(drain(q2)).toEqual([0, 1, 2])
    expect(q2.snapshot().corruptLines).toBe(1)
    q2.close()
  })

  describe('grouped appends (group commit)', () => {
    const spoolLines = (dir: string) =>
      readdirSync(dir)
        .filter((f) => f.startsWith('wal-'))
        .sort()
        .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))

    it('writes the appends of one turn together, in order, and calls back once they are on disk', async () => {
      const dir = tmp()
      const q = new DurableQueue({ dir })
      const seen: [number, number, GroupedAppendResult][] = []
      for (let i = 0; i < 30; i += 3) q.appendGrouped(range(i, i + 3), (res) => seen.push([i, spoolLines(dir).length, res]))
      expect(spoolLines(dir)).toHaveLength(0) // nothing written yet, nobody told yet
      expect(seen).toHaveLength(0)
      await new Promise((r) => setImmediate(r))
      expect(seen.map(([i]) => i)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27])
      for (const [, lines, res] of seen) {
        expect(lines).toBe(30) // every callback ran after the one write of all 30 lines
        expect(res).toEqual({ ok: true, pressure: false })
      }
      expect(drain(q, 7)).toEqual(range(0, 30).map((x) => x.values.pm25))
      q.close()
    })

    it('writes a group of a bounded size at once when one turn brings a flood (20 000 readings)', async () => {
      const dir = tmp()
      const q = new DurableQueue({ dir })
      const told: number[] = []
      for (let i = 0; i < 30_000; i += 10_000) q.appendGrouped(range(i, i + 10_000), () => told.push(i))
      // The first two made 20 000: written and told within the turn; the third waits for its end.
      expect(told).toEqual([0, 10_000])
      expect(spoolLines(dir)).toHaveLength(20_000)
      await new Promise((r) => setImmediate(r))
      expect(told).toEqual([0, 10_000, 20_000])
      expect(drain(q, 5000)).toEqual(range(0, 30_000).map((x) => x.values.pm25))
      q.close()
    })

    it('keeps its order with plain appends made before and after', async () => {
      const q = new DurableQueue({ dir: tmp() })
      q.append(range(0, 2))
      q.appendGrouped(range(2, 4), () => undefined)
      await new Promise((r) => setImmediate(r))
      q.append(range(4, 6))
      expect(drain(q)).toEqual([0, 1, 2, 3, 4, 5])
      q.close()
    })

    it('reports pressure to every append of the group that passed the bound', async () => {
      const q = new DurableQueue({ dir: tmp(), maxSpoolBytes: 1000 })
      const results: GroupedAppendResult[] = []
      for (let i = 0; i < 40; i += 5) q.appendGrouped(range(i, i + 5), (res) => results.push(res))
      await new Promise((r) => setImmediate(r))
      expect(results).toHaveLength(8)
      expect(results.every((x) => x.ok && x.pressure)).toBe(true)
      q.close()
    })

    it('writes what is pending when closed, and refuses appends after', async () => {
      const dir = tmp()
      const q = new DurableQueue({ dir })
      const first: GroupedAppendResult[] = []
      q.appendGrouped(range(0, 3), (res) => first.push(res))
      q.close()
      expect(first).toEqual([{ ok: true, pressure: false }])
      const late: GroupedAppendResult[] = []
      q.appendGrouped(range(3, 4), (res) => late.push(res))
      expect(late).toMatchObject([{ ok: false, error: { message: 'queue closed' } }])
      const q2 = new DurableQueue({ dir })
      expect(drain(q2)).toEqual([0, 1, 2]) // replayed after the restart
      q2.close()
    })
  })
})
