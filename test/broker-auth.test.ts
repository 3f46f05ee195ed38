/**
 * Stations authenticate, may publish only to their own topics, and cannot take over another
 * station's session with its client id (issue 15), on the embedded aedes broker and on Debian's
 * mosquitto configured with the production password files + ACLs (docs/deployment.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import mqtt, { type MqttClient } from 'mqtt'
import { stationPassword } from '../simulator/src/station-password'
import { hasMosquitto, startMosquitto, type Mosquitto } from './helpers/mosquitto'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

const SERVICE = 'envmon-service'
const SERVICE_PW = 'test-service-password'
const pw = (id: string) => stationPassword(TEST_STATION_SECRET, id)

interface BrokerUnderTest {
  /** Where envmon's nodes connect (the service principal). */
  url: string
  /** Where stations connect. */
  stationUrl: string
  /** How a station's foreign client id is handled: refused (embedded) or replaced by its username (mosquitto). */
  foreignClientId: 'refused' | 'replaced'
  close(): Promise<void>
}

const clients: MqttClient[] = []
const randomId = () => `t-${Math.random().toString(36).slice(2)}`
/** A station's client id defaults to its username (the binding rule); others get a random one. */
function connect(
  url: string,
  username?: string,
  password?: string,
  clientId = username && username !== SERVICE ? username : randomId(),
): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { username, password, reconnectPeriod: 0, connectTimeout: 3000, clientId })
    clients.push(c)
    c.once('connect', () => resolve(c))
    c.once('error', (e) => reject(e))
    c.once('close', () => reject(new Error('closed before connect')))
  })
}

afterAll(async () => {
  for (const c of clients) c.end(true)
})

const brokers: [string, () => Promise<BrokerUnderTest>][] = [
  [
    'embedded aedes',
    async () => {
      const sys: TestSystem = await startTestSystem()
      return { url: sys.brokerUrl, stationUrl: sys.brokerUrl, foreignClientId: 'refused', close: () => sys.stop() }
    },
  ],
]
if (hasMosquitto) {
  brokers.push([
    "Debian's mosquitto with the production passwd + ACL",
    async () => {
      const m: Mosquitto = await startMosquitto({
        serviceUsername: SERVICE,
        users: { [SERVICE]: SERVICE_PW, 'DG-AIR-01': pw('DG-AIR-01'), 'DG-AIR-02': pw('DG-AIR-02') },
      })
      return { url: m.url, stationUrl: m.stationUrl, foreignClientId: 'replaced', close: () => m.dispose() }
    },
  ])
} else {
  console.warn('mosquitto not installed: the mosquitto ACL tests are skipped (CI installs it)')
}

