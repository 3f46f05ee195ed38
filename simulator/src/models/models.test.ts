import { describe, expect, it } from 'vitest'
import { isKnownMetric } from '../../../shared/src/domain/metric-catalog'
import { createModel } from './index'
import { cst, runModel, station } from './test-helpers'

/** Physically plausible ranges per kind and metric (wide: they catch bugs, not pollution). */
const RANGES: Record<string, Record<string, [number, number]>> = {
  air: {
    pm25: [0, 500],
    pm10: [0, 800],
    so2: [0, 300],
    no2: [0, 300],
    co: [0, 10],
    o3: [0, 400],
    temp: [-5, 42],
    rh: [0, 100],
    ws: [0, 30],
    wd: [0, 360],
  },
  water: {
    ph: [3, 10],
    do: [0, 20],
    codmn: [0, 20],
    nh3n: [0, 5],
    tp: [0, 1],
    tn: [0, 10],
    temp: [0, 40],
    turb: [0, 500],
    cond: [0, 2000],
  },
  wastewater: {
    cod: [0, 200],
    nh3n: [0, 30],
    tp: [0, 5],
    tn: [0, 40],
    ss: [0, 100],
    ph: [3, 10],
    inflow: [0, 40_000],
    outflow: [0, 40_000],
    reclaimed: [0, 10_000],
  },
  energy: { elec_kwh: [0, 1e9], gas_m3: [0, 1e8], steam_t: [0, 1e7], water_m3: [0, 1e8], coal_t: [0, 1e7], power_kw: [0, 20_000] },
}

const IDS = ['DG-AIR-01', 'DG-AIR-13', 'DG-WAT-01', 'DG-WAT-02', 'DG-WWT-01', 'DG-WWT-03', 'DG-ENE-01', 'DG-ENE-03']
const SEASONS = ['2026-01-10T00:00:00', '2026-07-20T00:00:00']
// Busy rates so every code path (episodes, faults, outages) runs within the test span.
const BUSY = { episodeRate: 20, faultRate: 20, outageRate: 5 }

describe.each(IDS)('model of %s', (id) => {
  const s = station(id)

  it('is deterministic for a seed', () => {
    const a = runModel(createModel(s, 7, BUSY), cst(SEASONS[0]!), 24)
    const b = runModel(createModel(s, 7, BUSY), cst(SEASONS[0]!), 24)
    expect(a).toEqual(b)
  })

  it('differs for another seed', () => {
    const a = runModel(createModel(s, 7), cst(SEASONS[0]!), 6)
    const b = runModel(createModel(s, 8), cst(SEASONS[0]!), 6)
    expect(a).not.toEqual(b)
  })

  it.each(SEASONS)('produces only catalog metrics, finite and in plausible ranges (from %s)', (start) => {
    const ticks = runModel(createModel(s, 3, BUSY), cst(start), 72)
    const problems: string[] = []
    let online = 0
    for (const { t, sample } of ticks) {
      if (!sample) continue
      online++
      for (const [k, v] of Object.entries(sample.values)) {
        const range = RANGES[s.kind]![k]
        if (!isKnownMetric(s.kind, k) || !range) problems.push(`${t} unknown metric ${k}`)
        else if (!Number.isFinite(v) || v < range[0] || v > range[1]) problems.push(`${t} ${k}=${v} outside [${range}]`)
        if (sample.flags[k] === undefined) problems.push(`${t} ${k} has no flag`)
      }
    }
    expect(problems.slice(0, 5)).toEqual([])
    expect(online).toBeGreaterThan(ticks.length / 2)
  })

  it('goes offline (null) for a while with a high outage rate', () => {
    const ticks = runModel(createModel(s, 3, { outageRate: 30 }), cst(SEASONS[0]!), 48)
    expect(ticks.some((x) => x.sample === null)).toBe(true)
  })

  it.each(['D', 'M'])('flags %s with a high fault rate', (flag) => {
    const ticks = runModel(createModel(s, 3, { faultRate: 40 }), cst(SEASONS[0]!), 72)
    expect(ticks.some((x) => x.sample && Object.values(x.sample.flags).includes(flag as 'D'))).toBe(true)
  })

  it('flags everything N at the default rates most of the time', () => {
    const ticks = runModel(createModel(s, 3), cst(SEASONS[0]!), 72).filter((x) => x.sample)
    const clean = ticks.filter((x) => Object.values(x.sample!.flags).every((f) => f === 'N'))
    expect(clean.length / ticks.length).toBeGreaterThan(0.8)
  })

  it('refuses to go back in time', () => {
    const m = createModel(s, 1)
    m.next(cst(SEASONS[0]!))
    expect(() => m.next(cst(SEASONS[0]!) - 1000)).toThrow(/time went back/)
  })
})

describe('stuck values', () => {
  it('repeat one value for a while with the flag left N', () => {
    const s = station('DG-AIR-01')
    const ticks = runModel(createModel(s, 5, { faultRate: 40 }), cst('2026-01-10T00:00:00'), 72).filter((x) => x.sample)
    // A run of ≥ 30 identical, N-flagged PM2.5 minutes does not happen by chance with AR(1) noise.
    let best = 0
    let run = 0
    for (let i = 1; i < ticks.length; i++) {
      const a = ticks[i - 1]!.sample!
      const b = ticks[i]!.sample!
      const same = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'].some(
        (k) => a.values[k] === b.values[k] && b.flags[k] === 'N' && a.values[k]! > 5,
      )
      run = same ? run + 1 : 0
      best = Math.max(best, run)
    }
    expect(best).toBeGreaterThanOrEqual(30)
  })
})
