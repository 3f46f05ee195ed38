/**
 * envmon as HJ 212 upper computer, end to end (issue 12), on the TCP listener and over MQTT: a
 * simulated data logger (the simulator's SimLogger, encoder and links) drops its link for 30
 * minutes of an hour; on its return envmon detects the gap, requests it (CN 2051), the logger
 * answers 9011, uploads the minutes (split into PNUM/PNO packets) and 9012; the hour's
 * transmission rate goes from 50 % to 100 % and the command log shows the exchange. A logger
 * whose clock is 10 minutes slow is read (CN 1011) and set (CN 1012).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandEntry } from '../ingest/src/hj212/command-log'
import type { GapRecord } from '../ingest/src/hj212/gap-recovery'
import type { CompletenessBody } from '../shared/src/protocol/http/completeness'
import { LoggerOnLink, sample } from './helpers/sim-logger-link'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const HOUR = 3_600_000
const METRICS = 2 // pm25, pm10 per reading

let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem(
    { HJ212_COMMAND_TIMEOUT: '5', HJ212_COMMAND_BACKOFF: '0.2', HJ212_RECOVERY_SWEEP: '0' },
    { hj212Ephemeral: true },
  )
})
afterAll(async () => {
  await sys?.stop()
})

async function commands(stationId: string): Promise<{ commands: CommandEntry[]; gaps: GapRecord[] }> {
  const res = await sys.api(`/api/admin/hj212/commands?station=${stationId}`)
  expect(res.status).toBe(200)
  return (await res.json()) as { commands: CommandEntry[]; gaps: GapRecord[] }
}

/**
 * The hour's transmission rate of the metrics the logger sends (PM2.5 and PM10), as the completeness
 * API reports it (issue 12: received ÷ expected, one reading a minute). Both metrics move together;
 * the station's other air metrics are not sent by this logger at all.
 */
async function rate(id: string, h: number): Promise<number | null | undefined> {
  const q = `station=${id}&from=${new Date(h).toISOString()}&to=${new Date(h + HOUR).toISOString()}&every=1h`
  const res = await sys.api(`/api/completeness?${q}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as CompletenessBody
  const metrics = body.stations.find((st) => st.stationId === id)?.buckets[0]?.metrics
  const [pm25, pm10] = [metrics?.pm25?.transmission, metrics?.pm10?.transmission]
  expect(pm25).toBe(pm10)
  // Cross-checked against the stored points (60 readings × 2 metrics).
  expect(pm25).toBe((await sys.store.count(id, h, h + HOUR)) / (60 * METRICS))
  return pm25
}

describe.each(['tcp', 'mqtt'] as const)('HJ 212 two-way over %s', (transport) => {
  const id = transport === 'tcp' ? 'DG-AIR-07' : 'DG-AIR-08'
  let l: LoggerOnLink
  afterAll(async () => {
    await l?.link.close(100)
  })

  it('recovers a 30-minute outage: detected on return, requested, stored; the rate goes from 50 % to 100 %', async () => {
    const station = sys.registry.get(id)!
    expect(station.intervalSec).toBe(60)
    // A closed hour, three hours back: minutes 0-14 live, link down for 15-44 (still measured), 45-59 live.
    const h = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR
    l = new LoggerOnLink(sys, station, transport, { maxDataLength: 220 })
    l.measure(h, 0, 60)
    await l.ready()
    l.hold = true
    await l.sendLive(h, 0, 15)
    await expect.poll(() => rate(id, h), { timeout: 10_000 }).toBe(0.25)

    await l.link.close(100) // the outage
    l.open()
    await l.ready()
    await l.sendLive(h, 45, 60)
    await expect.poll(() => rate(id, h), { timeout: 10_000 }).toBe(0.5)
    const before = await commands(id)
    expect(before.gaps[0]).toMatchObject({ state: 'requested', found: 'return', from: h + 15 * 60_000, to: h + 44 * 60_000 })

    l.release()
    await expect.poll(() => rate(id, h), { timeout: 20_000 }).toBe(1)
    await expect.poll(async () => (await commands(id)).gaps[0]?.state, { timeout: 10_000 }).toBe('recovered')
    expect(l.logger.errors).toEqual([])
    expect(l.splitFrames).toBe(60) // each minute in two packets: PNUM=2
    const { commands: log, gaps } = await commands(id)
    const history = log.find((c) => c.cn === '2051')!
    expect(history).toMatchObject({
      state: 'executed',
      via: transport,
      by: 'auto',
      readings: 30,
      params: { BeginTime: expect.stringMatching(/^\d{14}$/), EndTime: expect.stringMatching(/^\d{14}$/) },
    })
    expect(history.result).toContain('30 upload(s)')
    expect(gaps[0]).toMatchObject({ readings: 30, commands: [history.id] })
    // The clock read on first sight: the logger's clock is right, so it was not set.
    expect(log.find((c) => c.cn === '1011')).toMatchObject({ state: 'executed' })
    expect(log.find((c) => c.cn === '1012')).toBeUndefined()
    // Counted in /metrics.
    const metrics = await (await fetch(`${sys.url}/metrics`)).text()
    expect(metrics).toMatch(/envmon_hj212_commands_total\{outcome="executed"\} [1-9]/)
    expect(metrics).toMatch(/envmon_hj212_history_uploads_total [1-9]/)
    // The operators' view of the station.
    const page = await sys.apiAs('operator', `/api/stations/${id}/hj212`)
    expect(page.status).toBe(200)
    expect(((await page.json()) as { route: string }).route).toBe(transport)
  })

  it('detects a logger clock 10 minutes slow and sets it', async () => {
    const cid = transport === 'tcp' ? 'DG-AIR-09' : 'DG-AIR-10'
    const station = sys.registry.get(cid)!
    const c = new LoggerOnLink(sys, station, transport, { clockOffsetMs: -600_000 })
    try {
      await c.ready()
      const t = Math.floor(Date.now() / 60_000) * 60_000
      c.logger.record(t, sample(0))
      await c.link.send('hj212', c.encoder.encode([{ t: c.logger.clock(t), sample: sample(0) }]))
      await expect.poll(() => c.logger.clockSets, { timeout: 10_000 }).toBe(1)
      expect(Math.abs(c.logger.clockOffsetMs)).toBeLessThan(5_000)
      await expect
        .poll(async () => (await commands(cid)).commands.find((x) => x.cn === '1012')?.state, { timeout: 10_000 })
        .toBe('executed')
      const read = (await commands(cid)).commands.find((x) => x.cn === '1011')!
      expect(read.result).toMatch(/-60\d s against the receive time|-59\d s against the receive time/)
    } finally {
      await c.link.close(100)
    }
  })
})
