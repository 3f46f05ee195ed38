/**
 * The reviewed view of the store (issue 13) over a real DuckDB in a temp dir: every aggregate
 * function leaves invalid values out and takes corrections, buckets a mark empties disappear,
 * the others pass through untouched; decimated raw series, the many-station query and the export
 * agree; a query no mark touches is the raw store's answer.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportRow, Store } from '../shared/src/ports/store'
import type { Mark } from '../shared/src/review/marks'
import { ReviewedStore, type ReviewedExportRow } from '../server/src/review/reviewed-store'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { HOUR, MIN, T0, reading } from './helpers/store-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'envmon-reviewed-'))
let raw: Store
let marks: Mark[] = []
let reviewed: Store
const mark = (seq: number, from: number, to: number, o: Partial<Mark> = {}): Mark => ({
  id: `m${seq}`,
  seq,
  stationId: 'S1',
  metrics: ['pm25'],
  from,
  to,
  action: 'invalid',
  reason: 'calibration',
  by: 'r',
  at: 0,
  ...o,
})

beforeAll(async () => {
  raw = await DuckDbStore.open({ path: join(dir, 'store.duckdb') })
  // S1: pm25 = minute index (0..119) over two hours; S2 the same, never marked.
  const rs = []
  for (let i = 0; i < 120; i++)
    rs.push(reading('S1', 'air', T0 + i * MIN, { pm25: i, pm10: 1000 + i }), reading('S2', 'air', T0 + i * MIN, { pm25: i }))
  await raw.write(rs)
  reviewed = new ReviewedStore(raw, () => marks).asStore()
})
afterAll(async () => {
  await raw?.close()
  rmSync(dir, { recursive: true, force: true })
})

const q = { stationId: 'S1', metrics: ['pm25'], from: T0, to: T0 + 2 * HOUR }
const hourly = async (fn: 'mean' | 'min' | 'max' | 'last') => (await reviewed.series({ ...q, every: '1h', fn }))[0]!

describe('ReviewedStore', () => {
  it('answers exactly as the raw store where no mark touches the query', async () => {
    marks = [mark(1, T0, T0 + 10 * MIN, { stationId: 'S2' })]
    expect(await reviewed.series({ ...q, every: '1h', fn: 'mean' })).toEqual(await raw.series({ ...q, every: '1h', fn: 'mean' }))
  })

  it.each([
    // The first hour's minutes 50..59 left out: values 0..49 remain.
    ['mean', 24.5, 89.5],
    ['min', 0, 60],
    ['max', 49, 119],
    ['last', 49, 119],
  ] as const)('%s of a bucket leaves the invalid values out', async (fn, first, second) => {
    marks = [mark(1, T0 + 50 * MIN, T0 + 60 * MIN)]
    const s = await hourly(fn)
    expect(s.t).toEqual([T0, T0 + HOUR])
    expect(s.v).toEqual([first, second])
  })

  it('drops a bucket whose every value is invalid, and takes corrections (last applied wins)', async () => {
    marks = [mark(1, T0, T0 + HOUR), mark(2, T0 + HOUR, T0 + HOUR + 30 * MIN, { action: 'correct', reason: 'correction', value: 7 })]
    const s = await hourly('mean')
    expect(s.t).toEqual([T0 + HOUR])
    expect(s.v[0]).toBeCloseTo((30 * 7 + (90 + 119) * 15) / 60, 9)
    // Only pm25 is marked: pm10's hours are the raw ones.
    const [pm10] = await reviewed.series({ ...q, metrics: ['pm10'], every: '1h', fn: 'mean' })
    expect(pm10!.v).toEqual([1029.5, 1089.5])
  })

  it('applies marks to decimated raw series too', async () => {
    marks = [mark(1, T0, T0 + HOUR)]
    const [s] = await reviewed.series({ ...q, every: 'raw', fn: 'mean', maxPoints: 16 })
    expect(s!.decimated).toBe(true)
    expect(Math.min(...s!.t)).toBeGreaterThanOrEqual(T0 + HOUR)
  })

  it('reviews the many-station query of the marked stations only', async () => {
    marks = [mark(1, T0, T0 + HOUR)]
    const many = await reviewed.seriesMany!({
      stationIds: ['S1', 'S2'],
      metrics: ['pm25'],
      from: T0,
      to: T0 + 2 * HOUR,
      every: '1h',
      fn: 'mean',
    })
    expect(many.get('S1')![0]!.v).toEqual([89.5])
    expect(many.get('S2')![0]!.v).toEqual([29.5, 89.5])
  })

  it('exports every row with what applied, the left-out value as NaN', async () => {
    marks = [mark(1, T0, T0 + 2 * MIN), mark(2, T0 + MIN, T0 + 3 * MIN, { action: 'correct', reason: 'correction', value: 5 })]
    const rows: ReviewedExportRow[] = []
    for await (const c of reviewed.exportRows({
      stationIds: ['S1'],
      metrics: ['pm25'],
      from: T0,
      to: T0 + 4 * MIN,
      every: 'raw',
      fn: 'mean',
    }))
      rows.push(...(c as ReviewedExportRow[]))
    expect(rows.map((r) => [r.value, r.review])).toEqual([
      [NaN, 'invalid:calibration'],
      [5, 'corrected'],
      [5, 'corrected'],
      [3, ''],
    ])
    const agg: ExportRow[] = []
    for await (const c of reviewed.exportRows({
      stationIds: ['S1'],
      metrics: ['pm25'],
      from: T0,
      to: T0 + 2 * HOUR,
      every: '1h',
      fn: 'max',
    }))
      agg.push(...c)
    expect(agg.map((r) => [r.value, (r as ReviewedExportRow).review])).toEqual([
      [59, 'invalid:calibration+corrected'],
      [119, ''],
    ])
  })
})
