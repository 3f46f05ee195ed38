/**
 * Issue 12 in headless Debian Chromium against the real system: the station form takes a real
 * logger's MN (`JLYP01_AIR01_0001`) and the units it sends (`pm25=mg/m3`); after the logger sends a
 * frame with a swapped-MODBUS CRC, the stations table shows the edition it speaks and that deviation.
 */
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatCrc, formatDataTime, formatQn } from '../shared/src/protocol/hj212/index'
import { modbusCrc } from '../shared/src/protocol/hj212/crc'
import { collectPageErrors, hasChromium, launchChromium, newContext, loginUi, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem()
  browser = await launchChromium()
  page = await (await newContext(browser)).newPage()
  pageErrors = collectPageErrors(page)
  page.on('dialog', (d) => void d.accept())
  await loginUi(page, sys.url, 'admin')
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

describe.skipIf(!hasChromium)('HJ 212 station profile in Chromium (issue 12)', () => {
  it('saves an MN with _ and the units sent, then shows the edition and the deviation the logger sends', async () => {
    await page.goto(`${sys.url}/#/admin/stations`)
    await page.getByTestId('station-add').click()
    const form = page.getByTestId('station-form')
    await form.locator('input[name=id]').fill('UI-HJ-01')
    await form.locator('input[name=nameZh]').fill('界面测试空气站')
    await form.locator('input[name=nameEn]').fill('UI test air')
    await form.locator('input[name=lon]').fill('113.75')
    await form.locator('input[name=lat]').fill('23.02')
    await form.locator('input[name=mn]').fill('JLYP01_AIR01_0001')
    await form.locator('input[name=sentUnits]').fill('pm25=mg/m3')
    await page.getByTestId('station-save').click()
    const row = page.locator('[data-testid=stations-table] tr[data-station-id="UI-HJ-01"]')
    await row.waitFor({ timeout: 10_000 })
    const saved = (await (await sys.api('/api/admin/stations')).json()) as {
      stations: { id: string; mn?: string; sentUnits?: Record<string, string> }[]
    }
    expect(saved.stations.find((s) => s.id === 'UI-HJ-01')).toMatchObject({ mn: 'JLYP01_AIR01_0001', sentUnits: { pm25: 'mg/m3' } })
    expect(await row.getByTestId('hj212-profile').count()).toBe(0)

    const { password } = (await (
      await sys.api('/api/admin/stations/UI-HJ-01/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { password: string }
    const ts = Math.floor(Date.now() / 1000) * 1000 - 60_000
    const data = `QN=${formatQn(ts)};ST=22;CN=2011;PW=${password};MN=JLYP01_AIR01_0001;Flag=5;CP=&&DataTime=${formatDataTime(ts)};a34004-Rtd=0.0523,a34004-Flag=N&&`
    const m = modbusCrc(new TextEncoder().encode(data))
    const c = await mqtt.connectAsync(sys.brokerUrl, { clientId: 'UI-HJ-01', username: 'UI-HJ-01', password, reconnectPeriod: 0 })
    await c.publishAsync(
      'envmon/v1/air/UI-HJ-01/hj212',
      `##${String(data.length).padStart(4, '0')}${data}${formatCrc(((m & 0xff) << 8) | (m >> 8))}\r\n`,
      { qos: 1 },
    )
    await c.endAsync()
    await expect.poll(() => sys.store.count('UI-HJ-01', ts, ts + 1)).toBe(1)

    await page.reload()
    const cell = page.locator('[data-testid=stations-table] tr[data-station-id="UI-HJ-01"]').getByTestId('hj212-profile')
    await cell.waitFor({ timeout: 10_000 })
    await cell.locator('summary').click()
    await expect.poll(() => cell.textContent()).toContain('HJ 212-2017')
    expect(await cell.textContent()).toContain('CRC-16/MODBUS')
    await screenshot(page, 'admin-hj212-profile')
    expect(pageErrors).toEqual([])
  })
})
