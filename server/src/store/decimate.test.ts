import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataFlag } from '../../../shared/src/domain/reading'
import { decimateM4, m4Sql } from './decimate'

const N = (n: number) => Array.from({ length: n }, () => 'N' as DataFlag)

describe('decimateM4', () => {
  it('keeps every point when there are few', () => {
    expect(decimateM4([0, 1, 2], [3, 1, 2], N(3), 0, 3, 1)).toEqual({ t: [0, 1, 2], v: [3, 1, 2], flags: ['N', 'N', 'N'] })
  })

  it('keeps first, min, max and last of each bucket, in time order', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    const v = [5, 9, 1, 4, 4, 2, 8, 0, 3, 6]
    // two buckets [0,5) and [5,10)
    expect(decimateM4(t, v, N(10), 0, 10, 2)).toEqual({ t: [0, 1, 2, 4, 5, 6, 7, 9], v: [5, 9, 1, 4, 2, 8, 0, 6], flags: N(8) })
  })

  it('reduces a year of one-minute data to at most 4 points per bucket with the extremes kept', () => {
    const n = 525_600
    const t = Array.from({ length: n }, (_, i) => i * 60_000)
    const v = t.map((_, i) => Math.sin(i / 1000) * 50 + (i === 300_000 ? 999 : 0))
    const d = decimateM4(t, v, N(n), 0, n * 60_000, 1000)
    expect(d.t.length).toBeLessThanOrEqual(4000)
    expect(Math.max(...d.v)).toBe(999 + Math.sin(300) * 50)
    expect(d.t).toEqual([...d.t].sort((a, b) => a - b))
  })

  it('carries the flag of each kept point', () => {
    expect(decimateM4([0, 1, 2, 3, 4, 5], [1, 9, 1, 1, 1, 1], ['N', 'D', 'N', 'N', 'N', 'M'], 0, 6, 1).flags).toEqual(['N', 'D', 'M'])
  })
})

describe('m4Sql (on DuckDB)', () => {
  let db: DuckDBInstance
  let c: DuckDBConnection
  // A seeded generator for the time steps.
  let seed = 16
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const FROM = 1_796_000_000_000
  const FLAGS: DataFlag[] = ['N', 'N', 'N', 'N', 'D', 'M']
  const data = new Map<string, { t: number[]; v: number[]; flags: DataFlag[] }>()

  const rows = async (sql: string) => {
    const [metric, t, v, f] = (await c.runAndReadAll(sql)).getColumnsJS() as [string[], number[], number[], DataFlag[]]
    return { metric, t, v, f }
  }

  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:')
    c = await db.connect()
    await c.run(`CREATE TABLE readings (station_id VARCHAR, metric VARCHAR, ts BIGINT, value DOUBLE, flag VARCHAR)`)
    const values: string[] = []
    for (const metric of ['pm10', 'pm25']) {
      const d = { t: [] as number[], v: [] as number[], flags: [] as DataFlag[] }
      // Irregular steps (1–3 s) over about 6 h, and a spike the decimation must keep.
      for (let t = FROM, i = 0; t < FROM + 6 * 3_600_000; t += 1000 + Math.floor(rnd() * 1900), i++) {
        // Distinct values (a permutation), so "the" minimum of a bucket is one point; eighths are
        // exact both in JS and in the SQL literal.
        const v = i === 4321 ? 50_000 : ((i * 7919) % 10_007) / 8
        d.t.push(t)
        d.v.push(v)
        d.flags.push(FLAGS[i % FLAGS.length]!)
        values.push(`('A', '${metric}', ${t}, ${v}, '${FLAGS[i % FLAGS.length]}')`)
      }
      data.set(metric, d)
    }
    // Another station in the same table and range: not selected.
    values.push(`('B', 'pm25', ${FROM + 1000}, 99999, 'N')`)
    await c.run(`INSERT INTO readings VALUES ${values.join(',')}`)
  })

  afterAll(() => {
    c?.closeSync()
    db?.closeSync()
  })

  it('returns exactly the points of the in-memory M4, per metric in time order, with their flags', async () => {
    const to = FROM + 6 * 3_600_000
    const r = await rows(m4Sql(`station_id = 'A' AND ts >= ${FROM} AND ts < ${to}`, FROM, to, 300))
    for (const metric of ['pm10', 'pm25']) {
      const d = data.get(metric)!
      const want = decimateM4(d.t, d.v, d.flags, FROM, to, 300)
      const idx = r.metric.flatMap((m, i) => (m === metric ? [i] : []))
      expect(idx.map((i) => r.t[i])).toEqual(want.t)
      expect(idx.map((i) => r.v[i])).toEqual(want.v)
      expect(idx.map((i) => r.f[i])).toEqual(want.flags)
    }
    expect(r.metric).toEqual([...r.metric].sort())
  })

  it('keeps the extremes of the range and at most four points per bucket', async () => {
    const to = FROM + 6 * 3_600_000
    const r = await rows(m4Sql(`station_id = 'A' AND metric = 'pm25' AND ts >= ${FROM} AND ts < ${to}`, FROM, to, 100))
    const d = data.get('pm25')!
    expect(Math.max(...r.v)).toBe(50_000)
    expect(Math.min(...r.v)).toBe(Math.min(...d.v))
    expect(r.t[0]).toBe(d.t[0])
    expect(r.t.at(-1)).toBe(d.t.at(-1))
    expect(r.t.length).toBeLessThanOrEqual(400)
    expect(r.v).not.toContain(99999)
  })

  it('refuses a bound that is not a safe integer', () => {
    expect(() => m4Sql('true', Number.NaN, 1, 10)).toThrow('invalid from: NaN')
  })
})
