import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

const base = { DATA_DIR: '/tmp/envmon-config-test', SIMULATE: '0' }

describe('late-data configuration', () => {
  it('defaults: data older than 10 min is late, a backlog ends after 30 s without late data', () => {
    expect(loadConfig(base).lateData).toEqual({ afterMs: 600_000, quietMs: 30_000 })
  })

  it('by default stays above a long HOUR_CLOSE_DELAY', () => {
    expect(loadConfig({ ...base, HOUR_CLOSE_DELAY: '3599' }).lateData.afterMs).toBe(3899_000)
  })

  it('takes seconds', () => {
    expect(loadConfig({ ...base, LATE_DATA_AFTER: '900', LATE_DATA_QUIET: '5' }).lateData).toEqual({ afterMs: 900_000, quietMs: 5000 })
  })

  it.each([
    [{ LATE_DATA_AFTER: '30' }, /LATE_DATA_AFTER="30"/],
    [{ LATE_DATA_AFTER: 'ten' }, /LATE_DATA_AFTER="ten"/],
    [{ LATE_DATA_QUIET: '0' }, /LATE_DATA_QUIET="0"/],
    [{ LATE_DATA_AFTER: '300' }, /LATE_DATA_AFTER=300 must exceed HOUR_CLOSE_DELAY=300/],
    [{ LATE_DATA_AFTER: '120', HOUR_CLOSE_DELAY: '600' }, /LATE_DATA_AFTER=120 must exceed HOUR_CLOSE_DELAY=600/],
  ])('refuses %j naming it', (env, msg) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(msg)
  })
})
