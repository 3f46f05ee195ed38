import { describe, expect, it } from 'vitest'
import { HOUR, MIN, T0, hourly, stationOf, tick, valuesOf } from './standard-test-helpers'
import { standardsEvaluator } from './standards-evaluator'

const air = stationOf('air', { standardClass: 'II' })
const GRACE = 5 * MIN

/** One hour of PM2.5 80 (IAQI 107) from T0, minute data 00..59. */
const hour0 = () => hourly(air, T0, 1, () => ({ pm25: 80 }))

describe('hours close on the clock (end + grace)', () => {
  it('a station that stops at 15:59 gets its hour at end + grace, not before', () => {
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    expect(valuesOf(ev.observe(air, hour0()), 'air.aqi.1h')).toEqual([])
    expect(ev.closeDue(T0 + HOUR + GRACE - 1).observations).toEqual([])
    expect(ev.aqiFor(air.id)).toBeUndefined()
    const closed = ev.closeDue(T0 + HOUR + GRACE)
    expect(valuesOf(closed.observations, 'air.aqi.1h')).toEqual([[107, 1]])
    expect(closed.stations).toEqual([air.id])
    expect(ev.aqiFor(air.id)).toMatchObject({ aqi: 107, ts: new Date(T0).toISOString(), end: new Date(T0 + HOUR).toISOString() })
  })

  it('closes an hour once: a later tick or reading observes nothing more for it', () => {
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(air, hour0())
    ev.closeDue(T0 + HOUR + GRACE)
    expect(ev.closeDue(T0 + HOUR + GRACE + 5_000).observations).toEqual([])
    expect(valuesOf(ev.observe(air, [tick(air, T0 + HOUR + 6 * MIN, { pm25: 10 })]), 'air.aqi.1h')).toEqual([])
  })

  it('a reading of the next hour does not close the hour before its grace ends', () => {
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    const obs = ev.observe(air, [...hour0(), tick(air, T0 + HOUR + 2 * MIN, { pm25: 10 })])
    expect(valuesOf(obs, 'air.aqi.1h')).toEqual([])
    expect(valuesOf(ev.observe(air, [tick(air, T0 + HOUR + GRACE, { pm25: 10 })]), 'air.aqi.1h')).toEqual([[107, 1]])
  })

  it('a minute of the hour arriving late but within the grace still counts in its mean', () => {
    // 44 minutes, then the next hour starts, then the 45th minute of the first hour arrives at 01:03.
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(air, [...hourly(air, T0, 1, () => ({ pm25: 80 }), 44), tick(air, T0 + HOUR + MIN, { pm25: 10 })])
    ev.observe(air, [tick(air, T0 + 44 * MIN, { pm25: 80 })])
    expect(valuesOf(ev.closeDue(T0 + HOUR + GRACE).observations, 'air.aqi.1h')).toEqual([[107, 1]])
  })

  it('a reading for an hour already closed is counted late and leaves the live hourly state alone', () => {
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(air, hour0())
    ev.closeDue(T0 + HOUR + GRACE)
    const before = ev.aqiFor(air.id)
    expect(ev.observe(air, [tick(air, T0 + 30 * MIN, { pm25: 500 })])).toEqual([])
    expect(ev.stats().late).toBe(1)
    expect(ev.aqiFor(air.id)).toEqual(before)
  })

  it('leaves a station silent for longer than an hour plus the grace to its own readings (a backlog is judged in data order)', () => {
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(air, hour0())
    // The clock is 10 h on: this is history arriving (or a station long silent), not a live hour.
    expect(ev.closeDue(T0 + 10 * HOUR).observations).toEqual([])
    const rest = ev.observe(air, [...hourly(air, T0 + HOUR, 1, () => ({ pm25: 30 })), tick(air, T0 + 2 * HOUR + GRACE)])
    expect(valuesOf(rest, 'air.aqi.1h')).toEqual([
      [107, 1],
      [43, 2],
    ])
    expect(ev.stats().late).toBe(0)
  })

  it('does not close an hour whose recent backlog is still short of 45 minutes; it closes once enough has arrived', () => {
    // At 01:30 a logger is replaying the 00:00 hour and has reached 00:25 (a tick comes in between).
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(
      air,
      hourly(air, T0, 1, () => ({ pm25: 80 }), 25),
    )
    expect(ev.closeDue(T0 + HOUR + 30 * MIN).observations).toEqual([])
    ev.observe(air, hourly(air, T0, 1, () => ({ pm25: 80 }), 50).slice(25))
    expect(valuesOf(ev.closeDue(T0 + HOUR + 30 * MIN).observations, 'air.aqi.1h')).toEqual([[107, 1]])
  })

  it('closes the hour of a station reporting hourly values (one reading covers the hour)', () => {
    const hourlyStation = stationOf('air', { id: 'T-air-hourly', intervalSec: 3600 })
    const ev = standardsEvaluator({ hourCloseDelayMs: GRACE })
    ev.observe(hourlyStation, [tick(hourlyStation, T0, { pm25: 80 })])
    expect(valuesOf(ev.closeDue(T0 + HOUR + GRACE).observations, 'air.aqi.1h', T0)).toEqual([[107, 1]])
  })

  it('with no grace an hour closes at its end, by a reading or by the clock', () => {
    const a = standardsEvaluator()
    expect(valuesOf(a.observe(air, [...hour0(), tick(air, T0 + HOUR)]), 'air.aqi.1h')).toEqual([[107, 1]])
    const b = standardsEvaluator()
    b.observe(air, hour0())
    expect(valuesOf(b.closeDue(T0 + HOUR).observations, 'air.aqi.1h')).toEqual([[107, 1]])
  })

  it('rejects a grace of an hour or more', () => {
    expect(() => standardsEvaluator({ hourCloseDelayMs: HOUR })).toThrow('invalid hourCloseDelayMs: 3600000')
  })
})
