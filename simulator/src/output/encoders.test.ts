import { describe, expect, it } from 'vitest'
import { validateReadingPayload } from '../../../shared/src/domain/reading'
import { packetToReadings, parseFrame } from '../../../shared/src/protocol/hj212/index'
import { createModel } from '../models/index'
import { cst, station } from '../models/test-helpers'
import { factorCodeOf, hj212Encoder, jsonEncoder, type TimedSample } from './encoders'

const T0 = cst('2026-01-10T08:00:00')

function samples(id: string, n: number): TimedSample[] {
  const s = station(id)
  const m = createModel(s, 1, { outageRate: 0 })
  return Array.from({ length: n }, (_, i) => {
    const t = T0 + i * s.intervalSec * 1000
    return { t, sample: m.next(t)! }
  })
}

const frames = (buf: Buffer) =>
  buf
    .toString('ascii')
    .split(/(?<=\r\n)/)
    .filter((f) => f.length > 0)

describe('jsonEncoder', () => {
  it.each(['DG-AIR-01', 'DG-WAT-01', 'DG-WWT-01', 'DG-ENE-01'])(
    'writes a contract reading for %s that validates without warnings',
    (id) => {
      const s = station(id)
      const [one] = samples(id, 1)
      const json = JSON.parse(jsonEncoder().encode([one!]).toString('utf8'))
      const r = validateReadingPayload(json, s.id, s.kind, T0)
      expect(r.ok && r.value.readings[0]!.values).toEqual(one!.sample.values)
      expect(r.ok && r.value.warnings).toEqual([])
    },
  )

  it('writes ts as ISO 8601 with the +08:00 offset', () => {
    const json = JSON.parse(jsonEncoder().encode(samples('DG-AIR-01', 1)).toString('utf8'))
    expect(json.ts).toBe('2026-01-10T08:00:00+08:00')
  })

  it('writes a batch as a JSON array in time order', () => {
    const json = JSON.parse(jsonEncoder().encode(samples('DG-AIR-01', 3)).toString('utf8'))
    expect(json.map((r: { ts: string }) => r.ts)).toEqual([
      '2026-01-10T08:00:00+08:00',
      '2026-01-10T08:01:00+08:00',
      '2026-01-10T08:02:00+08:00',
    ])
  })

  it('caps a batch at 500 readings', () => {
    expect(jsonEncoder().maxBatch).toBe(500)
  })
})

describe('factorCodeOf', () => {
  it.each([
    ['air', 'pm25', 'a34004'],
    ['air', 'temp', 'a01001'],
    ['water', 'temp', 'w01010'],
    ['water', 'do', 'w01009'],
    ['wastewater', 'cod', 'w01018'],
    ['wastewater', 'inflow', 'inflow'],
    ['energy', 'elec_kwh', 'elec_kwh'],
  ] as const)('%s %s → %s', (kind, key, code) => {
    expect(factorCodeOf(kind, key)).toBe(code)
  })
})

describe('hj212Encoder', () => {
  it.each(['DG-AIR-01', 'DG-WAT-01', 'DG-WWT-01', 'DG-ENE-01'])('frames for %s parse back to the same values and flags', (id) => {
    const s = station(id)
    const [one] = samples(id, 1)
    const [frame, ...rest] = frames(hj212Encoder(s, { password: 'pw1' }).encode([one!]))
    expect(rest).toEqual([])
    const p = parseFrame(frame!)
    expect(p.ok).toBe(true)
    if (!p.ok) return
    expect([p.value.cn, p.value.mn, p.value.pw, p.value.deviations]).toEqual(['2011', s.mn, 'pw1', []])
    const [reading] = packetToReadings(p.value, s.id, s.kind)
    expect(reading!.ts).toBe(T0)
    expect(reading!.values).toEqual(one!.sample.values)
    expect(reading!.flags).toEqual(one!.sample.flags)
  })

  it.each([
    ['DG-AIR-01', '22'],
    ['DG-WAT-01', '21'],
    ['DG-WWT-01', '32'],
    ['DG-ENE-01', '31'],
  ])('uses ST for %s = %s', (id, st) => {
    const p = parseFrame(frames(hj212Encoder(station(id)).encode(samples(id, 1)))[0]!)
    expect(p.ok && p.value.st).toBe(st)
  })

  it.each([
    [true, true],
    [false, false],
  ])('ackRequired %s sets Flag bit A: %s', (ack, bit) => {
    const p = parseFrame(frames(hj212Encoder(station('DG-AIR-01'), { ackRequired: ack }).encode(samples('DG-AIR-01', 1)))[0]!)
    expect(p.ok && p.value.flag.ackRequired).toBe(bit)
  })

  it('writes one frame per sample in a batch', () => {
    expect(frames(hj212Encoder(station('DG-AIR-01')).encode(samples('DG-AIR-01', 4)))).toHaveLength(4)
  })
})
