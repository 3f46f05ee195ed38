/**
 * A broker restart as the operator sees it, against Debian's mosquitto: the header says live, then
 * "reconnecting" (about the broker) while mosquitto is down, then live again once ingest has
 * reconnected by itself, and a reading published after the restart reaches the open station page.
 * Headless Debian Chromium; screenshot in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { stationPassword } from '../simulator/src/station-password'
import { collectPageErrors, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { hasMosquitto, startMosquitto, type Mosquitto } from './helpers/mosquitto'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

const STATION = 'DG-AIR-01'
let mosq: Mosquitto
let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

const run = hasChromium && hasMosquitto
beforeAll(async () => {
  if (!run) return
  mosq = await startMosquitto({
    serviceUsername: 'envmon-service',
    users: { 'envmon-service': 'test-service-password', [STATION]: stationPassword(TEST_STATION_SECRET, STATION) },
  })
  sys = await startTestSystem({ MQTT_URL: mosq.url })
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'operator')
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
  await mosq?.dispose()
})

const indicator = () => page.getByTestId('connection-state')

describe.skipIf(!run)('broker restart in Chromium', () => {
  it('shows live, reconnecting while the broker is down, then live again', async () => {
    await page.goto(`${sys.url}/#/station/${STATION}`)
    await expect.poll(() => indicator().getAttribute('data-state'), { timeout: 15_000 }).toBe('live')
    await mosq.stop()
    await expect.poll(() => indicator().getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting')
    expect(await indicator().getAttribute('data-cause')).toBe('broker')
    expect(await indicator().getAttribute('title')).toMatch(/MQTT/)
    await screenshot(page, 'broker-down')
    await mosq.start()
    await expect.poll(() => indicator().getAttribute('data-state'), { timeout: 20_000 }).toBe('live')
    expect(await indicator().getAttribute('data-cause')).toBe('server')
  })

  it('data flows to the open page again after the restart', async () => {
    const station = await mqtt.connectAsync(mosq.stationUrl, {
      clientId: STATION,
      username: STATION,
      password: stationPassword(TEST_STATION_SECRET, STATION),
      reconnectPeriod: 0,
    })
    try {
      await station.publishAsync(`envmon/v1/air/${STATION}/reading`, JSON.stringify({ ts: Date.now() - 1000, values: { pm25: 57 } }), {
        qos: 1,
      })
    } finally {
      await station.endAsync()
    }
    await expect.poll(() => page.locator('.latest-table tr[data-metric=pm25] .value').textContent(), { timeout: 15_000 }).toBe('57')
    expect(pageErrors).toEqual([])
  })
})
