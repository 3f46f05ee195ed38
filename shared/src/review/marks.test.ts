import { describe, expect, it } from 'vitest'
import { activeMarks, checkMark, inRemit, markHistory, type Mark, type MarkInput, type MarkRecord } from './marks'

const NOW = Date.parse('2026-11-24T12:00:00Z')
const ok: MarkInput = {
  stationId: 'S1',
  metrics: ['pm25'],
  from: NOW - 7_200_000,
  to: NOW - 3_600_000,
  action: 'invalid',
  reason: 'calibration',
}
const check = (o: Partial<MarkInput>) => checkMark({ ...ok, ...o }, { now: NOW, knownMetric: (m) => m === 'pm25' || m === 'pm10' })?.code
const mark = (id: string, seq: number): Mark => ({
  id,
  seq,
  stationId: 'S1',
  metrics: ['pm25'],
  from: 0,
  to: 1,
  action: 'invalid',
  reason: 'maintenance',
  by: 'r',
  at: seq,
})

describe('checkMark', () => {
  it.each([
    ['a valid invalid mark', {}, undefined],
    ['a future range', { to: NOW + 1 }, 'future-range'],
    ['an inverted range', { from: NOW - 1000, to: NOW - 2000 }, 'bad-range'],
    ['an unknown metric', { metrics: ['pm25', 'nope'] }, 'unknown-metric'],
    ['no metric', { metrics: [] }, 'unknown-metric'],
    ['an empty reason', { reason: '  ' }, 'empty-reason'],
    ['a reason off the list', { reason: 'bored' }, 'empty-reason'],
    ['other without a note', { reason: 'other' }, 'empty-reason'],
    ['other with a note', { reason: 'other', note: 'bird nest in the inlet' }, undefined],
    ['a correction without a value', { action: 'correct' as const, note: 'x' }, 'bad-value'],
    ['a correction without a note', { action: 'correct' as const, value: 3 }, 'empty-reason'],
    ['a correction with value and note', { action: 'correct' as const, value: 3, note: 'recalibrated' }, undefined],
  ])('%s → %s', (_name, o, code) => {
    expect(check(o)).toBe(code)
  })
})

describe('activeMarks and markHistory', () => {
  const records: MarkRecord[] = [
    { type: 'mark', mark: mark('b', 2) },
    { type: 'mark', mark: mark('a', 1) },
    { type: 'withdraw', withdrawal: { markId: 'a', seq: 3, by: 'r', at: 3 } },
  ]
  it('drops withdrawn marks and orders the rest by application', () => {
    expect(activeMarks(records).map((m) => m.id)).toEqual(['b'])
  })
  it('keeps withdrawn marks in the history with their withdrawal', () => {
    expect(markHistory(records).map((m) => [m.id, m.withdrawn?.seq])).toEqual([
      ['a', 3],
      ['b', undefined],
    ])
  })
})

describe('inRemit', () => {
  const st = { kind: 'air' as const, town: '莞城街道', townEn: 'Guancheng' }
  it.each([
    [undefined, true],
    [{}, true],
    [{ kinds: ['water' as const] }, false],
    [{ towns: ['Guancheng'] }, true],
    [{ towns: ['莞城街道'], kinds: ['air' as const] }, true],
    [{ towns: ['Humen'] }, false],
  ])('%j → %s', (remit, yes) => {
    expect(inRemit(remit, st)).toBe(yes)
  })
})
