import { describe, expect, it } from 'vitest'
import type { StationKind } from '../../domain/station'
import { buildDataUpload } from './encode'
import type { Hj212Packet } from './packet'
import { parseFrame } from './parse'
import { STANDARD_EXAMPLE, VENDOR_AIR, WATER_2005 } from './test-fixtures'
import { metricKeyOf, packetToReadings } from './to-readings'

function packet(frame: string): Hj212Packet {
  const r = parseFrame(frame)
  if (!r.ok) throw new Error(r.message)
  return r.value
}

const T = Date.parse('2026-11-24T08:00:00+08:00')
const common = { qn: '20261124080005123', st: '22', pw: '123456', mn: 'DG0001', dataTime: T }

describe('metricKeyOf', () => {
  it.each([
    ['a34004', 'air', 'pm25'],
    ['a21005', 'air', 'co'],
    ['w01018', 'wastewater', 'cod'],
    ['w21003', 'water', 'nh3n'],
    ['w01010', 'water', 'temp'],
    ['060', 'wastewater', 'nh3n'],
    ['011', 'wastewater', 'cod'],
    ['001', 'water', 'ph'],
    ['003', 'wastewater', 'ss'],
    ['065', 'wastewater', 'tn'],
    ['101', 'water', 'tp'],
    ['PM10', 'air', 'pm10'],
    ['PM2.5', 'air', 'pm25'],
    ['O3', 'air', 'o3'],
  ] as const)('maps %s at a %s station to %s', (code, kind, key) => {
    expect(metricKeyOf(code, kind)).toBe(key)
  })

  it.each([
    ['060', 'air'],
    ['001', 'energy'],
    ['PM10', 'water'],
    ['B01', 'wastewater'],
    ['TSP', 'air'],
    ['w00000', 'wastewater'],
    ['pm10', 'air'],
    ['toString', 'air'],
    ['constructor', 'water'],
  ] as const)('keeps %s at a %s station under its raw code', (code, kind) => {
    expect(metricKeyOf(code, kind)).toBe(code)
  })
})

describe('packetToReadings', () => {
  it('maps reference frame (2) at a wastewater plant: 2005 water codes, B01 kept raw', () => {
    expect(packetToReadings(packet(WATER_2005), 'DG-W01', 'wastewater')).toEqual([
      {
        stationId: 'DG-W01',
        kind: 'wastewater',
        ts: Date.parse('2016-01-03T13:30:30+08:00'),
        values: { nh3n: 3.0943, cod: 18.0412, ph: 8.2137, B01: 10.989 },
        flags: { nh3n: 'N', cod: 'N', ph: 'N', B01: 'N' },
      },
    ])
  })

  it('maps reference frame (3) at an air station: PM10 → pm10, TSP kept raw', () => {
    const [r] = packetToReadings(packet(VENDOR_AIR), 'DG-A01', 'air')
    expect(r).toMatchObject({ ts: Date.parse('2015-08-11T15:12:00+08:00'), values: { pm10: 89.59, TSP: 133.71 } })
  })

  it.each([
    ['2011', 'Rtd'],
    ['2051', 'Avg'],
    ['2061', 'Avg'],
    ['2031', 'Avg'],
  ] as const)('CN %s takes the value from -%s', (cn, _field) => {
    const frames =
      cn === '2011'
        ? buildDataUpload({ ...common, cn, factors: { a34004: { Rtd: 35, Flag: 'N' } } })
        : buildDataUpload({ ...common, cn, factors: { a34004: { Avg: 35, Min: 10, Max: 60, Flag: 'N' } } })
    expect(packetToReadings(packet(frames[0]!), 'DG-A01', 'air')).toEqual([
      { stationId: 'DG-A01', kind: 'air', ts: T, values: { pm25: 35 }, flags: { pm25: 'N' } },
    ])
  })

  it('carries non-N flags through', () => {
    const p = packet(
      buildDataUpload({ ...common, cn: '2011', factors: { a34004: { Rtd: 999, Flag: 'T' }, a21026: { Rtd: 5, Flag: 'D' } } })[0]!,
    )
    expect(packetToReadings(p, 'DG-A01', 'air')[0]!.flags).toEqual({ pm25: 'T', so2: 'D' })
  })

  it('omits flags when no factor sent one', () => {
    const p = packet(buildDataUpload({ ...common, cn: '2011', factors: { a34004: { Rtd: 1 } } })[0]!)
    expect(packetToReadings(p, 'DG-A01', 'air')[0]).not.toHaveProperty('flags')
  })

  it('skips factors without the value field (a 2061 factor with only Cou)', () => {
    const p = packet(buildDataUpload({ ...common, cn: '2061', factors: { w00000: { Cou: 1200 }, w01018: { Avg: 20 } } })[0]!)
    expect(packetToReadings(p, 'DG-W01', 'wastewater')[0]!.values).toEqual({ cod: 20 })
  })

  it('keeps a later code that maps to a taken key under its raw code', () => {
    const p = packet(buildDataUpload({ ...common, cn: '2011', factors: { a34002: { Rtd: 60 }, PM10: { Rtd: 61 }, pm10: { Rtd: 62 } } })[0]!)
    expect(packetToReadings(p, 'DG-A01', 'air')[0]!.values).toEqual({ pm10: 60, PM10: 61, 'hj212.pm10': 62 })
  })

  it.each([
    ['a command that is not a data upload (1062)', STANDARD_EXAMPLE, 'air'],
    ['a data upload with no value field', buildDataUpload({ ...common, cn: '2061', factors: { w00000: { Cou: 1 } } })[0]!, 'wastewater'],
  ] as const)('returns [] for %s', (_name, frame, kind: StationKind) => {
    expect(packetToReadings(packet(frame), 'S', kind)).toEqual([])
  })

  it('maps each split packet on its own', () => {
    const factors = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${30000 + i}`, { Avg: i }]))
    const frames = buildDataUpload({ ...common, cn: '2061', maxDataLength: 300, factors })
    const readings = frames.flatMap((f) => packetToReadings(packet(f), 'DG-A01', 'air'))
    expect(readings.length).toBe(frames.length)
    expect(Object.assign({}, ...readings.map((r) => r.values))).toEqual(
      Object.fromEntries(Object.entries(factors).map(([k, v]) => [k, v.Avg])),
    )
  })
})
