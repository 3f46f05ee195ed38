/**
 * The UI in headless Debian Chromium against the real running system with the simulator: log in,
 * see the map's town shapes and station markers, receive a breach live and acknowledge it, open a
 * station and see its trend with a limit line. Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launchChromium, loginUi, newContext, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
beforeAll(async () => {
  if (!hasChromium) return
  // The real system with the simulator (2 h of backfill so charts have data), 40 stations.
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '2', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  page = await (await newContext(browser)).newPage()
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

  it('receives a breach live and acknowledges it', async () => {
    // A station the simulator does not drive, so the breach is the only data of its hour.
    const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await sys.api('/api/admin/stations/UI-TEST-AIR', json('PUT', { kind: 'air', nameZh: '测试空气站', nameEn: 'UI test air', lon: 113.75, lat: 23.02, town: '莞城街道', intervalSec: 60, standardClass: 'II' }))
    const { password } = (await (await sys.api('/api/admin/stations/UI-TEST-AIR/credentials', json('POST', {}))).json()) as { password: string }
    const station = await mqtt.connectAsync(sys.brokerUrl, { username: 'UI-TEST-AIR', password, reconnectPeriod: 0 })
    await station.publishAsync('envmon/v1/air/UI-TEST-AIR/reading', JSON.stringify({ ts: Date.now() - 5000, values: { so2: 760 } }), { qos: 1 })
    await station.endAsync()
    await page.goto(`${sys.url}/#/alerts`)
    const row = page.getByTestId('alert-row').filter({ hasText: /SO₂|SO2|二氧化硫/ }).filter({ has: page.locator('[data-testid=ack-button]') }).first()
    await row.waitFor({ timeout: 20_000 })
    const id = await row.getAttribute('data-alert-id')
    await row.getByTestId('ack-button').click()
    await page.getByTestId('action-confirm').click()
    await expect.poll(async () => {
      const a = (await (await sys.api(`/api/alerts/${id}`)).json()) as { state: string; acknowledged?: { by: string } }
      return [a.state, a.acknowledged?.by]
    }, { timeout: 10_000 }).toEqual(['acknowledged', 'demo-operator'])
    await expect.poll(() => page.locator(`[data-testid=alert-row][data-alert-id="${id}"]`).first().getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged')
    await screenshot(page, 'alerts')
  })

  it('opens a station and draws its trend with the limit line', async () => {
    await page.goto(`${sys.url}/#/station/DG-AIR-01`)
    await page.getByTestId('trend-canvas').waitFor({ timeout: 20_000 })
    await page.getByTestId('limit-line').first().waitFor({ state: 'attached', timeout: 20_000 })
    // The canvas has been drawn on: some pixel is not transparent.
    const painted = await page.getByTestId('trend-canvas').first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true
      return false
    })
    expect(painted).toBe(true)
    await screenshot(page, 'station')
  })
})
