import { describe, expect, it } from 'vitest'
import { AlertBook } from './alert-book'
import { HOUR, T0, hourly, stationOf, tick, valuesOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const river = stationOf('water', { waterBody: 'river' })
const lake = stationOf('water', { id: 'T-lake', waterBody: 'lake' })
const strictLake = stationOf('water', { id: 'T-lake-strict', waterBody: 'lake', waterClassMethod: 'all-items' })

const bodies = { river, lake }

function run(station = river, perHour: (h: number) => Record<string, number> | undefined = () => ({}), hours = 1) {
  return standardsEvaluator().observe(station, [...hourly(station, T0, hours, perHour), tick(station, T0 + hours * HOUR)])
}

describe('water class as a number (GB 3838-2002 Table 1, single factor; I=1 … V=5, worse than V=6)', () => {
  it.each([
    ['river', { nh3n: 0.15 }, 1],
    ['river', { nh3n: 1.0 }, 3],
    ['river', { nh3n: 1.0001 }, 4],
    ['river', { nh3n: 2.0 }, 5],
    ['river', { nh3n: 2.01 }, 6],
    ['river', { do: 7.5 }, 1],
    ['river', { do: 5 }, 3],
    ['river', { do: 1.99 }, 6],
    ['river', { ph: 9 }, 1],
    ['river', { ph: 9.1 }, 6],
    ['river', { tp: 0.05 }, 2],
    ['lake', { tp: 0.05 }, 3],
    ['lake', { tp: 0.051 }, 4],
    ['river', { codmn: 6, nh3n: 0.4, do: 8 }, 3],
  ] as const)('%s: hourly means %j give class %i', (body, values, cls) => {
    expect(
      valuesOf(
        run(bodies[body], () => values),
        'water.class',
      ),
    ).toEqual([[cls, 1]])
  })

  it('a river does not assess TN; a lake judges it by its own rule, beside the class (2011 practice)', () => {
    expect(
      valuesOf(
        run(river, () => ({ tn: 5 })),
        'water.class',
      ),
    ).toEqual([])
    expect(
      valuesOf(
        run(lake, () => ({ tn: 5 })),
        'water.class',
      ),
    ).toEqual([])
    expect(
      valuesOf(
        run(lake, () => ({ tn: 5 })),
        'water.tn.1h',
      ),
    ).toEqual([[5, 1]])
    expect(
      standardsEvaluator()
        .rulesFor(river)
        .map((r) => r.id),
    ).not.toContain('water.tn.1h')
  })

  it.each([
    ['a lake (practice, default)', lake, 2, 'class II (worst: do, codmn, nh3n, tp); TN class V, reported beside the class'],
    ['a lake set to all items', strictLake, 5, 'class V (worst: tn); worse than III: tn'],
    ['a river (TN has no river limit)', river, 2, 'class II (worst: do, codmn, nh3n, tp)'],
  ] as const)('%s with TN class V and every other item class II is class %s', (_what, station, cls, detail) => {
    const obs = run(station, () => ({
      ph: 7.4,
      do: 6.5,
      codmn: 3,
      nh3n: 0.4,
      tp: station.waterBody === 'lake' ? 0.02 : 0.08,
      tn: 1.9,
    })).filter((o) => o.rule.id === 'water.class')
    expect(obs.map((o) => [o.value, typeof o.detail === 'function' ? o.detail() : o.detail])).toEqual([[cls, detail]])
  })

  it('says in the rule source which items decide the class, and titles lake TN as reported beside it', () => {
    const ev = standardsEvaluator()
    const rule = (s: typeof lake, id: string) => ev.rulesFor(s).find((r) => r.id === id)!
    expect(rule(lake, 'water.class').source).toMatch(/地表水环境质量评价办法\(试行\) \(2011\).*TN .*excluded/)
    expect(rule(strictLake, 'water.class').source).toMatch(/all items, lake TN included/)
    expect(rule(lake, 'water.tn.1h').title.en).toBe('Total nitrogen above class III (reported beside the class)')
    expect(rule(strictLake, 'water.tn.1h').title.en).toBe('Total nitrogen above class III')
  })

  it('the class rule compares with the configured class (default III)', () => {
    const ev = standardsEvaluator()
    expect(ev.rulesFor(river).find((r) => r.id === 'water.class')?.limit).toBe(3)
    expect(ev.rulesFor(stationOf('water', { id: 'II', standardClass: 'II' })).find((r) => r.id === 'water.class')?.limit).toBe(2)
  })

  it('one hour worse than the target does not open an alert; two consecutive hours do (minCount 2)', () => {
    const book = new AlertBook(() => 'a')
    const obs = run(river, (h) => ({ nh3n: h === 1 || h >= 3 ? 1.2 : 0.5 }), 5).filter((o) => o.rule.id === 'water.class')
    expect(obs.flatMap((o) => book.observe(o, o.ts)).map((t) => `${t.type}@${(t.alert.observedAt - T0) / HOUR}`)).toEqual(['opened@5'])
  })
})

describe('water items: hourly means vs the target class limits', () => {
  it.each([
    ['water.nh3n.1h', 'river', 1.0, 2.0],
    ['water.codmn.1h', 'river', 6, 15],
    ['water.tp.1h', 'river', 0.2, 0.4],
    ['water.tp.1h', 'lake', 0.05, 0.2],
    ['water.tn.1h', 'lake', 1.0, 2.0],
    ['water.do.1h', 'river', 5, 2],
  ] as const)('%s in a %s: limit %s, critical beyond the class V limit %s', (id, body, limit, critical) => {
    const r = standardsEvaluator()
      .rulesFor(bodies[body])
      .find((x) => x.id === id)!
    expect([r.limit, r.steps?.[0]?.at, r.comparison]).toEqual([limit, critical, id === 'water.do.1h' ? 'below' : 'above'])
  })

  it("observes each item's hourly mean at the hour end", () => {
    const obs = run(river, () => ({ nh3n: 1.2, do: 4, ph: 7.2 }))
    expect([valuesOf(obs, 'water.nh3n.1h'), valuesOf(obs, 'water.do.1h'), valuesOf(obs, 'water.ph.1h')]).toEqual([
      [[1.2, 1]],
      [[4, 1]],
      [[7.2, 1]],
    ])
  })
})
