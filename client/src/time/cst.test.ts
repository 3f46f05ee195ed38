import { describe, expect, it } from 'vitest'
import { formatCstDate, formatCstDateTime, formatCstShort, formatCstTime, formatDuration, toMs } from './cst'

const EN = { d: 'd', h: 'h', m: 'm', s: 's', sep: ' ' }
const ZH = { d: '天', h: '小时', m: '分', s: '秒', sep: '' }

describe('CST formatting', () => {
  it.each([
    ['UTC midnight is 08:00 CST', Date.UTC(2026, 10, 24, 0, 0, 0), '2026-11-24 08:00:00'],
    ['UTC 16:00 is the next CST day', Date.UTC(2026, 10, 24, 16, 0, 0), '2026-11-25 00:00:00'],
    ['an ISO string with offset', '2026-11-24T08:00:00+08:00', '2026-11-24 08:00:00'],
    ['a Z ISO string', '2026-12-31T23:59:59Z', '2027-01-01 07:59:59'],
  ])('formats %s', (_name, t, want) => {
    expect(formatCstDateTime(t)).toBe(want)
  })

  it('ignores the host time zone (same output whatever TZ the process has)', () => {
    const t = Date.UTC(2026, 5, 1, 12, 34, 56)
    expect(formatCstTime(t)).toBe('20:34:56')
    expect(formatCstShort(t)).toBe('06-01 20:34')
    expect(formatCstDate(t)).toBe('2026-06-01')
  })

  it('shows a dash for unparseable times', () => {
    expect(formatCstDateTime('not a time')).toBe('—')
    expect(toMs(undefined)).toBeNaN()
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0s', '0秒'],
    [45_000, '45s', '45秒'],
    [125_000, '2m 05s', '2分05秒'],
    [3_900_000, '1h 05m', '1小时05分'],
    [(3 * 86_400 + 4 * 3600 + 59) * 1000, '3d 4h', '3天4小时'],
    [-5000, '0s', '0秒'],
  ])('formats %i ms', (ms, en, zh) => {
    expect(formatDuration(ms, EN)).toBe(en)
    expect(formatDuration(ms, ZH)).toBe(zh)
  })
})
