import { describe, expect, it } from 'vitest'
import type { Reading } from '../domain/reading'
import { AlertBook, observationDetail, type Observation } from './alert-book'
import { HOUR, MIN, T0, hourly, rng, round, stationOf, tick, valuesOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const air = stationOf('air', { standardClass: 'II' })

/** Feed hourly values (undefined = silent hour) and one reading in the next hour to close the last one. */
function airRun(
  perHour: (h: number) => Record<string, number> | undefined,
  hours: number,
  opts: Parameters<typeof standardsEvaluator>[0] = {},
) {
  const ev = standardsEvaluator(opts)
  const obs = ev.observe(air, [...hourly(air, T0, hours, perHour), tick(air, T0 + hours * HOUR)])
  return { ev, obs }
}

describe('air: hourly mean validity (GB 3095-2012 Table 4)', () => {
  it.each([
    [44, []],
    [45, [[107, 1]]],
  ])('an hour with %i minutes of PM2.5 at 80 gives hourly AQI %j', (minutes, want) => {
    const ev = standardsEvaluator()
    const obs = ev.observe(air, [...hourly(air, T0, 1, () => ({ pm25: 80 }), minutes), tick(air, T0 + HOUR)])
    expect(valuesOf(obs, 'air.aqi.1h')).toEqual(want)
  })

  it('values flagged other than N/S neither enter the mean nor count minutes', () => {
    const readings = hourly(air, T0, 1, () => ({ pm25: 80 })).map((r, i): Reading =>
      i % 6 === 0 ? { ...r, values: { pm25: 500 }, flags: { pm25: 'D' } } : r,
    )
    const obs = standardsEvaluator().observe(air, [...readings, tick(air, T0 + HOUR)])
    expect(valuesOf(obs, 'air.aqi.1h')).toEqual([[107, 1]])
  })

  it.each(['N', 'S'] as const)('a value flagged %s counts', (flag) => {
    const readings = hourly(air, T0, 1, () => ({ pm25: 80 })).map((r): Reading => ({ ...r, flags: { pm25: flag } }))
    expect(valuesOf(standardsEvaluator().observe(air, [...readings, tick(air, T0 + HOUR)]), 'air.aqi.1h')).toEqual([[107, 1]])
  })
})

describe('air: windowed means', () => {
  it.each([
    [19, []],
    [20, [[80, 20]]],
  ])('a PM2.5 24-h mean from %i valid hours: %j (>= 20 needed)', (hours, want) => {
    expect(valuesOf(airRun(() => ({ pm25: 80 }), hours).obs, 'air.pm25.24h')).toEqual(want)
  })

  it('the 24-h mean is a moving mean of the last 24 hourly means, observed at each hour end', () => {
    const { obs } = airRun((h) => ({ pm10: h < 24 ? 100 : 160 }), 26)
    expect(valuesOf(obs, 'air.pm10.24h').slice(-3)).toEqual([
      [100, 24],
      [102.5, 25],
      [105, 26],
    ])
  })

  it.each([
    [5, []],
    [6, [[170, 6]]],
  ])('an O3 8-h mean from %i valid hours: %j (>= 6 needed)', (hours, want) => {
    expect(valuesOf(airRun(() => ({ o3: 170 }), hours).obs, 'air.o3.8h')).toEqual(want)
  })

  it('a silent hour inside the window counts as missing, not zero', () => {
    const { obs } = airRun((h) => (h === 10 ? undefined : { so2: 30 }), 21)
    expect(valuesOf(obs, 'air.so2.24h')).toEqual([[30, 21]])
  })

  it('uses grade I limits for a grade I station', () => {
    const ev = standardsEvaluator()
    expect(ev.rulesFor(stationOf('air', { id: 'R', standardClass: 'I' })).find((r) => r.id === 'air.pm25.24h')?.limit).toBe(35)
    expect(ev.rulesFor(air).find((r) => r.id === 'air.pm25.24h')?.limit).toBe(75)
  })
})

describe('air: 1-h limits on the moving 1-h mean', () => {
  it('observes the moving mean of the trailing hour at each reading', () => {
    const ev = standardsEvaluator()
    const obs = ev.observe(air, [
      { stationId: air.id, kind: 'air', ts: T0, values: { no2: 100 } },
      { stationId: air.id, kind: 'air', ts: T0 + 30 * MIN, values: { no2: 300 } },
      { stationId: air.id, kind: 'air', ts: T0 + 60 * MIN, values: { no2: 400 } },
    ])
    expect(valuesOf(obs, 'air.no2.1h')).toEqual([
      [100, 0],
      [200, 0.5],
      [350, 1],
    ])
    expect(observationDetail(obs.find((o) => o.rule.id === 'air.no2.1h')!)).toContain('partial')
  })

  it('a single breaching sample is seen at once (the first sample is the hour so far)', () => {
    const obs = standardsEvaluator().observe(air, [{ stationId: air.id, kind: 'air', ts: T0, values: { o3: 260, pm25: 30 } }])
    expect(obs.map((o) => [o.rule.id, o.value])).toEqual([['air.o3.1h', 260]])
  })

  it('a flagged sample raises no observation', () => {
    const obs = standardsEvaluator().observe(air, [{ stationId: air.id, kind: 'air', ts: T0, values: { so2: 900 }, flags: { so2: 'C' } }])
    expect(obs).toEqual([])
  })
})

describe('air: hourly AQI (HJ 633-2012)', () => {
  it('keeps the latest AQI summary with level, category, colour and the hour', () => {
    const { ev } = airRun((h) => ({ pm25: h === 0 ? 30 : 80, o3: 50, no2: 20 }), 2)
    expect(ev.aqiFor(air.id)).toEqual({
      aqi: 107,
      level: 'III',
      category: { zh: '轻度污染', en: 'lightly polluted' },
      color: '#ff7e00',
      primary: ['pm25'],
      basis: 'hourly',
      ts: new Date(T0 + HOUR).toISOString(),
      end: new Date(T0 + 2 * HOUR).toISOString(),
    })
  })

  it('indexes the O3 1-h mean only: the 8-h moving mean is observed beside it, not indexed', () => {
    // O3 170 every hour: 1-h IAQI 63; the 8-h mean 170 (valid from hour 6) would be IAQI 110.
    const { obs } = airRun(() => ({ o3: 170 }), 8)
    expect(valuesOf(obs, 'air.aqi.1h').map(([v]) => v)).toEqual(Array(8).fill(63))
    expect(valuesOf(obs, 'air.o3.8h').at(-1)).toEqual([170, 8])
  })

  it('has no AQI before the first valid hour', () => {
    const ev = standardsEvaluator()
    ev.observe(
      air,
      hourly(air, T0, 1, () => ({ pm25: 80 })),
    )
    expect(ev.aqiFor(air.id)).toBeUndefined()
  })

  it('uses the SO2 24-h moving mean when the SO2 1-h mean is above 800 (Table 1 note 1)', () => {
    const { ev, obs } = airRun((h) => ({ so2: h < 23 ? 40 : 900 }), 24)
    // 24-h mean (23 × 40 + 900) / 24 = 75.83 → IAQI 50 + 50 × 25.83 / 100 = 62.9 → 63 on the SO2 24-h column.
    expect(valuesOf(obs, 'air.aqi.1h').at(-1)).toEqual([63, 24])
    expect(ev.aqiFor(air.id)?.primary).toEqual(['so2'])
  })

  it.each([
    [80, 'warning'],
    [160, 'critical'],
  ])('an AQI alert from PM2.5 %i has severity %s (> 100 warning, > 200 critical)', (pm25, severity) => {
    const { obs } = airRun(() => ({ pm25 }), 1)
    const book = new AlertBook(() => 'a')
    const t = obs.filter((o) => o.rule.id === 'air.aqi.1h').flatMap((o) => book.observe(o, o.ts))
    expect(t.map((x) => x.alert.severity)).toEqual([severity])
  })
})

describe('alert lifecycle on windowed rules', () => {
  /** Transitions of one rule when the observations go through an AlertBook. */
  function transitions(obs: Observation[], ruleId: string): string[] {
    let n = 0
    const book = new AlertBook(() => `a${++n}`)
    return obs.filter((o) => o.rule.id === ruleId).flatMap((o) => book.observe(o, o.ts).map((t) => `${t.type}@${(o.ts - T0) / HOUR}`))
  }

  // 24 hours at 76, then hours of 28 and 124 in turn: the 24-h mean goes 74, 76, 74, 76 ...
  const oscillating = (h: number) => ({ pm25: h < 24 ? 76 : h % 2 === 0 ? 28 : 124 })

  it('a 24-h mean oscillating around the limit opens one alert, not many (clear at 90 %)', () => {
    const { obs } = airRun(oscillating, 34)
    expect(
      valuesOf(obs, 'air.pm25.24h')
        .slice(4, 8)
        .map(([v]) => v),
    ).toEqual([76, 74, 76, 74])
    expect(transitions(obs, 'air.pm25.24h')).toEqual(['opened@20'])
  })

  it('without hysteresis (clear = limit) the same data opens an alert at every crossing', () => {
    const { obs } = airRun(oscillating, 34, { overrides: { [air.id]: { 'air.pm25.24h': { clear: 75 } } } })
    expect(transitions(obs, 'air.pm25.24h')).toEqual([
      'opened@20',
      'resolved@25',
      'opened@26',
      'resolved@27',
      'opened@28',
      'resolved@29',
      'opened@30',
      'resolved@31',
      'opened@32',
      'resolved@33',
      'opened@34',
    ])
  })

  it.each([
    [0, ['opened@20']],
    [3 * HOUR, ['opened@23']],
  ])('with a minimum duration of %i ms the alert opens at %j', (minDurationMs, want) => {
    const { obs } = airRun(() => ({ pm25: 90 }), 24, { overrides: { [air.id]: { 'air.pm25.24h': { minDurationMs } } } })
    expect(transitions(obs, 'air.pm25.24h')).toEqual(want)
  })

  it('with a minimum count of 2 the second consecutive breaching hour opens it', () => {
    const { obs } = airRun(() => ({ pm25: 90 }), 22, { overrides: { '*': { 'air.pm25.24h': { minCount: 2 } } } })
    expect(transitions(obs, 'air.pm25.24h')).toEqual(['opened@21'])
  })
})

describe('time comes from the readings', () => {
  it('skips and counts a reading for an hour that has already closed', () => {
    const ev = standardsEvaluator()
    ev.observe(air, [...hourly(air, T0 + HOUR, 1, () => ({ pm25: 40 })), tick(air, T0 + 2 * HOUR)])
    expect(ev.observe(air, [{ stationId: air.id, kind: 'air', ts: T0 + 10 * MIN, values: { o3: 500 } }])).toEqual([])
    expect(ev.stats().late).toBe(1)
  })

  it('a redelivered batch adds nothing', () => {
    const ev = standardsEvaluator()
    const batch = hourly(air, T0, 2, () => ({ o3: 210 }))
    ev.observe(air, batch)
    expect(ev.observe(air, batch.slice(-30))).toEqual([])
  })

  it('an unsorted batch gives the same observations as a sorted one', () => {
    const batch = [...hourly(air, T0, 3, (h) => ({ pm25: 30 + h * 20, o3: 90 })), tick(air, T0 + 3 * HOUR)]
    const shuffled = [...batch].sort((a, b) => ((a.ts * 7919) % 1013) - ((b.ts * 7919) % 1013))
    const key = (o: Observation) => `${o.rule.id}|${o.ts}|${round(o.value)}`
    expect(standardsEvaluator().observe(air, shuffled).map(key)).toEqual(standardsEvaluator().observe(air, batch).map(key))
  })

  it('a silence longer than a day empties the windows and costs a bounded number of steps', () => {
    const ev = standardsEvaluator()
    ev.observe(
      air,
      hourly(air, T0, 24, () => ({ pm25: 90 })),
    )
    const obs = ev.observe(air, [tick(air, T0 + 400 * 24 * HOUR, { pm25: 10 })])
    expect(valuesOf(obs, 'air.pm25.24h').map(([, h]) => h)).toEqual([24, 25, 26, 27, 28])
  })
})

describe('warm-up after a restart', () => {
  type Gen = (r: () => number, i: number) => Record<string, number>
  const kinds: [string, ReturnType<typeof stationOf>, Gen][] = [
    [
      'air',
      stationOf('air'),
      (r) => ({ pm25: 40 + 60 * r(), pm10: 80 + 50 * r(), o3: 120 + 100 * r(), so2: 10, no2: 30 + 200 * r(), co: 0.8 }),
    ],
    [
      'water',
      stationOf('water', { intervalSec: 300, waterBody: 'lake' }),
      (r) => ({ ph: 7, do: 4 + 3 * r(), nh3n: 0.5 + r(), tp: 0.03 + 0.05 * r(), tn: 0.8 }),
    ],
    [
      'wastewater',
      stationOf('wastewater', { builtDate: '2010-06-30' }),
      (r) => ({ cod: 30 + 30 * r(), nh3n: 3 + 3 * r(), tp: 0.3 + 0.3 * r(), tn: 10, ss: 6, ph: 7 }),
    ],
    ['energy', stationOf('energy', { quotaTce: 3 }), (r, i) => ({ elec_kwh: 1000 + i * 25 + 10 * r() })],
  ]

  it.each(kinds)('%s: history fed by warm() then live readings give the observations of one continuous feed', (_k, station, gen) => {
    const r = rng(11)
    const step = station.intervalSec * 1000
    const readings: Reading[] = []
    for (let i = 0; i < (30 * HOUR) / step; i++) {
      const values = gen(r, i)
      if (i % 97 === 5)
        readings.push({
          stationId: station.id,
          kind: station.kind,
          ts: T0 + i * step,
          values,
          flags: Object.fromEntries(Object.keys(values).map((k) => [k, 'M'])),
        })
      else readings.push({ stationId: station.id, kind: station.kind, ts: T0 + i * step, values })
    }
    const split = readings.findIndex((x) => x.ts >= T0 + 26 * HOUR + 17 * MIN)
    const key = (o: Observation) => `${o.rule.id}|${o.ts}|${round(o.value)}|${o.detail ?? ''}`
    const whole = standardsEvaluator()
    const continuous = whole.observe(station, readings)
    const restarted = standardsEvaluator()
    restarted.warm(station, readings.slice(0, split))
    const live: Observation[] = []
    for (let i = split; i < readings.length; i += 7) live.push(...restarted.observe(station, readings.slice(i, i + 7)))
    expect(live.length).toBeGreaterThan(0)
    expect(live.map(key)).toEqual(continuous.filter((o) => o.ts >= readings[split]!.ts).map(key))
    expect(restarted.aqiFor(station.id)).toEqual(whole.aqiFor(station.id))
  })

  it('after warm-up the 24-h mean is right at once (no 20-hour blind spot)', () => {
    const ev = standardsEvaluator()
    ev.warm(
      air,
      hourly(air, T0, 24, () => ({ pm25: 90 })),
    )
    expect(valuesOf(ev.observe(air, [tick(air, T0 + 24 * HOUR, { pm25: 90 })]), 'air.pm25.24h')).toEqual([[90, 24]])
  })
})

describe('rules and overrides', () => {
  it('lists the standard rules of an air station with their sources', () => {
    const rules = standardsEvaluator().rulesFor(air)
    expect(rules.map((r) => r.id)).toEqual([
      'air.so2.1h',
      'air.no2.1h',
      'air.co.1h',
      'air.o3.1h',
      'air.pm25.24h',
      'air.pm10.24h',
      'air.so2.24h',
      'air.no2.24h',
      'air.co.24h',
      'air.o3.8h',
      'air.aqi.1h',
    ])
    expect(rules.map((r) => [r.id, r.limit, r.steps?.[0]?.at])).toEqual([
      ['air.so2.1h', 500, 800],
      ['air.no2.1h', 200, 1200],
      ['air.co.1h', 10, 60],
      ['air.o3.1h', 200, 400],
      ['air.pm25.24h', 75, 150],
      ['air.pm10.24h', 150, 350],
      ['air.so2.24h', 150, 800],
      ['air.no2.24h', 80, 280],
      ['air.co.24h', 4, 24],
      ['air.o3.8h', 160, 265],
      ['air.aqi.1h', 100, 200],
    ])
    for (const r of rules) expect(r.source).toMatch(/GB 3095-2012 Table 1|HJ 633-2012/)
  })

  it('an override switches a rule off, and setOverrides applies at once', () => {
    const ev = standardsEvaluator()
    ev.observe(air, [])
    ev.setOverrides({ [air.id]: { 'air.o3.1h': { enabled: false } } })
    expect(ev.rulesFor(air).map((r) => r.id)).not.toContain('air.o3.1h')
    expect(ev.observe(air, [{ stationId: air.id, kind: 'air', ts: T0, values: { o3: 900 } }])).toEqual([])
  })

  it('forgets a removed station', () => {
    const { ev } = airRun(() => ({ pm25: 80 }), 1)
    ev.forget(air.id)
    expect(ev.aqiFor(air.id)).toBeUndefined()
    expect(ev.stats().stations).toBe(0)
  })
})
