import { describe, expect, it } from 'vitest'
import type { WaterBody } from '../domain/station'
import {
  GB3838_LIMITS,
  assessWater,
  classifyWaterItem,
  isClassItem,
  maybeWaterClass,
  maybeWaterClassMethod,
  waterLimit,
  type WaterClass,
  type WaterItem,
} from './surface-water'

const CLASSES: WaterClass[] = ['I', 'II', 'III', 'IV', 'V']
const NEXT: Record<string, WaterClass> = { I: 'II', II: 'III', III: 'IV', IV: 'V', V: 'worse-than-V' }

// GB 3838-2002 Table 1 typed out again from the reference (I..V).
const UPPER: [WaterItem, WaterBody, number[]][] = [
  ['codmn', 'river', [2, 4, 6, 10, 15]],
  ['cod', 'river', [15, 15, 20, 30, 40]],
  ['bod5', 'river', [3, 3, 4, 6, 10]],
  ['nh3n', 'river', [0.15, 0.5, 1.0, 1.5, 2.0]],
  ['tp', 'river', [0.02, 0.1, 0.2, 0.3, 0.4]],
  ['tp', 'lake', [0.01, 0.025, 0.05, 0.1, 0.2]],
  ['tn', 'lake', [0.2, 0.5, 1.0, 1.5, 2.0]],
]

/** The best class whose limit the value meets (equal limits for I and II put an at-limit value in I). */
function bestClassAt(limits: number[], k: number): WaterClass {
  return CLASSES[limits.indexOf(limits[k]!)]!
}

describe('GB 3838-2002 upper-limit items: a value at a limit is in the better class', () => {
  const cases = UPPER.flatMap(([item, body, limits]) => limits.map((l, k) => [item, body, l, bestClassAt(limits, k), k] as const))
  it.each(cases)('%s (%s) at %d is class %s', (item, body, v, cls) => {
    expect(classifyWaterItem(item, v, body)).toBe(cls)
  })

  const above = UPPER.flatMap(([item, body, limits]) =>
    limits.map((l, k) => [item, body, l, limits[k + 1] === l ? NEXT[NEXT[CLASSES[k]!]!]! : NEXT[CLASSES[k]!]!] as const),
  )
  it.each(above)('%s (%s) just above %d is class %s', (item, body, v, cls) => {
    expect(classifyWaterItem(item, v * 1.0001, body)).toBe(cls)
  })

  it.each(UPPER.map(([item, body, limits]) => [item, body, limits] as const))(
    '%s (%s) limits match the reference',
    (item, body, limits) => {
      expect(CLASSES.map((c) => waterLimit(item, c as Exclude<WaterClass, 'worse-than-V'>, body))).toEqual(limits)
    },
  )
})

describe('dissolved oxygen (higher is better, >= limits)', () => {
  it.each([
    [7.5, 'I'],
    [7.49, 'II'],
    [6, 'II'],
    [5.99, 'III'],
    [5, 'III'],
    [4.99, 'IV'],
    [3, 'IV'],
    [2.99, 'V'],
    [2, 'V'],
    [1.99, 'worse-than-V'],
    [12, 'I'],
  ] as const)('DO %d mg/L is class %s', (v, cls) => {
    expect(classifyWaterItem('do', v)).toBe(cls)
  })

  it('keeps the DO limits as data', () => {
    expect(GB3838_LIMITS.do).toEqual([7.5, 6, 5, 3, 2])
  })
})

describe('pH (6–9 in every class)', () => {
  it.each([
    [6, 'I'],
    [9, 'I'],
    [7.2, 'I'],
    [5.99, 'worse-than-V'],
    [9.01, 'worse-than-V'],
  ] as const)('pH %d is class %s', (v, cls) => {
    expect(classifyWaterItem('ph', v)).toBe(cls)
  })
})

describe('river vs lake', () => {
  it('classes TP 0.05 as II in a river and III in a lake', () => {
    expect([classifyWaterItem('tp', 0.05, 'river'), classifyWaterItem('tp', 0.05, 'lake')]).toEqual(['II', 'III'])
  })

  it('does not assess TN in a river', () => {
    expect(classifyWaterItem('tn', 5, 'river')).toBeUndefined()
    expect(assessWater({ tn: 5, do: 8 }, 'river').cls).toBe('I')
  })

  it('classes TN in a lake (GB 3838-2002 Table 1 item 10)', () => {
    expect(classifyWaterItem('tn', 1.2, 'lake')).toBe('IV')
  })
})

// Hand-made cases: every class item II (DO 6.5 → II, CODMn 3 → II, NH3-N 0.4 → II, TP river 0.08 /
// lake 0.02 → II), TN as given. Under the 2011 practice (default) TN never decides the class and a
// lake's TN is reported beside it; the strict all-items class takes it in.
const II_RIVER = { ph: 7.4, do: 6.5, codmn: 3, nh3n: 0.4, tp: 0.08 }
const II_LAKE = { ph: 7.4, do: 6.5, codmn: 3, nh3n: 0.4, tp: 0.02 }

