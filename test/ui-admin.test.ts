/**
 * Administration in headless Debian Chromium against the real system: add a station through the
 * form, issue its credentials (the one-time password really lets the station connect to the
 * broker), edit it; an energy unit's basis and factors (an absurd factor refused in the form, the
 * factors listed under its rule); create a user (who can then log in), change the role, disable; add a
 * notification recipient; lower a station's rule limit (refused first with a clear level on the
 * wrong side), see the API apply it, reset it; an all-stations override a station inherits; the
 * server's refusal in the form; a malformed and a binary MQTT message in the dead
 * letters with their reasons and payloads. Screenshots in test/artifacts/.
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
    const saved = (await (await sys.api('/api/admin/stations')).json()) as {
      stations: { id: string; kind: string; townEn?: string; hasCredentials: boolean }[]
    }
    expect(saved.stations.find((s) => s.id === 'UI-ADM-01')).toMatchObject({
      kind: 'water',
      townEn: expect.stringMatching(/Humen/),
      hasCredentials: false,
    })

    await row.getByTestId('issue-credentials').click()
    const dialog = page.getByTestId('credentials-dialog')
    await dialog.getByTestId('creds-password').waitFor()
    const password = (await dialog.getByTestId('creds-password').textContent())!.trim()
    expect(await dialog.getByTestId('creds-username').textContent()).toBe('UI-ADM-01')
    await dialog.getByTestId('creds-copy').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password)
    await screenshot(page, 'admin-credentials')
    const station = await mqtt.connectAsync(sys.brokerUrl, { clientId: 'UI-ADM-01', username: 'UI-ADM-01', password, reconnectPeriod: 0 })
    await station.endAsync()
    await dialog.getByRole('button').last().click()
    await expect.poll(() => dialog.getByTestId('creds-password').count()).toBe(0)

    await row.getByRole('button').first().click()
    await form.locator('input[name=nameEn]').fill('UI test source (edited)')
    await page.getByTestId('station-save').click()
    await expect
      .poll(async () => ((await (await sys.api('/api/stations/UI-ADM-01')).json()) as { nameEn: string }).nameEn, { timeout: 10_000 })
      .toBe('UI test source (edited)')
  })

  it("sets an energy unit's basis and factors with their sources; refuses an absurd one; the rule lists them", async () => {
    await page.goto(`${sys.url}/#/admin/stations`)
    await page.getByTestId('station-add').click()
    const form = page.getByTestId('station-form')
    await form.locator('input[name=id]').fill('UI-ADM-E1')
    await form.locator('select[name=kind]').selectOption('energy')
    await form.locator('input[name=nameZh]').fill('界面测试用能单位')
    await form.locator('input[name=nameEn]').fill('UI test unit')
    await form.locator('input[name=lon]').fill('113.88')
    await form.locator('input[name=lat]').fill('22.93')
    await form.locator('input[name=town]').fill('松山湖')
    await form.locator('input[name=quotaTce]').fill('5000')
    await form.locator('select[name=energyBasis]').selectOption('equal-value')
    await page.getByTestId('station-save').click()
    // The equal-value basis needs the unit's electricity factor: named before anything is sent.
    await expect.poll(() => form.locator('input[name="factor.elec_kwh"][aria-invalid=true]').count()).toBe(1)
    await form.locator('input[name="factor.elec_kwh"]').fill('0.30')
    await form.locator('input[name="factorSource.elec_kwh"]').fill('quota decision 2026')
    await form.locator('input[name="factor.steam_t"]').fill('2777')
    await form.locator('input[name="factorSource.steam_t"]').fill('enthalpy')
    await page.getByTestId('station-save').click()
    await expect
      .poll(() => page.getByTestId('energy-factors').getByRole('alert').textContent())
      .toMatch(/steam_t\.kgce: 2777 kgce\/t is outside/)
    await form.locator('input[name="factor.steam_t"]').fill('')
    await form.locator('input[name="factorSource.steam_t"]').fill('')
    await screenshot(page, 'admin-energy-factors')
    await page.getByTestId('station-save').click()
    await page.locator('[data-testid=stations-table] tr[data-station-id="UI-ADM-E1"]').waitFor({ timeout: 10_000 })
    const saved = (await (await sys.api('/api/admin/stations')).json()) as {
      stations: { id: string; energyBasis?: string; energyFactors?: unknown }[]
    }
    expect(saved.stations.find((s) => s.id === 'UI-ADM-E1')).toMatchObject({
      energyBasis: 'equal-value',
      energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026' } },
    })

    await page.goto(`${sys.url}/#/admin/rules`)
    const picker = page.getByTestId('rules-station')
    await picker.locator('option[value="UI-ADM-E1"]').waitFor({ state: 'attached', timeout: 10_000 })
    await picker.selectOption('UI-ADM-E1')
    const factors = page.locator(
      '[data-testid=rules-table][data-station-id="UI-ADM-E1"] tr[data-rule-id="energy.quota.1d"] [data-testid=rule-factors]',
    )
    await factors.waitFor({ timeout: 10_000 })
    expect(await factors.locator('li').count()).toBe(5)
    expect(await factors.locator('li').first().textContent()).toMatch(/0\.3 kgce\/kWh · quota decision 2026/)
    await screenshot(page, 'admin-energy-rule')
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
    const login = await fetch(`${sys.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ui-analyst', password }),
    })
    expect(login.status).toBe(200)
    await row.getByTestId('user-role').selectOption('operator')
    const roleOf = async () =>
      (
        (await (await sys.api('/api/admin/users')).json()) as { users: { username: string; role: string; disabled?: boolean }[] }
      ).users.find((u) => u.username === 'ui-analyst')
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
    const r = (await (await sys.api('/api/admin/notify/recipients/ui-duty')).json()) as {
      recipient: { channels: unknown[]; subscriptions: unknown[] }
    }
    expect(r.recipient).toMatchObject({ channels: [{ type: 'email', to: 'duty@example.cn' }], subscriptions: [{ kinds: ['air'] }] })
    await screenshot(page, 'admin-notify')
  })

  it('lowers a station rule limit in the Rules tab; the API returns the override; reset removes it', async () => {
    const airId = await firstAirStation()
    const rulesOf = async () =>
      (await (await sys.api(`/api/admin/rules?station=${airId}`)).json()) as {
        overrides: Record<string, Record<string, unknown>>
        rules: { id: string; limit: number; clear?: number; source: string }[]
      }
    const before = (await rulesOf()).rules.find((r) => r.id === 'air.no2.1h')!
    expect(before.limit).toBe(200)

    await page.goto(`${sys.url}/#/admin/rules`)
    const picker = page.getByTestId('rules-station')
    await picker.locator(`option[value="${airId}"]`).waitFor({ state: 'attached', timeout: 10_000 })
    await picker.selectOption(airId)
    const table = page.locator(`[data-testid=rules-table][data-station-id="${airId}"]`)
    const row = table.locator('tr[data-rule-id="air.no2.1h"]')
    await row.waitFor({ timeout: 10_000 })
    expect(await row.getAttribute('data-overridden')).toBe('none')
    expect(await row.textContent()).toMatch(/> 200 µg\/m³/)

    await row.getByTestId('rule-edit').click()
    const form = page.getByTestId('rule-form')
    await form.locator('input[name=limit]').fill('150')
    await form.locator('input[name=clear]').fill('160')
    await page.getByTestId('rule-save').click()
    // Refused before sending: the clear level lies above the new limit.
    await expect.poll(() => form.locator('input[name=clear][aria-invalid=true]').count()).toBe(1)
    expect((await rulesOf()).overrides[airId]).toBeUndefined()
    await form.locator('input[name=clear]').fill('')
    await form.locator('select[name=severity]').selectOption('critical')
    await form.locator('input[name=minDurationMin]').fill('10')
    await screenshot(page, 'admin-rules-form')
    await page.getByTestId('rule-save').click()

    await page.getByTestId('rules-status').waitFor({ timeout: 10_000 })
    await expect.poll(() => row.getAttribute('data-overridden')).toBe('own')
    expect(await row.textContent()).toMatch(/> 150 µg\/m³/)
    const after = await rulesOf()
    expect(after.overrides[airId]).toEqual({ 'air.no2.1h': { limit: 150, severity: 'critical', minDurationMs: 600_000 } })
    expect(after.rules.find((r) => r.id === 'air.no2.1h')).toMatchObject({
      limit: 150,
      source: expect.stringMatching(/standard value 200/),
    })
    await screenshot(page, 'admin-rules')

    await row.getByTestId('rule-reset').click()
    await expect.poll(() => row.getAttribute('data-overridden'), { timeout: 10_000 }).toBe('none')
    const reset = await rulesOf()
    expect(reset.overrides[airId]).toBeUndefined()
    expect(reset.rules.find((r) => r.id === 'air.no2.1h')!.limit).toBe(200)
  })

  it('sets an all-stations override that a station shows as inherited', async () => {
    const airId = await firstAirStation()
    await page.goto(`${sys.url}/#/admin/rules`)
    await page.getByTestId('rules-station').selectOption('*')
    const row = page.locator('[data-testid=rules-table][data-station-id="*"] tr[data-rule-id="air.aqi.1h"]')
    await row.waitFor({ timeout: 10_000 })
    await row.getByTestId('rule-edit').click()
    await page.getByTestId('rule-form').locator('input[name=minCount]').fill('2')
    await page.getByTestId('rule-save').click()
    await expect.poll(() => row.getAttribute('data-overridden'), { timeout: 10_000 }).toBe('own')
    const all = (await (await sys.api('/api/admin/rules')).json()) as { overrides: Record<string, unknown> }
    expect(all.overrides['*']).toEqual({ 'air.aqi.1h': { minCount: 2 } })
    await screenshot(page, 'admin-rules-all')

    await page.getByTestId('rules-station').selectOption(airId)
    const own = page.locator(`[data-testid=rules-table][data-station-id="${airId}"] tr[data-rule-id="air.aqi.1h"]`)
    await expect.poll(() => own.getAttribute('data-overridden'), { timeout: 10_000 }).toBe('inherited')
    expect(await own.textContent()).toMatch(/2 次/)
    await page.getByTestId('rules-station').selectOption('*')
    await row.getByTestId('rule-reset').click()
    await expect
      .poll(async () => ((await (await sys.api('/api/admin/rules')).json()) as { overrides: Record<string, unknown> }).overrides['*'], {
        timeout: 10_000,
      })
      .toBeUndefined()
  })

  it("shows the server's refusal in the rule form (the station was removed meanwhile)", async () => {
    await page.goto(`${sys.url}/#/admin/rules`)
    const picker = page.getByTestId('rules-station')
    await picker.locator('option[value="UI-ADM-01"]').waitFor({ state: 'attached', timeout: 10_000 })
    await picker.selectOption('UI-ADM-01')
    const row = page.locator('[data-testid=rules-table][data-station-id="UI-ADM-01"] tr[data-rule-id="water.class"]')
    await row.waitFor({ timeout: 10_000 })
    await row.getByTestId('rule-edit').click()
    await page.getByTestId('rule-form').locator('input[name=minCount]').fill('3')
    expect((await sys.api('/api/admin/stations/UI-ADM-01', { method: 'DELETE' })).status).toBe(200)
    await page.getByTestId('rule-save').click()
    await expect.poll(() => page.getByTestId('rule-error').textContent(), { timeout: 10_000 }).toMatch(/no station UI-ADM-01 \(not-found\)/)
    await screenshot(page, 'admin-rules-refused')
  })

  it('shows a malformed MQTT message in the Dead letters tab with its reason and payload', async () => {
    const airId = await firstAirStation()
    const station = await sys.connectStation(airId)
    await station.publishAsync(`envmon/v1/air/${airId}/reading`, 'this is not json {', { qos: 1 })
    await station.publishAsync(`envmon/v1/air/${airId}/reading`, Buffer.from([0xff, 0xfe, 0x00, 0x7b]), { qos: 1 })
    await station.endAsync()

    await page.goto(`${sys.url}/#/admin/deadletters`)
    const table = page.getByTestId('deadletters-table')
    const row = table.locator(`tr[data-reason="not-json"][data-station-id="${airId}"]`).first()
    await row.waitFor({ timeout: 15_000 })
    expect(await row.getAttribute('data-via')).toBe('mqtt')
    expect(await row.textContent()).toMatch(/不是 JSON/)
    expect(
      Number(await page.locator('[data-testid=deadletters-counts] .chip[data-reason="not-json"]').getAttribute('data-count')),
    ).toBeGreaterThanOrEqual(1)
    // Counted by station too (both letters of this station).
    expect(
      Number(await page.locator(`[data-testid=deadletters-stations] .chip[data-station="${airId}"]`).getAttribute('data-count')),
    ).toBeGreaterThanOrEqual(2)

    await page.getByTestId('deadletters-reason').selectOption('reason:not-json')
    await page.getByTestId('deadletters-station').fill(airId)
    await expect
      .poll(() =>
        table.locator('tbody tr[data-reason]').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-reason') === 'not-json')),
      )
      .toBe(true)
    await row.getByTestId('deadletter-payload-toggle').click()
    const payload = table.getByTestId('deadletter-payload').first()
    expect(await payload.getAttribute('data-kind')).toBe('text')
    expect(await payload.textContent()).toBe('this is not json {')
    await screenshot(page, 'admin-deadletters')

    // The binary one (not UTF-8) shows as hex; the filter is cleared by picking all reasons.
    await page.getByTestId('deadletters-reason').selectOption('all')
    const binary = table.locator(`tr[data-reason="invalid-utf8"][data-station-id="${airId}"]`).first()
    await binary.waitFor({ timeout: 15_000 })
    await binary.getByTestId('deadletter-payload-toggle').click()
    const hex = table.locator('[data-testid=deadletter-payload][data-kind=hex]').first()
    expect(await hex.textContent()).toMatch(/^0000 {2}ff fe 00 7b/)
    await screenshot(page, 'admin-deadletters-hex')
    expect(pageErrors).toEqual([])
  })
})

async function firstAirStation(): Promise<string> {
  const { stations } = (await (await sys.api('/api/stations')).json()) as { stations: { id: string; kind: string }[] }
  return stations
    .filter((s) => s.kind === 'air')
    .map((s) => s.id)
    .sort()[0]!
}
