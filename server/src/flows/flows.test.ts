/**
 * The named flows between stages, driven through real emitters (the ingest service's and the alert
 * service's event maps, a real station registry on a temp file, the real latest cache and
 * Prometheus metrics); what they feed is recorded by small sinks with the ports' own types.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Station } from '../../../shared/src/domain/station'
import { makeTopics } from '../../../shared/src/protocol/topics'
import type { AlertServiceEvents } from '../../../ingest/src/alerting/alert-service'
import type { IngestEvents } from '../../../ingest/src/service'
import { loadRegistry } from '../../../ingest/src/stations/load-registry'
import type { IngestStackEvents } from '../compose/ingest-stack'
import { Metrics } from '../http/prometheus'
import { LatestCache } from '../live/latest-cache'
import { wireAlertFanout } from './alert-fanout'
import { wireCommits } from './commits-to-targets'
import { wireCommitsToPeers } from './commits-to-peers'
import { wireIngestToLive } from './ingest-to-live'
import { wireRegistryChanges } from './registry-changes'

const air: Station = {
  id: 'DG-A1',
  kind: 'air',
  nameZh: '测试',
  nameEn: 'Test',
  lon: 113.75,
  lat: 23.02,
  town: '莞城街道',
  approx: false,
  intervalSec: 60,
}
const water: Station = { ...air, id: 'DG-W1', kind: 'water' }
const reading = (s: Station, ts: number, values: Record<string, number>): Reading => ({ stationId: s.id, kind: s.kind, ts, values })
const aqi = { aqi: 42, category: 1, primary: [] } as never

const metrics = () =>
  new Metrics({
    ingest: () => ({ messages: 0, readings: 0, rejected: 0, warnings: 0 }),
    deadLetters: () => new Map(),
    queue: () => ({ memoryReadings: 0, spoolBytes: 0, replayed: 0, committed: 0, mode: 'memory' }),
    openAlerts: () => 0,
    clients: () => 0,
    brokerConnected: () => true,
  })
const metricValue = async (m: Metrics, name: string) => (await m.registry.getSingleMetric(name)!.get()).values

describe('wireIngestToLive', () => {
  const setup = () => {
    const ingest = new EventEmitter<IngestEvents>()
    const latest = new LatestCache()
    const got = {
      arriving: 0,
      onReadings: [] as string[],
      announced: [] as string[],
      pushed: [] as { kind: string; aqi?: unknown }[],
      feed: [] as [boolean, number][],
    }
    wireIngestToLive({
      ingest,
      latest,
      targets: { arriving: (r) => void (got.arriving += r.length) },
      alerts: { onReadings: (s) => void got.onReadings.push(s.id), onAnnounced: (s, st) => void got.announced.push(`${s.id}:${st}`) },
      hub: {
        reading: (kind, _r, a) => void got.pushed.push({ kind, aqi: typeof a === 'function' ? a() : a }),
        setFeed: (up, at) => void got.feed.push([up, at]),
      },
      aqiFor: (id) => (id === air.id ? aqi : undefined),
      now: () => 1234,
    })
    return { ingest, latest, got }
  }

  it('readings: the latest cache, the targets board, the rules and the browsers (AQI with air only)', () => {
    const { ingest, latest, got } = setup()
    ingest.emit('readings', air, [reading(air, 1000, { pm25: 30 }), reading(air, 2000, { pm25: 31 })])
    ingest.emit('readings', water, [reading(water, 1500, { ph: 7.1 })])
    expect(latest.get(air.id)?.ts).toBe(2000)
    expect(latest.get(water.id)?.ts).toBe(1500)
    expect(got.arriving).toBe(3)
    expect(got.onReadings).toEqual([air.id, water.id])
    expect(got.pushed).toEqual([
      { kind: 'air', aqi },
      { kind: 'water', aqi: undefined },
    ])
  })

  it('status announcements reach the alert service', () => {
    const { ingest, got } = setup()
    ingest.emit('status', air, 'offline')
    expect(got.announced).toEqual([`${air.id}:offline`])
  })

  it('the ingest connection state shows as the browsers’ feed', () => {
    const { ingest, got } = setup()
    ingest.emit('connection', 'reconnecting')
    ingest.emit('connection', 'connected')
    expect(got.feed).toEqual([
      [false, 1234],
      [true, 1234],
    ])
  })
})

describe('wireCommits', () => {
  it('a committed batch is timed and drops the targets board’s cached days', async () => {
    const stack = new EventEmitter<IngestStackEvents>()
    const m = metrics()
    const stored: string[] = []
    wireCommits({ stack, metrics: m, targets: { stored: (r) => void stored.push(...r.map((x) => x.stationId)) } })
    stack.emit('committed', [reading(air, 1000, { pm25: 1 })], 0.02)
    expect(stored).toEqual([air.id])
    const values = (await metricValue(m, 'envmon_store_write_seconds')) as { metricName?: string; value: number }[]
    expect(values.find((v) => v.metricName === 'envmon_store_write_seconds_count')?.value).toBe(1)
  })

  it('a failed write is counted', async () => {
    const stack = new EventEmitter<IngestStackEvents>()
    const m = metrics()
    wireCommits({ stack, metrics: m, targets: { stored: () => undefined } })
    stack.emit('write-failed')
    stack.emit('write-failed')
    expect((await metricValue(m, 'envmon_store_write_failures_total'))[0]?.value).toBe(2)
  })
})

describe('wireCommitsToPeers', () => {
  it('a committed batch publishes each station-day it touched once (China Standard Time days)', () => {
    const stack = new EventEmitter<IngestStackEvents>()
    const published: string[] = []
    wireCommitsToPeers({ stack, metrics: metrics(), publishStored: (p) => void published.push(p) })
    const t = Date.UTC(2026, 0, 1, 15, 30) // 23:30 CST on 1 January
    stack.emit(
      'committed',
      [reading(air, t, { pm25: 1 }), reading(air, t + 60_000, { pm25: 1 }), reading(air, t + 3_600_000, { pm25: 1 })],
      0.01,
    )
    expect(JSON.parse(published[0]!)).toEqual({
      items: [
        [air.id, 'air', t],
        [air.id, 'air', t + 3_600_000],
      ],
    })
  })
})

describe('wireAlertFanout', () => {
  const alert: Alert = {
    id: 'a1',
    stationId: air.id,
    kind: 'air',
    metric: 'pm25',
    rule: 'air.pm25.1h',
    severity: 'warning',
    state: 'open',
    value: 120,
    limit: 75,
    window: '1h',
    openedAt: 1000,
    updatedAt: 1000,
    observedAt: 1000,
    peak: 120,
    message: 'PM2.5 over the limit',
  }
  const setup = () => {
    const alerts = new EventEmitter<AlertServiceEvents>()
    const got = { hub: [] as string[], mqtt: [] as [string, string][], notified: [] as string[], touched: 0, logged: [] as string[] }
    wireAlertFanout({
      alerts,
      hub: {
        alert: (a) => void got.hub.push(`alert:${a.id}`),
        status: (id, kind, e) => void got.hub.push(`status:${id}:${kind}:${e.status}`),
      },
      publish: (topic, payload) => void got.mqtt.push([topic, payload]),
      topics: makeTopics('envmon'),
      notifier: {
        onTransition: (t) => void got.notified.push(`${t.type}:${t.alert.id}`),
        onBacklog: (b) => void got.notified.push(`backlog:${b.stationId}`),
      },
      targets: { touch: () => void got.touched++ },
      kindOf: (id) => (id === air.id ? 'air' : undefined),
      log: { info: (m) => void got.logged.push(m), debug: (m) => void got.logged.push(m) },
    })
    return { alerts, got }
  }

  it('a transition reaches the browsers, the MQTT alerts topic, the log and the notifier', () => {
    const { alerts, got } = setup()
    alerts.emit('transition', { type: 'opened', alert })
    expect(got.hub).toEqual(['alert:a1'])
    expect(got.mqtt).toHaveLength(1)
    expect(got.mqtt[0]![0]).toBe(makeTopics('envmon').alert(air.id))
    expect(JSON.parse(got.mqtt[0]![1])).toMatchObject({ id: 'a1', transition: 'opened' })
    expect(got.logged[0]).toContain('alert opened: DG-A1 air.pm25.1h')
    expect(got.notified).toEqual(['opened:a1'])
  })

  it('a status change reaches the browsers (known stations only) and touches the targets board', () => {
    const { alerts, got } = setup()
    alerts.emit('status', { stationId: air.id, status: 'offline', since: 5000 })
    alerts.emit('status', { stationId: 'DG-GONE', status: 'offline', since: 5000 })
    expect(got.hub).toEqual([`status:${air.id}:air:offline`])
    expect(got.touched).toBe(2)
  })

  it('the end of a backlog of late data is logged and handed to the notifier', () => {
    const { alerts, got } = setup()
    alerts.emit('backlog', {
      stationId: air.id,
      kind: 'air',
      receivedFrom: 0,
      receivedTo: 1,
      dataFrom: 0,
      dataTo: 3_600_000,
      readings: 12,
      exceedances: [],
      exceedanceCount: 0,
      ongoing: [],
    })
    expect(got.logged[0]).toContain(`late data: ${air.id} sent 12 late reading(s)`)
    expect(got.notified).toEqual([`backlog:${air.id}`])
  })
})

describe('wireRegistryChanges', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it('a removed station is forgotten by the targets board, the live cache and the extra read models; an added one is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envmon-flows-'))
    dirs.push(dir)
    const registry = loadRegistry(join(dir, 'stations.json'), () => [{ ...air }, { ...water }])
    const latest = new LatestCache()
    latest.update([reading(air, 1000, { pm25: 1 }), reading(water, 1000, { ph: 7 })])
    const forgotten: string[] = []
    wireRegistryChanges({
      registry,
      targets: { forget: (id) => void forgotten.push(`targets:${id}`) },
      latest,
      alsoForget: [(id) => void forgotten.push(`aqi:${id}`)],
    })
    registry.upsert({ ...air, id: 'DG-A2' })
    expect(forgotten).toEqual([])
    expect(registry.remove(air.id)).toBe(true)
    expect(forgotten).toEqual([`targets:${air.id}`, `aqi:${air.id}`])
    expect(latest.get(air.id)).toBeUndefined()
    expect(latest.get(water.id)?.ts).toBe(1000)
  })
})
