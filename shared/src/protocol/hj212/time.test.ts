import { describe, expect, it } from 'vitest'
import { formatDataTime, formatQn, parseDataTime } from './time'

describe('parseDataTime (YYYYMMDDhhmmss, UTC+8)', () => {
  it.each([
    ['20160103133030', '2016-01-03T13:30:30+08:00'],
    ['20150811151200', '2015-08-11T15:12:00+08:00'],
    ['20240229000000', '2024-02-29T00:00:00+08:00'],
    ['20261231235959', '2026-12-31T23:59:59+08:00'],
  ])('reads %s as China Standard Time', (text, iso) => {
    expect(parseDataTime(text)).toBe(Date.parse(iso))
  })

  it.each([
    ['', 'empty'],
    ['2016010313303', '13 digits'],
    ['201601031330300', '15 digits'],
    ['2016010313303x', 'a letter'],
    ['20161301000000', 'month 13'],
    ['20230229000000', '29 February of a common year'],
    ['20160431000000', '31 April'],
    ['20160101240000', 'hour 24'],
    ['20160101006000', 'minute 60'],
    ['20160101000060', 'second 60'],
    ['00000101000000', 'year 0'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDataTime(text)).toBeUndefined()
  })
})

describe('formatDataTime and formatQn', () => {
  it('writes DataTime in UTC+8 whatever the host zone', () => {
    expect(formatDataTime(Date.parse('2016-01-03T05:30:30Z'))).toBe('20160103133030')
  })

  it('writes QN with milliseconds', () => {
    expect(formatQn(Date.parse('2016-08-01T08:58:57.223+08:00'))).toBe('20160801085857223')
  })

  it('round-trips through parseDataTime at second precision', () => {
    const t = Date.parse('2026-11-24T08:00:07.900+08:00')
    expect(parseDataTime(formatDataTime(t))).toBe(Date.parse('2026-11-24T08:00:07+08:00'))
  })
})

describe('parseDataTime: 17 digits (issue 12)', () => {
  it.each([
    ['20160824003817000', '2016-08-24T00:38:17+08:00'],
    ['20160824003817999', '2016-08-24T00:38:17+08:00'],
  ])('reads %s at its second (milliseconds dropped)', (text, iso) => {
    expect(parseDataTime(text)).toBe(Date.parse(iso))
  })

  it.each(['201608240038170', '2016082400381700', '201608240038170000', '20161301003817000'])('refuses %s', (text) => {
    expect(parseDataTime(text)).toBeUndefined()
  })
})
