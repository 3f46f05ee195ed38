/**
 * The UI in headless Debian Chromium against the real running system with the simulator: log in,
 * see the map's town shapes and station markers, receive a breach live and acknowledge it, open a
 * station and see its trend with a limit line; the town AQI choropleth; a critical breach that
 * rings (toast, alarm count) and whose alert page shows the note and the notification deliveries;
 * the station's AQI history and 24-h averaging window; English and a wall display; the map updated
 * from a batched `readings` event (issue 16). Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, hasChromium, launchChromium, loginUi, newContext, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []
const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** Register an air station the simulator does not drive (Guancheng, one reading a minute); its MQTT password. */
async function addAirStation(id: string, nameZh: string, nameEn: string, lon: number, lat: number): Promise<string> {
  await sys.api(
    `/api/admin/stations/${id}`,
    json('PUT', { kind: 'air', nameZh, nameEn, lon, lat, town: '莞城街道', intervalSec: 60, standardClass: 'II' }),
  )
  const { password } = (await (await sys.api(`/api/admin/stations/${id}/credentials`, json('POST', {}))).json()) as { password: string }
  return password
}

/** Publish one JSON payload (a reading or a batch) as the station, QoS 1, and disconnect. */
async function publishAs(id: string, password: string, payload: unknown): Promise<void> {
  const station = await mqtt.connectAsync(sys.brokerUrl, { clientId: id, username: id, password, reconnectPeriod: 0 })
  await station.publishAsync(`envmon/v1/air/${id}/reading`, JSON.stringify(payload), { qos: 1 })
  await station.endAsync()
}
beforeAll(async () => {
  if (!hasChromium) return
  // The real system with the simulator (2 h of backfill so charts have data), 40 stations.
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '2', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  const ctx = await newContext(browser)
  await ctx.grantPermissions(['notifications'])
  page = await ctx.newPage()
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

describe.skipIf(!hasChromium)('live map in Chromium', () => {
  it('logs in and shows the towns and station markers', async () => {
    await loginUi(page, sys.url, 'operator')
    await page.getByTestId('town').first().waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('town').count()).toBeGreaterThanOrEqual(30)
    await expect.poll(() => page.getByTestId('station-marker').count(), { timeout: 20_000 }).toBe(sys.registry.size)
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('live')
    await screenshot(page, 'map')
  })

  it('updates the map from a batched readings event, never a reading message per station (issue 16)', async () => {
    const password = await addAirStation('UI-TEST-BATCH', '批量测试站', 'UI batch test', 113.6, 22.85)
    // A page of its own, so its socket's frames are recorded from the first.
    const ctx = await newContext(browser)
    const map = await ctx.newPage()
    const frames: string[] = []
    map.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))))
    await loginUi(map, sys.url, 'operator')
    const marker = map.locator('[data-testid=station-marker][data-station-id="UI-TEST-BATCH"]')
    await marker.waitFor({ state: 'attached', timeout: 20_000 })
    // Batches flowing: the simulator's stations arrive as readings arrays.
    await expect.poll(() => frames.some((f) => f.startsWith('42["readings",')), { timeout: 20_000 }).toBe(true)
    await publishAs('UI-TEST-BATCH', password, { ts: Date.now() - 1000, values: { pm25: 41 } })
    const ofStation = () => frames.find((f) => f.startsWith('42["readings",') && f.includes('"UI-TEST-BATCH"'))
    await expect.poll(ofStation, { timeout: 20_000 }).toBeTruthy()
    const batch = ofStation()!
    const [, readings] = JSON.parse(batch.slice(2)) as [string, { stationId: string; values: Record<string, number> }[]]
    expect(readings.filter((r) => r.stationId === 'UI-TEST-BATCH').map((r) => r.values)).toEqual([{ pm25: 41 }])
    // The hover card follows the store the batch updated.
    await marker.dispatchEvent('pointerover')
    await expect.poll(() => map.locator('.map-tooltip .tt-values td').first().textContent(), { timeout: 10_000 }).toMatch(/^41\b/)
    await screenshot(map, 'map-batch')
    // After the subscription took hold, no single reading messages: nothing of this station, and
    // none at all after the first batch.
    expect(frames.filter((f) => f.startsWith('42["reading",') && f.includes('"UI-TEST-BATCH"'))).toEqual([])
    const first = frames.findIndex((f) => f.startsWith('42["readings",'))
    expect(frames.slice(first).filter((f) => f.startsWith('42["reading",'))).toEqual([])
    await ctx.close()
  })

  it('receives a breach live and acknowledges it', async () => {
    // A station the simulator does not drive, so the breach is the only data of its hour.
    const password = await addAirStation('UI-TEST-AIR', '测试空气站', 'UI test air', 113.75, 23.02)
    await publishAs('UI-TEST-AIR', password, { ts: Date.now() - 5000, values: { so2: 760 } })
    await page.goto(`${sys.url}/#/alerts`)
    const row = page
      .getByTestId('alert-row')
      .filter({ hasText: /SO₂|SO2|二氧化硫/ })
      .filter({ has: page.locator('[data-testid=ack-button]') })
      .first()
    await row.waitFor({ timeout: 20_000 })
    const id = await row.getAttribute('data-alert-id')
    await row.getByTestId('ack-button').click()
    await page.getByTestId('action-confirm').click()
    await expect
      .poll(
        async () => {
          const a = (await (await sys.api(`/api/alerts/${id}`)).json()) as { state: string; acknowledged?: { by: string } }
          return [a.state, a.acknowledged?.by]
        },
        { timeout: 10_000 },
      )
      .toEqual(['acknowledged', 'demo-operator'])
    await expect
      .poll(() => page.locator(`[data-testid=alert-row][data-alert-id="${id}"]`).first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('acknowledged')
    await screenshot(page, 'alerts')
  })

  it('opens a station and draws its trend with the limit line', async () => {
    await page.goto(`${sys.url}/#/station/DG-AIR-01`)
    await page.getByTestId('trend-canvas').waitFor({ timeout: 20_000 })
    await page.getByTestId('limit-line').first().waitFor({ state: 'attached', timeout: 20_000 })
    // The canvas has been drawn on: some pixel is not transparent.
    const painted = await page
      .getByTestId('trend-canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true
        return false
      })
    expect(painted).toBe(true)
    await screenshot(page, 'station')
  })

  it('colours the towns by their worst current AQI', async () => {
    await page.goto(`${sys.url}/#/map`)
    await page.getByTestId('choropleth-toggle').click()
    await expect.poll(() => page.locator('[data-testid=town][data-aqi]').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const fill = await page
      .locator('[data-testid=town][data-aqi]')
      .first()
      .evaluate((el) => (el as SVGPathElement).style.fill)
    expect(fill).toMatch(/^rgb\(/)
    await screenshot(page, 'map-choropleth')
    await page.getByTestId('choropleth-toggle').click()
    await expect.poll(() => page.locator('[data-testid=town][data-aqi]').count()).toBe(0)
  })

  it('rings on a new critical alert, and its page shows the note and the notification deliveries', async () => {
    await sys.api(
      '/api/admin/notify/recipients/ui-duty',
      json('PUT', { name: 'UI duty', channels: [{ type: 'email', to: 'duty@example.cn' }], subscriptions: [{ minSeverity: 'critical' }] }),
    )
    const password = await addAirStation('UI-TEST-CRIT', '严重测试站', 'UI critical', 113.76, 23.03)
    await page.goto(`${sys.url}/#/alerts`)
    const rung = Number(await page.getByTestId('alarm-toggle').getAttribute('data-rung'))
    // SO2 1-h above 800 µg/m³ (IAQI 200): critical.
    await publishAs('UI-TEST-CRIT', password, { ts: Date.now() - 5000, values: { so2: 1300 } })
    const toast = page.getByTestId('critical-toast').first()
    await toast.waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('alarm-toggle').getAttribute('data-rung')).not.toBe(String(rung))
    const id = (await toast.getAttribute('data-alert-id'))!
    await screenshot(page, 'alerts-critical')
    await toast.getByRole('link').click()
    await page.getByTestId('alert-detail').waitFor()
    expect(page.url()).toContain(`#/alerts/${encodeURIComponent(id)}`)
    await page.getByTestId('ack-button').click()
    await page.locator('dialog textarea').fill('已通知运维到场核查')
    await page.getByTestId('action-confirm').click()
    await expect.poll(() => page.getByTestId('alert-detail').getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged')
    await expect.poll(() => page.getByTestId('alert-note').first().textContent()).toContain('已通知运维到场核查')
    // No SMTP in the test system: the e-mail notice fails permanently, and the page says so.
    await page.getByTestId('delivery-row').first().waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('delivery-table').textContent()).toContain('UI duty')
    await screenshot(page, 'alert-detail')
  })

  it('a historical exceedance from a backlog is listed with its badge and rings nothing (issue 10)', async () => {
    const password = await addAirStation('UI-TEST-LATE', '迟到测试站', 'UI late', 113.77, 23.04)
    await page.goto(`${sys.url}/#/alerts`)
    await page.getByTestId('alert-origin-filter').waitFor()
    const rung = await page.getByTestId('alarm-toggle').getAttribute('data-rung')
    const toasts = await page.getByTestId('critical-toast').count()
    // A backlog 6 h old: SO2 critical (1300 µg/m³) for one reading, then clean again.
    const t0 = Date.now() - 6 * 3_600_000
    await publishAs('UI-TEST-LATE', password, [
      { ts: t0, values: { so2: 1300 } },
      { ts: t0 + 60_000, values: { so2: 5 } },
      { ts: t0 + 120_000, values: { so2: 5 } },
    ])
    await expect
      .poll(async () => ((await (await sys.api('/api/alerts?station=UI-TEST-LATE&origin=historical')).json()) as { total: number }).total, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0)
    await page.getByRole('button', { name: '全部', exact: true }).click()
    await page.getByTestId('alert-origin-filter').selectOption('historical')
    const row = page
      .locator('[data-testid=alert-row][data-historical]')
      .filter({ hasText: /迟到测试站|UI late|UI-TEST-LATE/ })
      .first()
    await row.waitFor({ timeout: 20_000 })
    expect(await row.getByTestId('alert-historical').textContent()).toBe('历史')
    await screenshot(page, 'alerts-historical')
    expect(await page.getByTestId('alarm-toggle').getAttribute('data-rung')).toBe(rung)
    expect(await page.getByTestId('critical-toast').count()).toBe(toasts)
    await row.getByTestId('alert-detail-link').click()
    await page.getByTestId('alert-origin-note').waitFor()
    await page.goto(`${sys.url}/#/alerts`)
  })

  it("shows a station's hourly AQI history and its 24-h mean against the 24-h limit", async () => {
    await page.goto(`${sys.url}/#/station/DG-AIR-01`)
    await page.getByTestId('aqi-canvas').waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('aqi-summary').textContent(), { timeout: 20_000 }).toMatch(/\d+ \/ [1-9]/)
    await page.locator('[data-testid=window-switch] button[data-window="24h"]').click()
    await expect
      .poll(
        () => page.locator('.station-trend [data-testid=limit-line]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-value'))),
        { timeout: 20_000 },
      )
      .toEqual(['75'])
    await screenshot(page, 'station-windows')
    expect(pageErrors).toEqual([])
  })

  it('reads in English and fills a wall display', async () => {
    const wall = await pageAs(browser, sys.url, 'operator', { width: 2560, height: 1440 })
    await wall.getByTestId('lang-switch').click()
    await expect.poll(() => wall.locator('html').getAttribute('lang')).toBe('en')
    await wall.getByTestId('choropleth-toggle').click()
    await expect.poll(() => wall.getByTestId('station-marker').count(), { timeout: 20_000 }).toBe(sys.registry.size)
    await screenshot(wall, 'map-wall-en')
    await wall.goto(`${sys.url}/#/alerts`)
    await wall.getByTestId('alert-row').first().waitFor({ timeout: 20_000 })
    await screenshot(wall, 'alerts-wall-en')
    await wall.context().close()
  })
})
