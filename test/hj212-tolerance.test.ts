/**
 * Issue 12 through the whole system: the admin API takes a real logger's MN (`JLYP01_AIR01_0001`)
 * and a unit setting; that station's HJ 212 frames with a swapped-MODBUS CRC and PM2.5 in mg/m³ are
 * stored converted; the deviation is recorded per station (admin stations API) and counted in
 * /metrics by kind; an ST=80 frame that maps to nothing is dead-lettered as `no-readings`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatCrc, formatDataTime, formatQn } from '../shared/src/protocol/hj212/index'
import { modbusCrc } from '../shared/src/protocol/hj212/crc'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const dir = mkdtempSync(join(tmpdir(), 'envmon-hj212-tol-'))
let sys: TestSystem
let password = ''
beforeAll(async () => {
  sys = await startTestSystem({}, {}, dir)
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const STATION = {
  kind: 'air',
  nameZh: '测试空气站',
  nameEn: 'Test air',
  lon: 113.75,
  lat: 23.02,
  town: '莞城街道',
  intervalSec: 60,
  mn: 'JLYP01_AIR01_0001',
  sentUnits: { pm25: 'mg/m3', pm10: 'mg/m3' },
}
const utf8 = new TextEncoder()

/** A frame of the station with a swapped-MODBUS CRC (CRC-16/MODBUS, low byte first). */
function swappedModbusFrame(ts: number, st: string, cp: string): string {
  const data = `QN=${formatQn(ts)};ST=${st};CN=2011;PW=${password};MN=JLYP01_AIR01_0001;Flag=5;CP=&&DataTime=${formatDataTime(ts)};${cp}&&`
  const m = modbusCrc(utf8.encode(data))
  return `##${String(data.length).padStart(4, '0')}${data}${formatCrc(((m & 0xff) << 8) | (m >> 8))}\r\n`
}

interface AdminStation {
  id: string
  mn?: string
  sentUnits?: Record<string, string>
  hj212?: {
    edition: string
    flagVersion: number
    frames: number
    deviations: Record<string, { count: number; firstSeen: number; lastSeen: number }>
  }
}

describe('HJ 212 tolerance through the system (issue 12)', () => {
  it('the admin API accepts an MN with _ and a unit setting, and refuses a unit that does not convert', async () => {
    const put = await sys.api('/api/admin/stations/DG-TOL-01', json('PUT', STATION))
    expect(put.status).toBe(201)
    expect(await put.json()).toMatchObject({ id: 'DG-TOL-01', mn: 'JLYP01_AIR01_0001', sentUnits: { pm25: 'mg/m3', pm10: 'mg/m3' } })
    const bad = await sys.api('/api/admin/stations/DG-TOL-02', json('PUT', { ...STATION, mn: 'OTHER-MN_02', sentUnits: { pm25: 'mg/L' } }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('sentUnits: pm25') } })
    const space = await sys.api('/api/admin/stations/DG-TOL-03', json('PUT', { ...STATION, mn: 'JLYP 01', sentUnits: undefined }))
    expect(space.status).toBe(400)
    const cred = await sys.api('/api/admin/stations/DG-TOL-01/credentials', json('POST', {}))
    ;({ password } = (await cred.json()) as { password: string })
  })

  it('stores a swapped-MODBUS frame with PM in mg/m³ converted, records the deviation per station and in /metrics', async () => {
    const ts = Math.floor(Date.now() / 1000) * 1000 - 120_000
    const c = await mqtt.connectAsync(sys.brokerUrl, { clientId: 'DG-TOL-01', username: 'DG-TOL-01', password, reconnectPeriod: 0 })
    await c.publishAsync(
      'envmon/v1/air/DG-TOL-01/hj212',
      swappedModbusFrame(ts, '22', 'a34004-Rtd=0.0523,a34004-Flag=N;a34002-Rtd=0.081,a34002-Flag=N'),
      { qos: 1 },
    )
    await expect.poll(() => sys.store.count('DG-TOL-01', ts, ts + 1)).toBe(2)
    const s = (await (await sys.api('/api/stations/DG-TOL-01')).json()) as { latest: { values: Record<string, { value: number }> } }
    expect(s.latest.values.pm25!.value).toBe(52.3)
    expect(s.latest.values.pm10!.value).toBe(81)

    // The ST=80 meter frame: nothing maps, so a no-readings warning (the logger is still acknowledged).
    await c.publishAsync('envmon/v1/air/DG-TOL-01/hj212', swappedModbusFrame(ts + 60_000, '80', 'e30101-Cou=1523.4,e30101-Flag=N'), {
      qos: 1,
    })
    await c.endAsync()
    await expect
      .poll(
        async () =>
          (
            (await (await sys.api('/api/deadletters?station=DG-TOL-01')).json()) as {
              byStationReason: Record<string, Record<string, number>>
            }
          ).byStationReason['DG-TOL-01'],
      )
      .toMatchObject({ 'no-readings': 1, 'hj212-deviation': 1 })

    const list = (await (await sys.api('/api/admin/stations')).json()) as { stations: AdminStation[] }
    const st = list.stations.find((x) => x.id === 'DG-TOL-01')!
    expect(st.hj212).toMatchObject({
      edition: 'HJ 212-2017',
      flagVersion: 1,
      frames: 2,
      deviations: { 'crc-modbus-swapped': { count: 2 } },
    })
    const dev = st.hj212!.deviations['crc-modbus-swapped']!
    expect(dev.lastSeen).toBeGreaterThanOrEqual(dev.firstSeen)

    const metrics = await (await fetch(`${sys.url}/metrics`)).text()
    expect(metrics).toMatch(/^envmon_hj212_deviations_total\{kind="crc-modbus-swapped"\} 2$/m)
    expect(metrics).toMatch(/^envmon_hj212_deviations_total\{kind="no-line-end"\} 0$/m)
  })
})
