import { describe, expect, it } from 'vitest'
import { HOUR, T0, hourly, stationOf, tick, valuesOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const plant = stationOf('wastewater', { builtDate: '2010-06-30' })

/** Effluent hourly from `from` h for `hours` hours, then a reading at the next hour. */
function run(values: (h: number) => Record<string, number> | undefined, fromHour: number, hours: number, station = plant) {
  const from = T0 + fromHour * HOUR
  return standardsEvaluator().observe(station, [...hourly(station, from, hours, values), tick(station, from + hours * HOUR)])
}

const limitOf = (obs: ReturnType<typeof run>, id: string) => obs.filter((o) => o.rule.id === id).map((o) => o.rule.limit)

describe('effluent day-to-date early warning and daily mean (GB 18918-2002 Table 1)', () => {
  it.each([
    [3, []],
    [4, [[55, 4]]],
  ])('with %i valid hours the day-to-date mean is observed: %j', (hours, want) => {
    expect(
      valuesOf(
        run(() => ({ cod: 55 }), 0, hours),
        'wastewater.cod.1d',
      ),
    ).toEqual(want)
  })

  it('the day-to-date mean averages the valid hourly means of the CST day so far', () => {
    expect(
      valuesOf(
        run((h) => ({ cod: h < 2 ? 30 : 60 }), 0, 4),
        'wastewater.cod.1d',
      ),
    ).toEqual([[45, 4]])
  })

  it.each([
    [4, 24],
    [5, 23],
  ])('from %i:00 the last observation of the day is at %i:00 (the daily mean needs >= 20 valid hours)', (fromHour, last) => {
    const obs = run(() => ({ cod: 40 }), fromHour, 24 - fromHour).filter((o) => o.rule.id === 'wastewater.cod.1d')
    expect((obs.at(-1)!.ts - T0) / HOUR).toBe(last)
    if (last === 24) expect(obs.at(-1)!.detail).toBe('daily mean of 20 valid hourly means')
  })

  it('a new CST day starts a new mean', () => {
    const obs = run((h) => ({ cod: h < 24 ? 80 : 20 }), 0, 28)
    expect(valuesOf(obs, 'wastewater.cod.1d').slice(-2)).toEqual([
      [80, 24],
      [20, 28],
    ])
  })
})

describe('effluent limits per plant', () => {
  it.each([
    [undefined, 5],
    [12, 8],
    [12.1, 5],
    [8, 8],
  ])('NH3-N with daily mean water temperature %s °C: limit %i (Table 1 note: bracketed limit at <= 12 °C)', (temp, limit) => {
    const obs = run((): Record<string, number> => (temp === undefined ? { nh3n: 6 } : { nh3n: 6, temp }), 0, 4)
    expect(limitOf(obs, 'wastewater.nh3n.1d')).toEqual([limit])
  })

  it('a station override of the NH3-N limit wins over the temperature rule', () => {
    const station = stationOf('wastewater', { id: 'P9' })
    const ev = standardsEvaluator({ overrides: { P9: { 'wastewater.nh3n.1d': { limit: 4 } } } })
    const obs = ev.observe(station, [...hourly(station, T0, 4, () => ({ nh3n: 6, temp: 8 })), tick(station, T0 + 4 * HOUR)])
    expect(limitOf(obs, 'wastewater.nh3n.1d')).toEqual([4])
  })

  it.each([
    ['2005-12-31', 1],
    ['2006-01-01', 0.5],
    [undefined, 0.5],
  ])('TP for a plant built %s: limit %s (Table 1 item 9)', (builtDate, limit) => {
    const r = standardsEvaluator()
      .rulesFor(stationOf('wastewater', { builtDate }))
      .find((x) => x.id === 'wastewater.tp.1d')!
    expect(r.limit).toBe(limit)
    if (!builtDate) expect(r.source).toContain('build date unknown')
  })

  it.each([
    ['1A', 50, 15],
    ['1B', 60, 20],
    ['2', 100, undefined],
  ])('class %s: COD %i, TN %s (not controlled for class 2)', (standardClass, cod, tn) => {
    const rules = standardsEvaluator().rulesFor(stationOf('wastewater', { standardClass }))
    expect([rules.find((r) => r.id === 'wastewater.cod.1d')?.limit, rules.find((r) => r.id === 'wastewater.tn.1d')?.limit]).toEqual([
      cod,
      tn,
    ])
  })

  it('a daily mean above twice the limit is critical', () => {
    const r = standardsEvaluator()
      .rulesFor(plant)
      .find((x) => x.id === 'wastewater.cod.1d')!
    expect(r.steps).toEqual([{ at: 100, severity: 'critical' }])
  })
})