describe('class items: 地表水环境质量评价办法(试行) (2011) by default, all items as a station setting', () => {
  it.each([
    ['river, TN 5, practice', II_RIVER, 'river', 5, 'assessment', 'II', []],
    ['river, TN 5, all items (rivers have no TN limit)', II_RIVER, 'river', 5, 'all-items', 'II', []],
    ['lake, TN class V, practice', II_LAKE, 'lake', 1.9, 'assessment', 'II', [['tn', 'V']]],
    ['lake, TN class V, all items', II_LAKE, 'lake', 1.9, 'all-items', 'V', []],
    ['lake, TN worse than V, practice', II_LAKE, 'lake', 3, 'assessment', 'II', [['tn', 'worse-than-V']]],
    ['lake, TN worse than V, all items', II_LAKE, 'lake', 3, 'all-items', 'worse-than-V', []],
    ['lake, TN class I, practice', II_LAKE, 'lake', 0.2, 'assessment', 'II', [['tn', 'I']]],
    ['lake, TN class I, all items', II_LAKE, 'lake', 0.2, 'all-items', 'II', []],
  ] as const)('%s: class %s', (_what, values, body, tn, method, cls, separate) => {
    const a = assessWater({ ...values, tn }, body, 'III', method)
    expect(a.cls).toBe(cls)
    expect(a.separate.map((x) => [x.item, x.cls])).toEqual(separate)
  })

  it('defaults to the practice: a lake with TN class V and every other item class II is class II, compliant, TN reported', () => {
    const a = assessWater({ ...II_LAKE, tn: 1.9 }, 'lake')
    expect([a.method, a.cls, a.compliant, a.exceeding, a.worstItems]).toEqual(['assessment', 'II', true, [], ['do', 'codmn', 'nh3n', 'tp']])
    expect(a.separate).toEqual([
      { item: 'tn', value: 1.9, cls: 'V', exceeds: true, limit: 1.0, multiple: expect.closeTo(0.9, 12), inClass: false },
    ])
  })

  it('the strict setting makes TN a class item: class V, not compliant, TN the deciding item', () => {
    const a = assessWater({ ...II_LAKE, tn: 1.9 }, 'lake', 'III', 'all-items')
    expect([a.cls, a.compliant, a.exceeding, a.worstItems, a.separate]).toEqual(['V', false, ['tn'], ['tn'], []])
  })

  it('a lake with TN only has no class under the practice (TN alone decides nothing)', () => {
    expect(assessWater({ tn: 1.9 }, 'lake').cls).toBeUndefined()
  })

  it.each([
    ['tn', 'assessment', false],
    ['tn', 'all-items', true],
    ['nh3n', 'assessment', true],
    ['tp', 'assessment', true],
  ] as const)('%s is a class item under %s: %s', (item, method, yes) => {
    expect(isClassItem(item, method)).toBe(yes)
  })

  it.each([
    ['assessment', 'assessment'],
    ['all-items', 'all-items'],
    ['strict', undefined],
    [undefined, undefined],
  ])('narrows the class method %s to %s', (v, m) => {
    expect(maybeWaterClassMethod(v)).toBe(m)
  })
})

describe('station assessment (single-factor: worst item)', () => {
  it('takes the worst item class', () => {
    const a = assessWater({ ph: 7.5, do: 6.5, codmn: 3, nh3n: 0.6, tp: 0.12 })
    expect(a.cls).toBe('III')
    expect(a.worstItems).toEqual(['nh3n', 'tp'])
    expect(a.compliant).toBe(true)
  })

  it('lists the items worse than class III with their exceedance multiple', () => {
    const a = assessWater({ do: 4, codmn: 3, nh3n: 1.5 })
    expect(a.compliant).toBe(false)
    expect(a.exceeding).toEqual(['do', 'nh3n'])
    expect(a.items.find((x) => x.item === 'nh3n')?.multiple).toBeCloseTo(0.5, 12)
    expect(a.items.find((x) => x.item === 'do')?.multiple).toBeUndefined()
  })

  it('judges against a configured class II', () => {
    const a = assessWater({ nh3n: 0.6 }, 'river', 'II')
    expect([a.cls, a.compliant, a.exceeding]).toEqual(['III', false, ['nh3n']])
  })

  it('is undefined without assessable items', () => {
    expect(assessWater({}).compliant).toBeUndefined()
  })

  it.each([
    ['II', 'II'],
    ['VI', undefined],
    [undefined, undefined],
  ])('narrows configured class %s to %s', (v, cls) => {
    expect(maybeWaterClass(v)).toBe(cls)
  })
})
