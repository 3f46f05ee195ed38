/**
 * Administration in headless Debian Chromium against the real system: add a station through the
 * form, issue its credentials (the one-time password really lets the station connect to the
 * broker), edit it; create a user (who can then log in), change the role, disable; add a
 * notification recipient. Screenshots in test/artifacts/.
 */
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, hasChromium, launchChromium, newContext, loginUi, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '20', SIM_BACKFILL_HOURS: '1', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  const ctx = await newContext(browser)
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'])
  page = await ctx.newPage()
  pageErrors = collectPageErrors(page)
  page.on('dialog', (d) => void d.accept())
  await loginUi(page, sys.url, 'admin')
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

describe.skipIf(!hasChromium)('administration in Chromium', () => {
  it('adds a station, issues credentials the station can connect with, and edits it', async () => {
    await page.goto(`${sys.url}/#/admin/stations`)
    await page.getByTestId('station-add').click()
    const form = page.getByTestId('station-form')
    await form.locator('input[name=id]').fill('UI-ADM-01')
    await form.locator('select[name=kind]').selectOption('water')
    await form.locator('input[name=nameZh]').fill('界面测试水源')
    await form.locator('input[name=nameEn]').fill('UI test source')
    await form.locator('input[name=lon]').fill('113.68')
    await form.locator('input[name=lat]').fill('22.85')
    await form.locator('input[name=town]').fill('虎门镇')
    await form.locator('input[name=town]').blur()
    await expect.poll(() => form.locator('input[name=townEn]').inputValue(), { timeout: 10_000 }).not.toBe('')
    await form.locator('input[name=standardClass]').fill('II')
    await screenshot(page, 'admin-station-form')
    await page.getByTestId('station-save').click()
    const row = page.locator('[data-testid=stations-table] tr[data-station-id="UI-ADM-01"]')
    await row.waitFor({ timeout: 10_000 })
    const saved = (await (await sys.api('/api/admin/stations')).json()) as { stations: { id: string; kind: string; townEn?: string; hasCredentials: boolean }[] }
    expect(saved.stations.find((s) => s.id === 'UI-ADM-01')).toMatchObject({ kind: 'water', townEn: expect.stringMatching(/Humen/) , hasCredentials: false })

    await row.getByTestId('issue-credentials').click()
    const dialog = page.getByTestId('credentials-dialog')
    await dialog.getByTestId('creds-password').waitFor()
    const password = (await dialog.getByTestId('creds-password').textContent())!.trim()
    expect(await dialog.getByTestId('creds-username').textContent()).toBe('UI-ADM-01')
    await dialog.getByTestId('creds-copy').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password)
    await screenshot(page, 'admin-credentials')
    const station = await mqtt.connectAsync(sys.brokerUrl, { username: 'UI-ADM-01', password, reconnectPeriod: 0 })
    await station.endAsync()
    await dialog.getByRole('button').last().click()
    await expect.poll(() => dialog.getByTestId('creds-password').count()).toBe(0)

    await row.getByRole('button').first().click()
    await form.locator('input[name=nameEn]').fill('UI test source (edited)')
    await page.getByTestId('station-save').click()
    await expect.poll(async () => ((await (await sys.api('/api/stations/UI-ADM-01')).json()) as { nameEn: string }).nameEn, { timeout: 10_000 }).toBe('UI test source (edited)')
  })

  it('creates a user who can log in, changes the role and disables them', async () => {
    await page.goto(`${sys.url}/#/admin/users`)
    const form = page.getByTestId('user-form')
    await form.locator('input[name=username]').fill('ui-analyst')
    await form.locator('input[name=name]').fill('界面分析员')
    await form.locator('select[name=role]').selectOption('analyst')
    await form.getByRole('button', { name: /随机生成|Generate/ }).click()
    const password = await form.locator('input[name=password]').inputValue()
    expect(password.length).toBeGreaterThanOrEqual(10)
    await page.getByTestId('user-create').click()
    const row = page.locator('[data-testid=users-table] tr[data-username="ui-analyst"]')
    await row.waitFor({ timeout: 10_000 })
    const login = await fetch(`${sys.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ui-analyst', password }) })
    expect(login.status).toBe(200)
    await row.getByTestId('user-role').selectOption('operator')
    const roleOf = async () => ((await (await sys.api('/api/admin/users')).json()) as { users: { username: string; role: string; disabled?: boolean }[] }).users.find((u) => u.username === 'ui-analyst')
    await expect.poll(async () => (await roleOf())?.role, { timeout: 10_000 }).toBe('operator')
    await row.getByRole('button', { name: /^(停用|Disable)$/ }).click()
    await expect.poll(async () => (await roleOf())?.disabled, { timeout: 10_000 }).toBe(true)
    await screenshot(page, 'admin-users')
  })

  it('adds a notification recipient with a channel and a subscription', async () => {
    await page.goto(`${sys.url}/#/admin/notify`)
    await page.getByTestId('recipient-add').click()
    const form = page.getByTestId('recipient-form')
    await form.locator('input[name=id]').fill('ui-duty')
    await form.locator('input[name=name]').fill('值班室')
    await form.locator('input[name=email]').fill('duty@example.cn')
    await form.getByRole('button', { name: /添加订阅|Add subscription/ }).click()
    await form.getByLabel(/^(空气|Air)$/).check()
    await page.getByTestId('recipient-save').click()
    await page.locator('[data-testid=recipients-table] tr[data-recipient-id="ui-duty"]').waitFor({ timeout: 10_000 })
    const r = (await (await sys.api('/api/admin/notify/recipients/ui-duty')).json()) as { recipient: { channels: unknown[]; subscriptions: unknown[] } }
    expect(r.recipient).toMatchObject({ channels: [{ type: 'email', to: 'duty@example.cn' }], subscriptions: [{ kinds: ['air'] }] })
    await screenshot(page, 'admin-notify')
    expect(pageErrors).toEqual([])
  })
})
