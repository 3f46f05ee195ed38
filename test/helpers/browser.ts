/**
 * Headless Debian Chromium driven by playwright-core (never a downloaded browser), for the UI
 * tests and the browser benchmark. Screenshots go to test/artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { demoPassword } from '../../server/src/auth/demo-users'
import type { Role } from '../../server/src/auth/roles'
import { TEST_STATION_SECRET } from './start-system'

export const CHROMIUM = '/usr/bin/chromium'
/** Run the browser tests in CI always (a missing chromium must fail), elsewhere when installed. */
export const hasChromium = existsSync(CHROMIUM) || Boolean(process.env.CI)
export const ARTIFACTS = join(process.cwd(), 'test', 'artifacts')

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

/** A fresh context (1366×768, the operator screen) in China Standard Time. */
export async function newContext(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
}

/** Log in through the login screen as the demo user of a role. */
export async function loginUi(page: Page, baseUrl: string, role: Role): Promise<void> {
  await page.goto(baseUrl)
  const form = page.getByTestId('login-form')
  await form.locator('input[name=username]').fill(`demo-${role}`)
  await form.locator('input[name=password]').fill(demoPassword(TEST_STATION_SECRET, role))
  await form.locator('button[type=submit]').click()
  await page.getByTestId('connection-state').waitFor({ state: 'visible', timeout: 15_000 })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** Collect uncaught page errors (a test ends by expecting none). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

/** Drag with the mouse from (x0, y0) to (x1, y1), in page pixels (brushes, sliders). */
export async function drag(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<void> {
  await page.mouse.move(x0, y0)
  await page.mouse.down()
  await page.mouse.move(x1, y1, { steps: 8 })
  await page.mouse.up()
}

/** Log in as `role` in a fresh context of its own (1366×768 unless given). */
export async function pageAs(browser: Browser, baseUrl: string, role: Role, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await newContext(browser, viewport)).newPage()
  await loginUi(page, baseUrl, role)
  return page
}
