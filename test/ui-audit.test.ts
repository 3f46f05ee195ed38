/**
 * The audit log tab in headless Debian Chromium against the real system: a station edited through
 * the API shows up with what changed (before → after), the filters narrow the list, and the CSV
 * link downloads the filtered trail. Screenshots in test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, hasChromium, launchChromium, loginUi, newContext, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem()
  const station = { kind: 'air', nameZh: '审计界面', nameEn: 'Audit UI', lon: 113.75, lat: 23.02, town: '莞城街道', intervalSec: 60 }
  await sys.api('/api/admin/stations/UI-AUDIT-01', json('PUT', station))
  await sys.api('/api/admin/stations/UI-AUDIT-01', json('PUT', { ...station, nameEn: 'Audit UI (renamed)' }))
  await fetch(`${sys.url}/api/auth/login`, json('POST', { username: 'demo-analyst', password: 'wrong-password-1234' }))
  browser = await launchChromium()
  const ctx = await newContext(browser)
  page = await ctx.newPage()
  pageErrors = collectPageErrors(page)
  await loginUi(page, sys.url, 'admin')
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

describe.skipIf(!hasChromium)('the audit log in Chromium', () => {
  it('lists the actions newest first and shows what a station edit changed', async () => {
    await page.goto(`${sys.url}/#/admin/audit`)
    const table = page.getByTestId('audit-table')
    await table.waitFor({ timeout: 10_000 })
    // The newest record is the browser's own login.
    await expect.poll(() => table.locator('tbody > tr').first().getAttribute('data-action')).toBe('auth.login')
    const edit = table.locator('tr[data-action="station.update"]')
    await edit.getByRole('button').click()
    const detail = page.locator('.audit-detail')
    await expect.poll(() => detail.textContent()).toContain('nameEn')
    expect(await detail.textContent()).toContain('"Audit UI (renamed)"')
    await screenshot(page, 'admin-audit')
  })

  it('filters by action and user', async () => {
    await page.getByTestId('audit-action').fill('auth.login-failed')
    await page.getByTestId('audit-apply').click()
    const rows = page.locator('[data-testid=audit-table] tbody > tr[data-action]')
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-action')} ${tr.getAttribute('data-user')}`)))
      .toEqual(['auth.login-failed demo-analyst'])
    await page.getByTestId('audit-action').fill('')
    await page.getByTestId('audit-user').fill('nobody-here')
    await page.getByTestId('audit-apply').click()
    await page.getByText(/No record matches|没有符合条件的记录/).waitFor({ timeout: 10_000 })
  })

  it('downloads the filtered trail as CSV', async () => {
    await page.getByTestId('audit-user').fill('')
    await page.getByTestId('audit-action').fill('station.*')
    await page.getByTestId('audit-apply').click()
    expect(await page.getByTestId('audit-csv').getAttribute('href')).toBe('/api/audit?action=station.*&format=csv')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()])
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n')
    expect(lines.slice(1).map((l) => l.split(',')[10])).toEqual(['station.update', 'station.create'])
    expect(pageErrors).toEqual([])
  })
})
