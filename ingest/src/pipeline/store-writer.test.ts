import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Reading } from '../../../shared/src/domain/reading'
import { DuckDbStore } from '../../../server/src/store/duckdb-store'
import type { Store } from '../../../shared/src/ports/store'
import { DurableQueue } from './durable-queue'
import { StoreWriter } from './store-writer'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** The real DuckDB store, except that it refuses (as data) any batch holding a `bad` metric, as a server answering 400 would. */
function refusing(inner: Store): Store {
  return new Proxy(inner, {
    get(target, prop, recv) {
      if (prop !== 'write') return Reflect.get(target, prop, recv)
      return async (rs: Reading[]) => {
        if (rs.some((r) => 'bad' in r.values)) throw Object.assign(new Error('400 bad line'), { rejectsData: true })
        return target.write(rs)
      }
    },
  })
}

describe('StoreWriter', () => {
  it('sets aside readings the store refuses as data and stores the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-'))
    dirs.push(dir)
    const store = await DuckDbStore.open({ path: join(dir, 's.duckdb') })
    const queue = new DurableQueue({ dir: join(dir, 'spool') })
    const refused: Reading[] = []
    const writer = new StoreWriter(queue, refusing(store), { onRefused: (r) => refused.push(r) })
    const rs: Reading[] = Array.from({ length: 100 }, (_, i) => ({
      stationId: 'S',
      kind: 'air',
      ts: 1_800_000_000_000 + i * 1000,
      values: (i === 17 || i === 60 ? { bad: 1 } : { pm25: i }) as Record<string, number>,
    }))
    queue.append(rs)
    writer.start()
    await expect.poll(() => queue.snapshot().committed).toBe(100)
    expect(refused.map((r) => r.ts - 1_800_000_000_000)).toEqual([17_000, 60_000])
    expect(await store.count('S')).toBe(98)
    expect(writer.stats.refused).toBe(2)
    await writer.stop()
    queue.close()
    await store.close()
  })

  it('retries an unreachable store until it returns, keeping the batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-'))
    dirs.push(dir)
    const store = await DuckDbStore.open({ path: join(dir, 's.duckdb') })
    let down = true
    const flaky = new Proxy(store, {
      get(t, p, r) {
        if (p !== 'write') return Reflect.get(t, p, r)
        return async (rs: Reading[]) => {
          if (down) throw new Error('ECONNREFUSED')
          return t.write(rs)
        }
      },
    })
    const queue = new DurableQueue({ dir: join(dir, 'spool') })
    const writer = new StoreWriter(queue, flaky, { retryMinMs: 10, retryMaxMs: 50 })
    queue.append([{ stationId: 'S', kind: 'air', ts: 1, values: { pm25: 1 } }])
    writer.start()
    await expect.poll(() => writer.stats.failures).toBeGreaterThan(2)
    expect(writer.state).toBe('retrying')
    down = false
    await expect.poll(() => queue.snapshot().committed).toBe(1)
    await writer.stop()
    queue.close()
    await store.close()
  })
})
