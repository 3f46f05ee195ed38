/**
 * The read half of the InfluxStore on annotated CSV as InfluxDB 2.x returns it, parsed by the
 * client's own pipeline (chunksToLinesIterable -> linesToRowsIterable, what iterateRows uses).
 * The Flux itself runs against a real InfluxDB in test/store-contract.test.ts when INFLUX_URL is set.
 */
import { chunksToLinesIterable, linesToRowsIterable, type Row } from '@influxdata/influxdb-client'
import { describe, expect, it } from 'vitest'
import { collectSeries, exportStation, readLatest, sortedSeries } from './influx-read'

const T0 = Date.UTC(2026, 2, 1, 16) // 00:00 CST
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** One annotated-CSV table of `_field, _time, _value` (plus `station` when given). */
function table(id: number, type: 'double' | 'string', rows: [field: string, t: number, v: string | number, station?: string][]): string {
  const st = rows[0]?.[3] !== undefined
  return [
    `#group,false,false,true,false,false${st ? ',true' : ''}`,
    `#datatype,string,long,string,dateTime:RFC3339,${type}${st ? ',string' : ''}`,
    `#default,_result,,,,${st ? ',' : ''}`,
    `,result,table,_field,_time,_value${st ? ',station' : ''}`,
    ...rows.map(([f, t, v, s]) => `,,${id},${f},${iso(t)},${v}${st ? `,${s}` : ''}`),
  ].join('\r\n')
}

function rows(...tables: string[]): AsyncIterable<Row> {
  const csv = `${tables.join('\r\n\r\n')}\r\n\r\n`
  return linesToRowsIterable(
    chunksToLinesIterable(
      (async function* () {
        yield new TextEncoder().encode(csv)
      })(),
    ),
  )
}

describe('collectSeries', () => {
  const values = table(0, 'double', [
    ['pm25', T0, 35.2],
    ['pm25', T0 + 60_000, 36.5],
    ['pm25', T0 + 120_000, 4],
  ])
  const flags = table(1, 'string', [
    ['pm25:flag', T0, 'D'],
    ['pm25:flag', T0 + 60_000, 'S'],
  ])

  it('joins each raw value with the flag at its time, N when there is none', async () => {
    const s = await collectSeries(rows(values, flags), 'raw', false)
    expect(s.get('pm25')).toEqual({ metric: 'pm25', t: [T0, T0 + 60_000, T0 + 120_000], v: [35.2, 36.5, 4], flags: ['D', 'S', 'N'] })
  })

  it('keeps only N and S values when validOnly', async () => {
    const s = await collectSeries(rows(flags, values), 'raw', true)
    expect(s.get('pm25')).toEqual({ metric: 'pm25', t: [T0 + 60_000, T0 + 120_000], v: [36.5, 4], flags: ['S', 'N'] })
  })

  it('merges tables of one metric into time order', async () => {
    const s = await collectSeries(
      rows(
        table(0, 'double', [['ph', T0 + 2, 7]]),
        table(1, 'double', [
          ['ph', T0, 6],
          ['ph', T0 + 3, 8],
        ]),
      ),
      'raw',
      false,
    )
    expect(s.get('ph')).toMatchObject({ t: [T0, T0 + 2, T0 + 3], v: [6, 7, 8], flags: ['N', 'N', 'N'] })
  })

  it('labels aggregated rows with their bucket start (a window clipped by the range, daily in CST)', async () => {
    const s = await collectSeries(
      rows(
        table(0, 'double', [
          ['pm25', T0 + 30 * 60_000, 3],
          ['pm25', T0 + 3_600_000, 1],
        ]),
      ),
      '1h',
      false,
    )
    expect(s.get('pm25')).toEqual({ metric: 'pm25', t: [T0, T0 + 3_600_000], v: [3, 1] })
    const d = await collectSeries(rows(table(0, 'double', [['pm25', T0 + 9 * 3_600_000, 5]])), '1d', false)
    expect(d.get('pm25')!.t).toEqual([T0])
  })
})

describe('sortedSeries', () => {
  it('returns the requested metrics in order, empty where there is no data', () => {
    const found = new Map([['pm10', { metric: 'pm10', t: [1], v: [2] }]])
    expect(sortedSeries(['so2', 'pm10'], found, false)).toEqual([
      { metric: 'so2', t: [], v: [] },
      { metric: 'pm10', t: [1], v: [2] },
    ])
    expect(sortedSeries(['so2'], new Map(), true)).toEqual([{ metric: 'so2', t: [], v: [], flags: [] }])
  })
})

describe('readLatest', () => {
  it('takes the flag only when it belongs to the latest value', async () => {
    const latest = await readLatest(
      rows(
        table(0, 'double', [['pm25', T0 + 60_000, 11, 'A']]),
        table(1, 'string', [['pm25:flag', T0 + 60_000, 'D', 'A']]),
        table(2, 'double', [['pm10', T0 + 60_000, 5, 'A']]),
        table(3, 'string', [['pm10:flag', T0, 'C', 'A']]),
        table(4, 'double', [['ph', T0, 7.5, 'B']]),
      ),
    )
    expect(Object.fromEntries([...latest].map(([s, m]) => [s, Object.fromEntries(m)]))).toEqual({
      A: { pm25: { value: 11, ts: T0 + 60_000, flag: 'D' }, pm10: { value: 5, ts: T0 + 60_000, flag: 'N' } },
      B: { ph: { value: 7.5, ts: T0, flag: 'N' } },
    })
  })
})

describe('exportStation', () => {
  it('queries whole CST days spanning only the data, and sorts each window by (ts, metric)', async () => {
    const first = T0 - 3_600_000
    const last = T0 + 26 * 3_600_000
    const ranges: string[] = []
    const query = (flux: string) => {
      if (flux.includes('first()')) return rows(table(0, 'double', [['pm25', first, 1]]))
      if (flux.includes('last()')) return rows(table(0, 'double', [['pm25', last, 1]]))
      ranges.push(/range\(start: (\S+), stop: (\S+)\)/.exec(flux)!.slice(1).join(' '))
      return rows(table(0, 'double', [['pm25', first, 1]]), table(1, 'double', [['o3', first, 2]]))
    }
    const windows = []
    for await (const w of exportStation(query, 'b', 'S1', {
      stationIds: ['S1'],
      from: 0,
      to: T0 + 100 * 86_400_000,
      every: 'raw',
      fn: 'mean',
    }))
      windows.push(w)
    expect(ranges).toEqual([
      `${new Date(first).toISOString()} ${new Date(T0).toISOString()}`,
      `${new Date(T0).toISOString()} ${new Date(T0 + 86_400_000).toISOString()}`,
      `${new Date(T0 + 86_400_000).toISOString()} ${new Date(last + 1).toISOString()}`,
    ])
    expect(windows[0]!.map((r) => r.metric)).toEqual(['o3', 'pm25'])
  })
})
