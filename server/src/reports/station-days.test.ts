import { describe, expect, it } from 'vitest'
import type { Series } from '../../../shared/src/ports/store'
import { cstDate } from '../../../shared/src/standards/time'
import { airDays, plantDays, unitDays } from '../targets/daily-aggregates'
import { computeDays, monthSpans } from './station-days'

const H = 3_600_000
const day0 = Date.UTC(2025, 0, 1) / 86_400_000
const from = Date.parse('2025-01-01T00:00:00+08:00')
const year = { first: day0, last: day0 + 364 }

function hourly(metric: string, start: number, hours: number, f: (h: number) => number): Series {
  const t: number[] = []
  const v: number[] = []
  for (let h = 0; h < hours; h++) {
    t.push(start + h * H)
    v.push(f(h))
  }
  return { metric, t, v }
}

describe('monthSpans', () => {
  it('splits a year into its twelve months', () => {
    const m = monthSpans(year)
    expect(m).toHaveLength(12)
    expect(m.map((x) => x.last - x.first + 1)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect(cstDate(m[1]!.first)).toBe('2025-02-01')
  })
})

describe('computeDays', () => {
  it('gives a year of plant volumes equal to the one-piece computation', () => {
    const series = [hourly('outflow', from, 8760, (h) => 300 + (h % 24) * 5), hourly('reclaimed', from, 8760, () => 30)]
    expect(computeDays('wastewater', 'P1', series, year)).toEqual(plantDays('P1', series, year))
  })

  it('gives a year of energy consumption equal to the one-piece computation for a steady counter', () => {
    const series = [hourly('elec_kwh', from - H, 8761, (h) => 1000 + 200 * h)]
    const days = computeDays('energy', 'E1', series, year)
    expect(days).toHaveLength(365)
    expect(days).toEqual(unitDays('E1', series, year))
  })

  it('leaves air in one piece', () => {
    const series = [hourly('pm25', from, 24 * 40, () => 35)]
    const span = { first: day0, last: day0 + 39 }
    expect(computeDays('air', 'A1', series, span)).toEqual(airDays('A1', series, span))
  })
})
