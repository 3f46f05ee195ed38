import { describe, expect, it } from 'vitest'
import { barPositions, boardStatus, formatTargetValue, statusLook, targetText, trendAts } from './target-status'

const cst = (s: string) => Date.parse(`${s}+08:00`)

describe('target status mapping', () => {
  it.each([
    ['met', 'target-met', 'targets.status.met'],
    ['at-risk', 'target-at-risk', 'targets.status.at-risk'],
    ['missed', 'target-missed', 'targets.status.missed'],
    ['no-data', 'target-no-data', 'targets.status.no-data'],
    ['computing', 'target-computing', 'targets.status.computing'],
  ] as const)('%s → class %s and word %s', (s, cls, key) => {
    expect(statusLook(s)).toEqual({ cls, key })
  })

  it.each([
    ['no-data', true, 'computing'],
    ['no-data', false, 'no-data'],
    ['no-data', undefined, 'no-data'],
    ['met', true, 'met'],
    ['missed', true, 'computing'],
    ['at-risk', true, 'computing'],
    ['missed', false, 'missed'],
    ['at-risk', undefined, 'at-risk'],
  ] as const)('a %s target on a board computing=%s reads %s', (status, computing, want) => {
    expect(boardStatus({ status }, computing)).toBe(want)
  })

  it.each([
    [95.333, '%', '95.3 %'],
    [100, '%', '100 %'],
    [1234.6, 'tce', '1 235 tce'],
    [0.1234, '', '0.123'],
    [null, '%', '—'],
  ] as const)('formats %s %s as %s', (v, unit, want) => {
    expect(formatTargetValue(v, unit)).toBe(want)
  })

  it('writes the comparator as a symbol', () => {
    expect(targetText({ comparator: '>=', target: 90, unit: '%' })).toBe('≥ 90 %')
    expect(targetText({ comparator: '<=', target: 100, unit: '%' })).toBe('≤ 100 %')
  })

  it('places value and target on a percentage bar', () => {
    expect(barPositions({ value: 95, target: 90, unit: '%', comparator: '>=' })).toEqual({ value: 0.95, target: 0.9 })
    expect(barPositions({ value: null, target: 90, unit: '%', comparator: '>=' })).toBeUndefined()
    const b = barPositions({ value: 50, target: 100, unit: 'tce', comparator: '<=' })!
    expect(b.target).toBeCloseTo(1 / 1.1)
  })
})

describe('trendAts', () => {
  it('asks for the value as of each day of a month so far', () => {
    const ats = trendAts('month', cst('2026-11-01T00:00:00'), cst('2026-12-01T00:00:00'), cst('2026-11-04T10:00:00'))
    expect(ats).toEqual([cst('2026-11-02T00:00:00'), cst('2026-11-03T00:00:00'), cst('2026-11-04T00:00:00')])
  })

  it('asks for each month start of a year so far', () => {
    const ats = trendAts('year', cst('2026-01-01T00:00:00'), cst('2027-01-01T00:00:00'), cst('2026-03-15T00:00:00'))
    expect(ats).toEqual([cst('2026-02-01T00:00:00'), cst('2026-03-01T00:00:00')])
  })

  it('asks for each week of a quarter so far', () => {
    expect(trendAts('quarter', cst('2026-10-01T00:00:00'), cst('2027-01-01T00:00:00'), cst('2026-10-20T00:00:00')).length).toBe(2)
  })
})
