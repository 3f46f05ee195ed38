/**
 * Issue 12 at acceptance: a data upload that maps to nothing warns `no-readings`; a station's unit
 * setting converts what its logger sends; values orders of magnitude off warn `implausible-value`;
 * malformed fields are named in the deviation warning while the good ones are stored.
 */
import { describe, expect, it } from 'vitest'
import { implausibility } from '../../domain/metric-plausibility'
import { checkSentUnits, sentUnitFactor } from '../../domain/sent-units'
import { acceptPacket } from './accept'
import { frameDataSegment } from './encode'
import type { Hj212Packet } from './packet'
import { parseFrame } from './parse'

const T = Date.parse('2026-11-24T08:00:00+08:00')

function packet(data: string): Hj212Packet {
  const r = parseFrame(frameDataSegment(data))
  if (!r.ok) throw new Error(r.message)
  return r.value
}

const head = (st: string, cn = '2011') => `QN=20261124080005123;ST=${st};CN=${cn};PW=123456;MN=DG0001;Flag=5;CP=&&DataTime=20261124080000;`

describe('no-readings', () => {
  it('warns when an ST=80 electricity-meter upload maps to no reading (only Cou totals, no Rtd)', () => {
    const o = acceptPacket(
      packet(`${head('80')}e30101-Cou=1523.4,e30101-Flag=N;e30102-Cou=88.2,e30102-Flag=N&&`),
      { id: 'DG-E01', kind: 'energy' },
      T + 60_000,
    )
    expect(o.readings).toEqual([])
    expect(o.rejected).toEqual([])
    expect(o.warnings).toEqual([
      {
        reason: 'no-readings',
        message:
          'MN DG0001 CN 2011 ST 80: a data upload that yields no reading (factors e30101, e30102 carry no value); acknowledged all the same',
      },
    ])
  })

  it('warns when a data upload has no factor at all', () => {
    const o = acceptPacket(packet(`${head('22')}&&`.replace(';&&', '&&')), { id: 'DG-A01', kind: 'air' }, T + 60_000)
    expect(o.warnings.map((w) => w.reason)).toEqual(['no-readings'])
  })

  it('does not warn for a command that is not a data upload (a 9014 or a parameter answer)', () => {
    const o = acceptPacket(
      packet('QN=20261124080005123;ST=91;CN=9014;PW=123456;MN=DG0001;Flag=4;CP=&&&&'),
      { id: 'DG-A01', kind: 'air' },
      T,
    )
    expect(o.warnings).toEqual([])
  })

  it('warns when the only value field of a frame was malformed, naming it', () => {
    const o = acceptPacket(packet(`${head('22')}a34004-Rtd=n/a,a34004-Flag=N&&`), { id: 'DG-A01', kind: 'air' }, T + 60_000)
    expect(o.warnings.map((w) => w.reason)).toEqual(['hj212-deviation', 'no-readings'])
    expect(o.warnings[0]!.message).toContain('"a34004-Rtd=n/a" (a34004-Rtd must be a decimal number)')
  })
})

describe('malformed fields', () => {
  it('stores the good fields of a frame with LA-Rtd-Rtd and names the bad one in the deviation warning', () => {
    const o = acceptPacket(
      packet(`${head('22')}LA-Rtd-Rtd=50.1;a34004-Rtd=35,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=N&&`),
      { id: 'DG-A01', kind: 'air' },
      T + 60_000,
    )
    expect(o.readings).toEqual([
      { stationId: 'DG-A01', kind: 'air', ts: T, values: { pm25: 35, pm10: 61 }, flags: { pm25: 'N', pm10: 'N' } },
    ])
    expect(o.warnings).toEqual([
      {
        reason: 'hj212-deviation',
        message:
          'MN DG0001 CN 2011: accepted with deviations malformed-field; malformed fields dropped, the rest kept: "LA-Rtd-Rtd=50.1" (invalid CP field name)',
      },
    ])
  })
})

describe('units', () => {
  const mgFrame = packet(`${head('22')}a34004-Rtd=0.0523,a34004-Flag=N;a34002-Rtd=0.081,a34002-Flag=N;a21005-Rtd=0.8,a21005-Flag=N&&`)

  it('warns that PM2.5 of 0.0523 sits orders of magnitude below its range when the station has no unit setting', () => {
    const o = acceptPacket(mgFrame, { id: 'DG-A01', kind: 'air' }, T + 60_000)
    expect(o.readings[0]!.values).toEqual({ pm25: 0.0523, pm10: 0.081, co: 0.8 })
    expect(o.warnings.map((w) => w.reason)).toEqual(['implausible-value'])
    expect(o.warnings[0]!.message).toContain('pm25 = 0.0523 is over 10× below its usual range 1-1000')
    expect(o.warnings[0]!.message).toContain('pm10 = 0.081')
  })

  it('converts mg/m³ to µg/m³ for the metrics the station says are sent in mg/m³, and then nothing is implausible', () => {
    const o = acceptPacket(mgFrame, { id: 'DG-A01', kind: 'air', sentUnits: { pm25: 'mg/m3', pm10: 'mg/m3' } }, T + 60_000)
    expect(o.readings[0]!.values).toEqual({ pm25: 52.3, pm10: 81, co: 0.8 })
    expect(o.warnings).toEqual([])
  })

  it.each([
    ['air', 'pm25', 'mg/m3', 1000],
    ['air', 'pm25', 'ug/m3', 1],
    ['air', 'co', 'mg/m3', 1],
    ['air', 'co', 'ug/m3', 0.001],
    ['water', 'nh3n', 'ug/L', 0.001],
    ['air', 'pm25', 'mg/L', undefined],
    ['air', 'temp', 'mg/m3', undefined],
    ['air', 'nope', 'mg/m3', undefined],
  ] as const)('sentUnitFactor(%s, %s, %s) = %s', (kind, metric, unit, factor) => {
    expect(sentUnitFactor(kind, metric, unit)).toBe(factor)
  })

  it.each([
    [{ pm25: 'mg/m3' }, undefined],
    [{ pm25: 'g/m3' }, /pm25 is in µg\/m³; a logger may send it in ug\/m3 or mg\/m3, not g\/m3/],
    [{ cod: 'mg/m3' }, /cod is not a air metric/],
    [[], /must be an object/],
  ])('checkSentUnits(air, %j)', (units, problem) => {
    const r = checkSentUnits('air', units)
    if (problem === undefined) expect(r).toBeUndefined()
    else expect(r).toMatch(problem)
  })

  it.each([
    ['pm25', 35, undefined],
    ['pm25', 0, undefined],
    ['pm25', 0.05, /below/],
    ['pm25', 52_300, /above/],
    ['co', 0.8, undefined],
    ['co', 800, /above/],
    ['temp', -5, undefined],
  ])('implausibility(air, %s, %s)', (metric, value, problem) => {
    const r = implausibility('air', metric, value)
    if (problem === undefined) expect(r).toBeUndefined()
    else expect(r).toMatch(problem)
  })
})
