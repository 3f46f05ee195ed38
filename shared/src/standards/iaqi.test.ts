import { describe, expect, it } from 'vitest'
import { IAQI_BREAKPOINTS, IAQI_COLUMNS, IAQI_ROWS, iaqiColumnUnit, type IaqiColumn } from './aqi-table'
import { iaqi, iaqiValue } from './iaqi'

// HJ 633-2012 Table 1 typed out again from the reference, row by row (IAQI 0..500); null = no breakpoint.
const REFERENCE: Record<IaqiColumn, (number | null)[]> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800, null, null, null],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800, null, null],
  pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
}

/** Every (column, row) breakpoint of the table. */
const BREAKPOINTS = IAQI_COLUMNS.flatMap((col) =>
  REFERENCE[col].flatMap((c, r) =>
    c === null ? [] : [{ col, r, c, iaqi: IAQI_ROWS[r]!, top: r === REFERENCE[col].filter((x) => x !== null).length - 1 }],
  ),
)
/** A step that moves any column's IAQI by less than 1 (steepest slope: CO 24-h 0–2 mg/m³, 25 per mg/m³). */
const above = (col: IaqiColumn): number => (iaqiColumnUnit(col) === 'mg/m³' ? 0.001 : 0.01)

describe('HJ 633-2012 Table 1 data', () => {
  it.each(IAQI_COLUMNS)('column %s matches the reference', (col) => {
    expect(IAQI_BREAKPOINTS[col]).toEqual(REFERENCE[col].filter((x) => x !== null))
  })

  it('has 75 breakpoints in all (8 full columns of 8, SO2 1-h 5, O3 8-h 6)', () => {
    expect(BREAKPOINTS).toHaveLength(75)
  })
})

describe('IAQI at every breakpoint', () => {
  it.each(BREAKPOINTS.map((b) => [b.col, b.c, b.iaqi] as const))('%s at exactly %d is IAQI %i', (col, c, expected) => {
    expect(iaqi(col, c)).toEqual({ ok: true, value: expected, capped: false })
  })

  it.each(BREAKPOINTS.filter((b) => !b.top).map((b) => [b.col, b.c, b.iaqi + 1] as const))(
    '%s just above %d is IAQI %i (rounded up)',
    (col, c, expected) => {
      expect(iaqiValue(col, c + above(col))).toBe(expected)
    },
  )

  it.each(BREAKPOINTS.filter((b) => b.top && b.iaqi === 500).map((b) => [b.col, b.c] as const))(
    '%s just above its top breakpoint %d is capped at 500',
    (col, c) => {
      expect(iaqi(col, c + above(col))).toEqual({ ok: true, value: 500, capped: true })
    },
  )

  it.each([
    ['so2_1h', 800.01],
    ['o3_8h', 800.01],
  ] as const)('%s at %d is beyond its column (no IAQI, HJ 633-2012 notes (1), (2))', (col, c) => {
    expect(iaqi(col, c)).toEqual({ ok: false, reason: 'beyond-column' })
  })
})

describe('IAQI formula and rounding', () => {
  it.each([
    ['pm25_24h', 35.1, 51], // 50 + 50·0.1/40 = 50.125 → 51
    ['pm10_24h', 51, 51], // 50 + 50·1/100 = 50.5 → 51
    ['pm25_24h', 80, 107], // 100 + 50·5/40 = 106.25 → 107
    ['so2_24h', 10, 10], // 50·10/50 = 10 exactly
    ['co_24h', 2.2, 55], // 50 + 50·0.2/2 = 55 exactly; in doubles 55.000000000000004, must not become 56
    ['co_1h', 7.3, 73], // 50 + 50·2.3/5 = 73 exactly
    ['o3_8h', 120, 67], // 50 + 50·20/60 = 66.67 → 67
    ['no2_1h', 0.5, 1], // 50·0.5/100 = 0.25 → 1
  ] as const)('%s %d gives %i', (col, c, expected) => {
    expect(iaqiValue(col, c)).toBe(expected)
  })

  it.each([-1, NaN, Infinity])('has no IAQI for concentration %d', (c) => {
    expect(iaqi('pm25_24h', c)).toEqual({ ok: false, reason: 'invalid' })
  })
})
