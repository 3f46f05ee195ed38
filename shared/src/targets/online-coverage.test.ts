import { describe, expect, it } from 'vitest'
import { energyMeteringCoverage, keySourceCoverage } from './online-coverage'

const NOW = Date.parse('2026-05-01T12:00:00+08:00')
const STATIONS = [
  { id: 'S1', kind: 'wastewater', intervalSec: 60, keySource: true },
  { id: 'S2', kind: 'wastewater', intervalSec: 60, keySource: true },
  { id: 'S3', kind: 'air', intervalSec: 60 },
  { id: 'E1', kind: 'energy', intervalSec: 900, keySource: true },
  { id: 'E2', kind: 'energy', intervalSec: 900 },
]

describe('keySourceCoverage', () => {
  // Hand computation: key sources S1, S2, E1. S1 30 s ago (on time), S2 3 min ago (> 2 × 60 s: offline),
  // E1 10 min ago (on time) → 2 / 3 = 66.67 %.
  it('counts key sources that reported within the grace interval (hand-computed 2/3)', () => {
    const r = keySourceCoverage(STATIONS, { S1: NOW - 30_000, S2: NOW - 180_000, E1: NOW - 600_000 }, { asOf: NOW })
    expect(r.value).toBeCloseTo(200 / 3, 12)
    expect(r.status).toBe('missed')
    expect(r.counted.excluded).toEqual([{ id: 'S2', why: 'last report 3 min ago (expected every 60 s)' }])
  })

  it('is met when every key source reported within one interval', () => {
    const r = keySourceCoverage(
      STATIONS,
      new Map([
        ['S1', NOW],
        ['S2', NOW - 60_000],
        ['E1', NOW],
      ]),
      { asOf: NOW },
    )
    expect([r.value, r.status]).toEqual([100, 'met'])
  })

  it('is at-risk when all are online but one is late', () => {
    const r = keySourceCoverage(STATIONS, { S1: NOW, S2: NOW - 90_000, E1: NOW }, { asOf: NOW })
    expect([r.value, r.status]).toEqual([100, 'at-risk'])
  })

  it('is no-data without key sources', () => {
    expect(keySourceCoverage([STATIONS[2]!], {}, { asOf: NOW }).status).toBe('no-data')
  })
})

describe('energyMeteringCoverage', () => {
  // E1 on time, E2 never reported → 1 / 2 = 50 %
  it('covers energy units only (hand-computed 50 %)', () => {
    const r = energyMeteringCoverage(STATIONS, { E1: NOW - 60_000, S1: NOW }, { asOf: NOW })
    expect(r.value).toBe(50)
    expect(r.counted.excluded).toEqual([{ id: 'E2', why: 'never reported' }])
  })
})
