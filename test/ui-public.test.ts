/**
 * The public page (/public) in headless Debian Chromium against the real system with the simulator,
 * without a session, on a phone (390×844): each station's AQI on the page equals `/api/public/aqi`,
 * the city AQI too; a station opens on its HJ 633-2012 advice, pollutants and 24 hours; the language
 * switches; nothing but the public API is called (no operator bundle, no session, no socket) and no
 * internal field (notes, MN, credentials...) reaches the page or its responses. Screenshots in
 * test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { forbiddenKeysIn, type PublicAqiBody } from '../shared/src/protocol/http/public'
import { AQI_ADVICE } from '../shared/src/standards/aqi-advice'
import type { AqiLevelId } from '../shared/src/standards/aqi-table'
import { collectPageErrors, hasChromium, launchChromium, newContext, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []
const requests: string[] = []
const apiBodies: { url: string; body: string }[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '3', SIM_INTERVAL: '5', PUBLIC_RATE_LIMIT: '0' })
  browser = await launchChromium()
  page = await (await newContext(browser, { width: 390, height: 844 })).newPage()
  pageErrors = collectPageErrors(page)
  page.on('request', (r) => requests.push(new URL(r.url()).pathname))
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && r.status() === 200) apiBodies.push({ url: r.url(), body: await r.text() })
  })
  // Wait for the live AQI of the backfilled hours, so the page has colours to show.
  await vi.waitFor(
    async () => {
      const body = (await (await sys.apiAs(null, '/api/public/aqi')).json()) as PublicAqiBody
      if (!body.stations.some((s) => s.aqi)) throw new Error('no station AQI yet')
    },
    { timeout: 60_000, interval: 1000 },
  )
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

/** Station id → AQI shown ('' when none). */
const shownAqi = () =>
  page
    .locator('[data-testid=public-station]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [
          el.getAttribute('data-station-id'),
          el.querySelector('[data-testid=public-station-aqi]')?.getAttribute('data-aqi') ?? '',
        ]),
      ),
    )

describe.skipIf(!hasChromium)('public page in Chromium, no session, phone viewport', () => {
  it("shows each station's AQI equal to /api/public/aqi, and the city AQI", async () => {
    await page.goto(`${sys.url}/public`)
    // The page and the test read the same cached body (PUBLIC_CACHE_TTL); poll across a refresh.
    // The city line is the stored hour's mean: a body computed while the backfill was still being
    // committed has station AQIs (the live evaluator's) but no city yet, until the next refresh.
    await expect
      .poll(
        async () => {
          const api = (await (await sys.apiAs(null, '/api/public/aqi')).json()) as PublicAqiBody
          const want = Object.fromEntries(api.stations.map((s) => [s.id, s.aqi ? String(s.aqi.aqi) : '']))
          return JSON.stringify(await shownAqi()) === JSON.stringify(want) && api.stations.length > 0 && api.city !== null
        },
        { timeout: 25_000 },
      )
      .toBe(true)
    const api = (await (await sys.apiAs(null, '/api/public/aqi')).json()) as PublicAqiBody
    expect(await page.locator('[data-testid=public-marker]').count()).toBe(api.stations.length)
    expect(api.city).not.toBeNull()
    expect(await page.getByTestId('public-city-aqi').getAttribute('data-aqi')).toBe(String(api.city!.aqi))
    expect(await page.getByTestId('public-data-label').first().textContent()).toBe('实时数据，未经审核')
    // Readable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'public-phone')
  })

  it("opens a station on its level's HJ 633-2012 advice, pollutants and 24 hours", async () => {
    const api = (await (await sys.apiAs(null, '/api/public/aqi')).json()) as PublicAqiBody
    const st = api.stations.find((s) => s.aqi)!
    await page.locator(`[data-testid=public-station][data-station-id="${st.id}"]`).click()
    const detail = page.getByTestId('public-station-detail')
    await detail.waitFor()
    const level = (await detail.getByTestId('public-detail-aqi').getAttribute('data-level')) as AqiLevelId
    expect(await detail.getByTestId('public-advice-text').textContent()).toBe(AQI_ADVICE[level].advice.zh)
    expect(await detail.getByTestId('public-effects').textContent()).toBe(AQI_ADVICE[level].effects.zh)
    expect(await detail.locator('[data-testid=public-pollutants] li').count()).toBe(6)
    await expect.poll(() => detail.getByTestId('public-hour').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await detail.scrollIntoViewIfNeeded()
    await screenshot(page, 'public-phone-station')
  })

  it('switches to English and back', async () => {
    await page.getByTestId('public-lang').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dongguan environmental information')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    const level = (await page.getByTestId('public-detail-aqi').getAttribute('data-level')) as AqiLevelId
    expect(await page.getByTestId('public-advice-text').textContent()).toBe(AQI_ADVICE[level].advice.en)
    expect(await page.getByTestId('public-data-label').first().textContent()).toBe('Real-time data, not yet reviewed')
    const api = (await (await sys.apiAs(null, '/api/public/aqi')).json()) as PublicAqiBody
    expect(await page.getByTestId('public-station-name').first().textContent()).toBe(api.stations[0]!.nameEn)
    await screenshot(page, 'public-phone-en')
    await page.getByTestId('public-lang').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('东莞环境质量信息公开')
  })

  it('shows the daily report, the targets board and the drinking-water sources', async () => {
    const daily = (await (await sys.apiAs(null, '/api/public/daily')).json()) as { stations: unknown[] }
    await expect.poll(() => page.getByTestId('public-daily-row').count(), { timeout: 15_000 }).toBe(daily.stations.length)
    const targets = (await (await sys.apiAs(null, '/api/public/targets')).json()) as { targets: unknown[] }
    await expect.poll(() => page.getByTestId('public-target').count(), { timeout: 15_000 }).toBe(targets.targets.length)
    const water = (await (await sys.apiAs(null, '/api/public/water')).json()) as { sources: unknown[] }
    expect(water.sources.length).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('public-water-source').count(), { timeout: 15_000 }).toBe(water.sources.length)
    await page.getByTestId('public-targets').scrollIntoViewIfNeeded()
    await screenshot(page, 'public-phone-sections')
  })

  it('calls only the public API, loads no operator code and shows no internal field', async () => {
    const api = requests.filter((p) => p.startsWith('/api/') || p.startsWith('/socket.io'))
    expect(api.length).toBeGreaterThan(0)
    expect(api.filter((p) => !p.startsWith('/api/public/'))).toEqual([])
    expect(requests.filter((p) => /\/assets\/main-/.test(p))).toEqual([])
    for (const r of apiBodies) expect(forbiddenKeysIn(JSON.parse(r.body)), r.url).toEqual([])
    const html = await page.content()
    const secrets = sys.registry.list().flatMap((s) => [s.note, s.mn].filter((x): x is string => Boolean(x)))
    expect(secrets.length).toBeGreaterThan(0)
    for (const s of secrets) {
      expect(html).not.toContain(s)
      for (const r of apiBodies) expect(r.body).not.toContain(s)
    }
    expect((await page.context().cookies()).length).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
