import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { validateReadingPayload } from '../../shared/src/domain/reading'
import { parseFrame } from '../../shared/src/protocol/hj212/index'
import { makeTopics } from '../../shared/src/protocol/topics'
import { demoStations } from './select-stations'
import { startSimulator, type Simulator } from './run'
import { collect, startBroker, type Collector, type TestBroker } from './test-broker'

const topics = makeTopics('envmon')
const stations = demoStations(4, 1) // one of each kind
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let broker: TestBroker
let sub: Collector | undefined
let sim: Simulator | undefined

beforeEach(async () => {
  broker = await startBroker()
})

afterEach(async () => {
  await sim?.stop()
  await sub?.close()
  await broker.close()
  sim = undefined
  sub = undefined
})

describe('startSimulator (real aedes broker)', () => {
  it('publishes well-formed readings for every station on envmon/v1/+/+/reading', async () => {
    sub = await collect(broker.url, [topics.allStations('reading')])
    sim = startSimulator({ brokerUrl: broker.url, stations, intervalSec: 0.2, seed: 1, outageRate: 0 })
    await sleep(2000)
    const seen = new Set<string>()
    for (const m of sub.messages) {
      const t = topics.parseStation(m.topic)!
      const s = stations.find((x) => x.id === t.stationId)!
      expect(t.kind).toBe(s.kind)
      const r = validateReadingPayload(JSON.parse(m.payload.toString('utf8')), s.id, s.kind, Date.now())
      expect(r.ok && r.value.warnings).toEqual([])
      expect(JSON.parse(m.payload.toString('utf8')).ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
      seen.add(s.id)
    }
    expect([...seen].sort()).toEqual(stations.map((s) => s.id).sort())
    expect(sim.stats.published).toBeGreaterThanOrEqual(sub.messages.length - 4)
  })

  it('keeps a retained online status per station while running', async () => {
    sim = startSimulator({ brokerUrl: broker.url, stations, intervalSec: 0.5, outageRate: 0 })
    await vi.waitFor(() => expect(sim!.stats.connected).toBe(stations.length), { timeout: 5000 })
    await sleep(300)
    sub = await collect(broker.url, [topics.allStations('status')])
    await vi.waitFor(() => expect(sub!.messages.length).toBe(stations.length), { timeout: 3000 })
    for (const m of sub.messages) expect([m.retain, m.payload.toString()]).toEqual([true, 'online'])
  })

  it('connects each station as its own client <id>:sim with its credentials', async () => {
    const logins: string[] = []
    broker.aedes.authenticate = (client, username, password, done) => {
      logins.push(`${client.id} ${username} ${password?.toString()}`)
      done(null, true)
    }
    sim = startSimulator({
      brokerUrl: broker.url,
      stations,
      intervalSec: 1,
      credentials: (s) => ({ username: s.id, password: `pw-${s.id}` }),
    })
    await vi.waitFor(() => expect(logins).toHaveLength(stations.length), { timeout: 5000 })
    expect(logins.sort()).toEqual(stations.map((s) => `${s.id}:sim ${s.id} pw-${s.id}`).sort())
  })

  it('backfills the last hours as JSON arrays of at most 500 readings', async () => {
    sub = await collect(broker.url, [topics.allStations('reading')])
    const now = Date.parse('2026-01-10T12:00:00+08:00')
    sim = startSimulator({
      brokerUrl: broker.url,
      stations: stations.slice(0, 1),
      intervalSec: 5,
      backfillHours: 1,
      now: () => now,
      outageRate: 0,
    })
    await vi.waitFor(() => expect(sub!.messages.filter((m) => m.payload[0] === 0x5b)).toHaveLength(2), { timeout: 5000 })
    const arrays = sub.messages.filter((m) => m.payload[0] === 0x5b).map((m) => JSON.parse(m.payload.toString()) as { ts: string }[])
    expect(arrays.map((a) => a.length)).toEqual([500, 220])
    expect(arrays[0]![0]!.ts).toBe('2026-01-10T11:00:00+08:00')
    expect(arrays[1]!.at(-1)!.ts).toBe('2026-01-10T11:59:55+08:00')
  })

  it('generates the backfill as it sends it, and sends the live ticks that came meanwhile after it, in time order', async () => {
    sub = await collect(broker.url, [topics.allStations('reading')])
    const arrived: number[] = []
    sub.client.on('message', () => arrived.push(Date.now()))
    // Three hours at 50 ms: 216 000 readings in 432 messages, while a live tick comes every 50 ms.
    sim = startSimulator({ brokerUrl: broker.url, stations: stations.slice(0, 1), intervalSec: 0.05, backfillHours: 3, outageRate: 0 })
    const n = 3 * 3600 * 20
    await vi.waitFor(() => expect(sim!.stats.readings).toBeGreaterThan(n + 20), { timeout: 20_000 })
    const msgs = sub.messages.map((m, i) => {
      const j = JSON.parse(m.payload.toString()) as { ts: string } | { ts: string }[]
      return { at: arrived[i]!, ts: (Array.isArray(j) ? j : [j]).map((r) => Date.parse(r.ts)), backfill: Array.isArray(j) }
    })
    const lastBackfill = msgs.findLastIndex((m) => m.backfill)
    expect(msgs.slice(0, lastBackfill + 1).every((m) => m.backfill)).toBe(true) // no live message in between
    expect(msgs.slice(0, lastBackfill + 1).reduce((k, m) => k + m.ts.length, 0)).toBe(n)
    const ts = msgs.flatMap((m) => m.ts)
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true)
    // Live ticks came during the backfill: held, then sent after it with their own times.
    const heldTicks = msgs.slice(lastBackfill + 1).filter((m) => m.ts[0]! < msgs[lastBackfill]!.at - 1000)
    expect(heldTicks.length).toBeGreaterThan(0)
    expect(sim.stats.skipped).toBe(0)
  })

  it('publishes offline then online (retained) when the model takes the station offline and back', async () => {
    sub = await collect(broker.url, [topics.allStations('status')])
    const start = Date.now()
    // A fast clock (10 model minutes per second) so outages of 5-60 minutes end within the test.
    const now = () => Date.parse('2026-01-10T12:00:00+08:00') + (Date.now() - start) * 600
    sim = startSimulator({ brokerUrl: broker.url, stations: stations.slice(0, 2), intervalSec: 0.05, now, outageRate: 3000 })
    await vi.waitFor(
      () => {
        const seq = sub!.messages.map((m) => m.payload.toString())
        expect(seq.indexOf('online', seq.indexOf('offline'))).toBeGreaterThan(0)
      },
      { timeout: 8000, interval: 100 },
    )
  })

  it('stop() leaves a retained offline status and disconnects every station', async () => {
    sim = startSimulator({ brokerUrl: broker.url, stations, intervalSec: 0.5 })
    await vi.waitFor(() => expect(sim!.stats.connected).toBe(stations.length), { timeout: 5000 })
    await sim.stop()
    expect(sim.stats.connected).toBe(0)
    sub = await collect(broker.url, [topics.allStations('status')])
    await vi.waitFor(() => expect(sub!.messages.length).toBe(stations.length), { timeout: 3000 })
    for (const m of sub.messages) expect(m.payload.toString()).toBe('offline')
  })

  it('sends HJ 212 frames on the hj212 channel with protocol hj212', async () => {
    sub = await collect(broker.url, [topics.allStations('hj212')])
    sim = startSimulator({ brokerUrl: broker.url, stations, intervalSec: 0.2, protocol: 'hj212', outageRate: 0 })
    await vi.waitFor(() => expect(sub!.messages.length).toBeGreaterThanOrEqual(stations.length), { timeout: 5000 })
    for (const m of sub.messages) {
      const p = parseFrame(m.payload.toString('ascii'))
      expect(p.ok).toBe(true)
      expect(p.ok && p.value.mn).toBe(stations.find((s) => s.id === topics.parseStation(m.topic)!.stationId)!.mn)
    }
  })
})

describe('startSimulator without a broker', () => {
  it('counts connection errors and keeps running', async () => {
    const dead = broker.url
    await broker.close()
    broker = await startBroker() // afterEach closes this one
    sim = startSimulator({ brokerUrl: dead, stations, intervalSec: 0.1 })
    await vi.waitFor(() => expect(sim!.stats.errors).toBeGreaterThan(0), { timeout: 5000 })
    await sleep(300)
    expect(sim.stats.skipped).toBeGreaterThan(0)
    expect(sim.stats.connected).toBe(0)
  })

  it.each([
    [{ protocol: 'xml' }, /invalid protocol: xml/],
    [{ transport: 'tcp', protocol: 'json' }, /invalid transport/],
    [{ transport: 'tcp', protocol: 'hj212', tcp: 'nope' }, /invalid tcp: nope/],
    [{ intervalSec: 0 }, /invalid intervalSec/],
    [{ topicPrefix: '/bad' }, /invalid topic prefix/],
    [{ brokerUrl: undefined }, /invalid brokerUrl/],
  ])('fails fast on %j', (bad, msg) => {
    expect(() => startSimulator({ brokerUrl: 'mqtt://127.0.0.1:1', stations, ...(bad as object) })).toThrow(msg)
  })
})
