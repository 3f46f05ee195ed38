import { describe, expect, it } from 'vitest'
import { HOUR, T0 } from './standard-test-helpers'
import { HourRing } from './window-hours'

function ringOf(values: number[], start = T0): HourRing {
  const r = new HourRing()
  values.forEach((v, i) => r.push(start + i * HOUR, v))
  return r
}

const rep = (x: number, n: number) => new Array<number>(n).fill(x)

describe('HourRing', () => {
  it.each([
    [19, NaN],
    [20, 50],
    [24, 50],
  ])('the 24-h moving mean with %i valid hours is %s (GB 3095-2012 Table 4: >= 20)', (valid, mean) => {
    expect(ringOf([...rep(NaN, 24 - valid), ...rep(50, valid)]).mean24h()).toEqual(mean)
  })

  it.each([
    [5, NaN],
    [6, 120],
  ])('the O3 8-h moving mean with %i valid hours is %s (GB 3095-2012 Table 4: >= 6)', (valid, mean) => {
    expect(ringOf([...rep(300, 16), ...rep(NaN, 8 - valid), ...rep(120, valid)]).mean8h()).toEqual(mean)
  })

  it('a gap between pushes fills the missing hours with NaN', () => {
    const r = ringOf([10])
    r.push(T0 + 3 * HOUR, 40)
    expect([...r.v.slice(20)]).toEqual([10, NaN, NaN, 40])
    expect(r.end).toBe(T0 + 4 * HOUR)
  })

  it('ignores an hour older than the newest', () => {
    const r = ringOf([10, 20])
    r.push(T0, 99)
    expect(r.last()).toBe(20)
  })

  it("the day-to-date mean covers only the newest hour's CST day", () => {
    // 22:00 and 23:00 of the previous day, then 00:00..02:00 CST.
    const r = ringOf([1000, 1000, 10, 20, 30], T0 - 2 * HOUR)
    expect(r.dayToDate(1)).toEqual({ mean: 20, hours: 3, day: Math.floor((T0 + 8 * HOUR) / (24 * HOUR)) })
    expect(r.dayToDate(4).mean).toBeNaN()
  })
})
