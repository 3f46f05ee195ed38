/**
 * The targets board in headless Debian Chromium against the real system with the simulator: every
 * target of the API body appears with its value, status word and trend; a drill-down opens on the
 * stations and days behind a target; the period selector switches the board. A viewer sees it all
 * (the board is for everyone); while data for past days is still arriving the board says "computing"
 * instead of "no data". Screenshots in test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '2', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'viewer')
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

interface Body {
  period: { name: string; from: string }
  targets: { id: string; status: string }[]
}

describe.skipIf(!hasChromium)('targets board in Chromium', () => {
  it('shows every target with its status, value and trend', async () => {
    const body = (await (await sys.apiAs('viewer', '/api/targets?period=month')).json()) as Body
    expect(body.targets.length).toBeGreaterThanOrEqual(7)
    await page.goto(`${sys.url}/#/targets`)
    await expect.poll(() => page.getByTestId('target-card').count(), { timeout: 30_000 }).toBe(body.targets.length)
    for (const x of body.targets) {
      const card = page.locator(`[data-testid=target-card][data-target-id="${x.id}"]`)
      expect(await card.getAttribute('data-status')).toMatch(/^(met|at-risk|missed|no-data|computing)$/)
      expect((await card.getByTestId('target-status').textContent())?.trim()).toMatch(/^(达标|有风险|未达标|无数据|计算中…)$/)
      expect(await card.getByTestId('target-value').textContent()).toBeTruthy()
    }
    // The coverage targets have a value today; their sparkline ends in it.
    await expect
      .poll(() => page.locator('[data-target-id="key-source-online-coverage"] [data-testid=sparkline]').count(), { timeout: 30_000 })
      .toBe(1)
    await screenshot(page, 'targets')
  })

  it('says "computing", not "no data", while readings for past days are arriving', async () => {
    // A data logger uploads yesterday's reading (a backlog): the API says the board is computing.
    const station = await sys.connectStation('DG-AIR-01')
    await station.publishAsync(
      'envmon/v1/air/DG-AIR-01/reading',
      JSON.stringify({ ts: new Date(Date.now() - 86_400_000).toISOString(), values: { pm25: 30 } }),
      { qos: 1 },
    )
    await expect
      .poll(async () => ((await (await sys.apiAs('viewer', '/api/targets?period=month')).json()) as { computing: boolean }).computing, {
        timeout: 10_000,
      })
      .toBe(true)
    await page.reload()
    const computing = page.locator('[data-testid=target-card][data-status=computing]')
    await expect.poll(() => computing.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect((await computing.first().getByTestId('target-status').textContent())?.trim()).toBe('计算中…')
    expect(await page.locator('[data-testid=target-card][data-status=no-data]').count()).toBe(0)
    await screenshot(page, 'targets-computing')
  })

  it('drills down into the stations and days behind a target', async () => {
    const card = page.locator('[data-testid=target-card][data-target-id="key-source-online-coverage"]')
    await card.getByTestId('target-drill-toggle').click()
    const drill = card.getByTestId('target-drill')
    await drill.waitFor()
    expect(await drill.locator('.chip-list li').count()).toBeGreaterThan(0)
    const air = page.locator('[data-testid=target-card][data-target-id="air-good-days"]')
    await air.getByTestId('target-drill-toggle').click()
    expect(await air.getByTestId('target-drill').locator('a[href^="#/trends/bad-days/"]').count()).toBe(1)
    await screenshot(page, 'targets-drill')
  })

  it('switches the period', async () => {
    await page.locator('button[data-period="year"]').click()
    await expect.poll(() => page.getByTestId('targets-period').textContent(), { timeout: 30_000 }).toMatch(/-01-01/)
    expect(await page.getByTestId('target-card').count()).toBeGreaterThanOrEqual(7)
  })

  it('shows who is logged in, and returns to the login screen when the session ends', async () => {
    await page.getByTestId('user-menu').click()
    expect(await page.getByTestId('user-menu').getAttribute('data-role')).toBe('viewer')
    expect(await page.locator('.user-pop').textContent()).toContain('demo-viewer')
    await page.keyboard.press('Escape')
    // An admin resets the viewer's password: the server ends the viewer's sessions.
    const users = (await (await sys.api('/api/admin/users')).json()) as { users: { id: string; username: string }[] }
    const viewer = users.users.find((u) => u.username === 'demo-viewer')!
    await sys.api(`/api/admin/users/${viewer.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a-new-viewer-password' }),
    })
    // Nothing to click: the server closes the ended session's socket and the page asks, learns the
    // session is gone and shows the login screen.
    await page.getByTestId('login-form').waitFor({ timeout: 15_000 })
    expect(await page.locator('.login-note').count()).toBe(1)
    await screenshot(page, 'login-expired')
    expect(pageErrors).toEqual([])
  })
})