describe.each(brokers)('%s', (_name, start) => {
  let broker: BrokerUnderTest
  let service: MqttClient
  const seen: string[] = []
  beforeAll(async () => {
    broker = await start()
    service = await connect(broker.url, SERVICE, SERVICE_PW)
    service.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`))
    await service.subscribeAsync('envmon/v1/#', { qos: 1 })
  })
  afterAll(async () => {
    service?.end(true)
    await broker?.close()
  })

  it('refuses a connection without credentials', async () => {
    await expect(connect(broker.stationUrl)).rejects.toThrow()
  })

  it('refuses a wrong password', async () => {
    await expect(connect(broker.stationUrl, 'DG-AIR-01', 'not-the-password')).rejects.toThrow()
  })

  it("delivers a station's publish under its own topic", async () => {
    const s = await connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'))
    await s.publishAsync('envmon/v1/air/DG-AIR-01/reading', 'own-1', { qos: 1 })
    await expect.poll(() => seen.some((x) => x.endsWith('own-1'))).toBe(true)
  })

  it("does not deliver a station's publish under another station's topic", async () => {
    const intruder = await connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'))
    intruder.publish('envmon/v1/air/DG-AIR-02/reading', 'forged', { qos: 0 })
    intruder.publish('envmon/v1/alerts/DG-AIR-02', 'forged-alert', { qos: 0 })
    const honest = await connect(broker.stationUrl, 'DG-AIR-02', pw('DG-AIR-02'))
    await new Promise((r) => setTimeout(r, 300))
    await honest.publishAsync('envmon/v1/air/DG-AIR-02/reading', 'own-2', { qos: 1 })
    await expect.poll(() => seen.some((x) => x.endsWith('own-2'))).toBe(true)
    await new Promise((r) => setTimeout(r, 200))
    expect(seen.filter((x) => x.includes('forged'))).toEqual([])
  })

  it("does not let a station with its own valid password take over another station's session by its client id", async () => {
    const honest = await connect(broker.stationUrl, 'DG-AIR-02', pw('DG-AIR-02'))
    let dropped = 0
    honest.on('close', () => dropped++)
    const takeover = connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'), 'DG-AIR-02')
    if (broker.foreignClientId === 'refused') {
      // MQTT 3.1.1 §3.2.2.3: CONNACK 0x02 identifier rejected.
      await expect(takeover).rejects.toMatchObject({ code: 2 })
    } else {
      // mosquitto's use_username_as_clientid: the intruder's session is DG-AIR-01's own.
      const intruder = await takeover
      await intruder.publishAsync('envmon/v1/air/DG-AIR-01/reading', 'intruder-own', { qos: 1 })
    }
    await new Promise((r) => setTimeout(r, 300))
    expect(dropped).toBe(0)
    expect(honest.connected).toBe(true)
    await honest.publishAsync('envmon/v1/air/DG-AIR-02/reading', 'still-mine', { qos: 1 })
    await expect.poll(() => seen.some((x) => x === 'envmon/v1/air/DG-AIR-02/reading still-mine')).toBe(true)
    expect(dropped).toBe(0)
  })

  it("delivers its HJ 212 commands to a station on its own command topic, and no other station's (issue 12)", async () => {
    const own = await connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'))
    const got: string[] = []
    own.on('message', (topic, payload) => got.push(`${topic} ${payload.toString()}`))
    await own.subscribeAsync('envmon/v1/air/DG-AIR-01/hj212/cmd', { qos: 1 })
    // A nosy station asking for another's commands (or everything): refused (aedes) or never delivered (mosquitto).
    const nosy = await connect(broker.stationUrl, 'DG-AIR-02', pw('DG-AIR-02'))
    const nosyGot: string[] = []
    nosy.on('message', (topic) => nosyGot.push(topic))
    nosy.on('error', () => undefined)
    await nosy.subscribeAsync(['envmon/v1/air/DG-AIR-01/hj212/cmd', 'envmon/v1/+/+/hj212/cmd'], { qos: 1 }).catch(() => undefined)
    await service.publishAsync('envmon/v1/air/DG-AIR-01/hj212/cmd', 'cmd-1', { qos: 1 })
    await expect.poll(() => got).toEqual(['envmon/v1/air/DG-AIR-01/hj212/cmd cmd-1'])
    await new Promise((r) => setTimeout(r, 300))
    expect(nosyGot).toEqual([])
  })

  it('lets a station reconnect with its own client id, replacing its own stale session', async () => {
    const first = await connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'))
    const closed = new Promise<void>((r) => first.once('close', () => r()))
    const second = await connect(broker.stationUrl, 'DG-AIR-01', pw('DG-AIR-01'))
    await closed
    await second.publishAsync('envmon/v1/air/DG-AIR-01/reading', 'reconnected', { qos: 1 })
    await expect.poll(() => seen.some((x) => x.endsWith('reconnected'))).toBe(true)
  })
})

describe('embedded broker: client id bound to the station', () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await startTestSystem()
  })
  afterAll(async () => {
    await sys?.stop()
  })

  it.each(['DG-AIR-01', 'DG-AIR-01:logger', 'DG-AIR-01:'])('accepts client id %s for station DG-AIR-01', async (clientId) => {
    const c = await connect(sys.brokerUrl, 'DG-AIR-01', pw('DG-AIR-01'), clientId)
    await c.endAsync()
  })

  // `-` and `_` may be part of a station id (DG-AIR-01-x could be another station's own id);
  // `DG-AIR-0` + `1` has no separator; a prefix of the station id is another id altogether.
  it.each(['DG-AIR-02', 'DG-AIR-01-x', 'DG-AIR-01_x', 'DG-AIR-011', 'DG-AIR-0', 'dg-air-01', 'x:DG-AIR-01', 'mqttjs_1234'])(
    'refuses client id %s for station DG-AIR-01, and counts it',
    async (clientId) => {
      const before = sys.broker!.stats.refusedClientIds
      await expect(connect(sys.brokerUrl, 'DG-AIR-01', pw('DG-AIR-01'), clientId)).rejects.toMatchObject({ code: 2 })
      expect(sys.broker!.stats.refusedClientIds).toBe(before + 1)
    },
  )

  it('shows the refused client ids in /metrics', async () => {
    const text = await (await fetch(`${sys.url}/metrics`)).text()
    expect(text).toContain(`envmon_broker_refused_total{what="client-id"} ${sys.broker!.stats.refusedClientIds}`)
    expect(sys.broker!.stats.refusedClientIds).toBeGreaterThan(0)
  })

  it('lets the service principal use any client id', async () => {
    const c = await connect(sys.brokerUrl, SERVICE, sys.servicePassword, 'envmon-anything')
    await c.endAsync()
  })
})
