/**
 * HJ 212 commands in headless Debian Chromium against the real system (issue 12): an admin sends
 * "request history for this range" and "sync clock" to a simulated data logger connected over TCP
 * and sees the exchange in the command log; an operator sees the logger link on the station page.
 * Screenshots in test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, hasChromium, launchChromium, loginUi, newContext, screenshot } from './helpers/browser'
import { LoggerOnLink } from './helpers/sim-logger-link'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const HOUR = 3_600_000
const ID = 'DG-AIR-07'
let sys: TestSystem
let browser: Browser
let logger: LoggerOnLink
let h = 0

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ HJ212_RECOVERY_SWEEP: '0', HJ212_COMMAND_TIMEOUT: '5' }, { hj212Ephemeral: true })
  browser = await launchChromium()
  // A logger that has measured the whole of an hour two hours back but sent only its first minute.
  logger = new LoggerOnLink(sys, sys.registry.get(ID)!, 'tcp')
  h = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR
  logger.measure(h, 0, 60)
  await logger.ready()
  await logger.sendLive(h, 0, 1)
}, 120_000)
afterAll(async () => {
  await logger?.link.close(100)
  await browser?.close()
  await sys?.stop()
})

/** `datetime-local` value of an epoch time in UTC+8. */
const local = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 16)

describe.skipIf(!hasChromium)('HJ 212 commands in Chromium', () => {
  let page: Page
  let errors: string[]

  it('admin: requests history for a range and syncs the clock; the log shows both executed', async () => {
    page = await (await newContext(browser)).newPage()
    errors = collectPageErrors(page)
    await loginUi(page, sys.url, 'admin')
    await page.goto(`${sys.url}/#/admin/hj212`)
    await page.getByTestId('hj212-station').fill(ID)
    await page.getByTestId('hj212-from').fill(local(h + 10 * 60_000))
    await page.getByTestId('hj212-to').fill(local(h + 19 * 60_000))
    await page.getByTestId('hj212-history').click()
    const row = page.locator('[data-testid=hj212-log] tr[data-cn="2051"]')
    await expect.poll(() => row.first().getAttribute('data-state'), { timeout: 15_000 }).toBe('executed')
    await expect.poll(() => sys.store.count(ID, h + 10 * 60_000, h + 20 * 60_000), { timeout: 10_000 }).toBe(20)
    expect(await row.first().textContent()).toContain('BeginTime=')
    await expect.poll(() => page.locator('[data-testid=hj212-gaps] li[data-state=recovered]').count(), { timeout: 10_000 }).toBe(1)
    await page.getByTestId('hj212-clock').click()
    await expect
      .poll(() => page.locator('[data-testid=hj212-log] tr[data-cn="1011"][data-state=executed]').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2)
    await screenshot(page, 'admin-hj212')
    expect(errors).toEqual([])
  })

  it('operator: the station page shows the data logger link and its commands', async () => {
    const op = await (await newContext(browser)).newPage()
    const opErrors = collectPageErrors(op)
    await loginUi(op, sys.url, 'operator')
    await op.goto(`${sys.url}/#/station/${ID}`)
    const box = op.getByTestId('station-hj212')
    await box.waitFor({ timeout: 15_000 })
    await box.locator('summary').click()
    expect(await box.textContent()).toMatch(/tcp/)
    await expect.poll(() => box.locator('tr[data-cn="2051"][data-state=executed]').count()).toBe(1)
    await screenshot(op, 'station-hj212')
    expect(opErrors).toEqual([])
  })
})
