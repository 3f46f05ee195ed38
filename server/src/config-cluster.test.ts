import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

const influx = { STORE: 'influx', INFLUX_URL: 'http://influx:8086', INFLUX_TOKEN: 't', INFLUX_ORG: 'o', INFLUX_BUCKET: 'b' }
const cluster = { ...influx, MQTT_URL: 'mqtt://mosquitto:1883', SERVICE_MQTT_PASSWORD: 'pw' }

describe('cluster roles in the configuration', () => {
  it('defaults to the one-process system with its usual ingest session', () => {
    const c = loadConfig({})
    expect(c.cluster.role).toBe('all')
    expect(c.mqtt.ingestClientId).toBe('envmon-ingest')
    expect(c.mqtt.shareGroup).toBeUndefined()
  })

  it('gives an ingest node its shared group and its own session', () => {
    const c = loadConfig({ ...cluster, ROLE: 'ingest', INGEST_INDEX: '1', INGEST_COUNT: '3' })
    expect(c.mqtt).toMatchObject({ ingestClientId: 'envmon-ingest-1', shareGroup: 'envmon-ingest' })
    expect(c.cluster).toMatchObject({ role: 'ingest', ingestIndex: 1, ingestCount: 3, partitions: 16 })
  })

  it('creates no demo users on a cluster node unless asked', () => {
    expect(loadConfig({ ...cluster, ROLE: 'server' }).auth.demoUsers).toBe(false)
    expect(loadConfig({ ...cluster, ROLE: 'server', DEMO_USERS: '1' }).auth.demoUsers).toBe(true)
    expect(loadConfig({}).auth.demoUsers).toBe(true)
  })

  it('sends notifications from a server node only when told', () => {
    expect(loadConfig({ ...cluster, ROLE: 'server' }).cluster.notify).toBe(false)
    expect(loadConfig({ ...cluster, ROLE: 'server', NOTIFY: '1' }).cluster.notify).toBe(true)
  })

  it.each([
    [{ ...influx, SERVICE_MQTT_PASSWORD: 'pw', ROLE: 'server' }, 'ROLE=server needs MQTT_URL'],
    [{ MQTT_URL: 'mqtt://m', SERVICE_MQTT_PASSWORD: 'pw', ROLE: 'ingest' }, 'ROLE=ingest needs STORE=influx'],
    [{ ...influx, MQTT_URL: 'mqtt://m', ROLE: 'ingest' }, 'ROLE=ingest needs SERVICE_MQTT_PASSWORD'],
    [{ ...cluster, ROLE: 'ingest', INGEST_INDEX: '2', INGEST_COUNT: '2' }, 'invalid INGEST_INDEX: 2'],
    [{ ...cluster, ROLE: 'ingest', INGEST_COUNT: '20' }, 'invalid INGEST_COUNT: 20'],
    [{ ...cluster, ROLE: 'both' }, 'ROLE="both"'],
  ])('refuses %j naming the problem', (env, msg) => {
    expect(() => loadConfig(env)).toThrow(msg)
  })
})
