import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

const base = { DATA_DIR: '/tmp/envmon-config-test', SIMULATE: '0' }

describe('HJ 212 two-way configuration (issue 12)', () => {
  it('defaults: recovery on, 60 s answers, 2 resends after 5 s, 6 h spans, 3 silent intervals, sweep every 5 min, 5 min clock drift', () => {
    expect(loadConfig(base).hj212Recovery).toEqual({
      auto: true,
      timeoutMs: 60_000,
      retries: 2,
      backoffMs: 5_000,
      maxSpanMs: 6 * 3_600_000,
      silenceIntervals: 3,
      sweepEveryMs: 300_000,
      clockThresholdMs: 300_000,
    })
  })

  it('takes seconds and hours', () => {
    const c = loadConfig({
      ...base,
      HJ212_RECOVERY: '0',
      HJ212_COMMAND_TIMEOUT: '2.5',
      HJ212_COMMAND_RETRIES: '0',
      HJ212_RECOVERY_MAX_SPAN_HOURS: '1',
      HJ212_RECOVERY_SWEEP: '0',
      HJ212_CLOCK_DRIFT: '60',
    }).hj212Recovery
    expect(c).toMatchObject({ auto: false, timeoutMs: 2500, retries: 0, maxSpanMs: 3_600_000, sweepEveryMs: 0, clockThresholdMs: 60_000 })
  })

  it('reads the demo simulator protocol and outage', () => {
    expect(loadConfig({ ...base, SIM_PROTOCOL: 'hj212', SIM_OUTAGE: '300@120' }).simulator).toMatchObject({
      protocol: 'hj212',
      outage: { forSec: 300, afterSec: 120 },
    })
    expect(loadConfig({ ...base, SIM_OUTAGE: '300' }).simulator.outage).toEqual({ forSec: 300, afterSec: 60 })
  })

  it.each([
    [{ HJ212_COMMAND_RETRIES: '-1' }, /HJ212_COMMAND_RETRIES/],
    [{ HJ212_COMMAND_TIMEOUT: '0' }, /HJ212_COMMAND_TIMEOUT/],
    [{ HJ212_CLOCK_DRIFT: 'soon' }, /HJ212_CLOCK_DRIFT/],
    [{ HJ212_RECOVERY: 'maybe' }, /HJ212_RECOVERY/],
    [{ SIM_OUTAGE: '5m' }, /SIM_OUTAGE/],
    [{ SIM_OUTAGE: '0@10' }, /SIM_OUTAGE/],
    [{ SIM_PROTOCOL: 'xml' }, /SIM_PROTOCOL/],
  ])('refuses %j naming it', (env, msg) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(msg)
  })
})
