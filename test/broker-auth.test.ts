/**
 * Stations authenticate and may publish only to their own topics, on the embedded aedes broker and
 * on Debian's mosquitto configured with the production password file + ACL (docs/deployment.md).
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
  url: string
  close(): Promise<void>
}

const clients: MqttClient[] = []
function connect(url: string, username?: string, password?: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { username, password, reconnectPeriod: 0, connectTimeout: 3000, clientId: `t-${Math.random().toString(36).slice(2)}` })
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
      return { url: sys.brokerUrl, close: () => sys.stop() }
    },
  ],
]
if (hasMosquitto) {
  brokers.push([
    "Debian's mosquitto with the production passwd + ACL",
    async () => {
      const m: Mosquitto = await startMosquitto({ serviceUsername: SERVICE, users: { [SERVICE]: SERVICE_PW, 'DG-AIR-01': pw('DG-AIR-01'), 'DG-AIR-02': pw('DG-AIR-02') } })
      return { url: m.url, close: () => m.dispose() }
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
    await expect(connect(broker.url)).rejects.toThrow()
  })

  it('refuses a wrong password', async () => {
    await expect(connect(broker.url, 'DG-AIR-01', 'not-the-password')).rejects.toThrow()
  })

  it("delivers a station's publish under its own topic", async () => {
    const s = await connect(broker.url, 'DG-AIR-01', pw('DG-AIR-01'))
    await s.publishAsync('envmon/v1/air/DG-AIR-01/reading', 'own-1', { qos: 1 })
    await expect.poll(() => seen.some((x) => x.endsWith('own-1'))).toBe(true)
  })

  it("does not deliver a station's publish under another station's topic", async () => {
    const intruder = await connect(broker.url, 'DG-AIR-01', pw('DG-AIR-01'))
    intruder.publish('envmon/v1/air/DG-AIR-02/reading', 'forged', { qos: 0 })
    intruder.publish('envmon/v1/alerts/DG-AIR-02', 'forged-alert', { qos: 0 })
    const honest = await connect(broker.url, 'DG-AIR-02', pw('DG-AIR-02'))
    await new Promise((r) => setTimeout(r, 300))
    await honest.publishAsync('envmon/v1/air/DG-AIR-02/reading', 'own-2', { qos: 1 })
    await expect.poll(() => seen.some((x) => x.endsWith('own-2'))).toBe(true)
    await new Promise((r) => setTimeout(r, 200))
    expect(seen.filter((x) => x.includes('forged'))).toEqual([])
  })
})
