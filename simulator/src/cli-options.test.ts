import { describe, expect, it } from 'vitest'
import { parseCli } from './cli-options'
import { stationPassword } from './station-password'

describe('parseCli', () => {
  it('defaults to all demo stations on the local broker, JSON over MQTT', () => {
    const { opts } = parseCli([], {})
    expect([opts.stations.length, opts.brokerUrl, opts.protocol, opts.transport, opts.topicPrefix, opts.backfillHours, opts.seed]).toEqual([
      88,
      'mqtt://localhost:1883',
      'json',
      'mqtt',
      'envmon',
      0,
      1,
    ])
    expect(opts.credentials).toBeUndefined()
  })

  it('reads every option', () => {
    const { opts, statsEverySec } = parseCli(
      [
        '--stations',
        '12',
        '--interval',
        '5',
        '--broker',
        'mqtt://b:1884',
        '--seed',
        '3',
        '--backfill',
        '24',
        '--episode-rate',
        '10',
        '--prefix',
        'dg',
        '--stats-every',
        '30',
      ],
      {},
    )
    expect([
      opts.stations.length,
      opts.intervalSec,
      opts.brokerUrl,
      opts.seed,
      opts.backfillHours,
      opts.episodeRate,
      opts.topicPrefix,
      statsEverySec,
    ]).toEqual([12, 5, 'mqtt://b:1884', 3, 24, 10, 'dg', 30])
  })

  it('switches to HJ 212 over TCP with --tcp', () => {
    const { opts } = parseCli(['--protocol', 'hj212', '--tcp', 'localhost:7212'], {})
    expect([opts.protocol, opts.transport, opts.tcp]).toEqual(['hj212', 'tcp', 'localhost:7212'])
  })

  it('derives credentials from SIM_SECRET', () => {
    const { opts } = parseCli(['--stations', '4'], { SIM_SECRET: 'k' })
    const s = opts.stations[0]!
    expect(opts.credentials?.(s)).toEqual({ username: s.id, password: stationPassword('k', s.id) })
  })

  it.each([
    [['--interval', 'abc'], /invalid --interval/],
    [['--stations', ''], /invalid --stations/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseCli(argv, {})).toThrow(msg)
  })
})

describe('--outage and --clock-offset', () => {
  it('reads FOR_S[@AFTER_S] and a clock offset', () => {
    expect(parseCli(['--outage', '1800@120', '--clock-offset=-600'], {}).opts).toMatchObject({
      outage: { forSec: 1800, afterSec: 120 },
      clockOffsetSec: -600,
    })
    expect(parseCli(['--outage', '300'], {}).opts.outage).toEqual({ forSec: 300, afterSec: 60 })
  })

  it.each([['0'], ['abc'], ['10@'], ['-5']])('rejects --outage %j', (v) => {
    expect(() => parseCli([`--outage=${v}`], {})).toThrow(/invalid --outage/)
  })
})
