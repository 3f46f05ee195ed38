/**
 * Data review in headless Debian Chromium against the real system (issue 13, "Done when"): a
 * reviewer drags across a station's chart and marks a two-hour stretch as "calibration"; the
 * reviewed series, the station's daily mean and its hourly AQI change accordingly while the raw
 * series (the raw/reviewed switch) and the raw rows in the store stay as they were; the day is
 * signed off and a further mark on it is refused. Screenshots in test/artifacts/.
 */
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { Series } from '../shared/src/ports/store'
import { aqiHistory } from '../client/src/data/aqi-history'
import { collectPageErrors, drag, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const MIN = 60_000
const H = 60 * MIN
const DAY = 24 * H
const ID = 'DG-AIR-01'
/** 00:00 CST today and yesterday. */
const todayStart = Math.floor((Date.now() + 8 * H) / DAY) * DAY - 8 * H
const yStart = todayStart - DAY
/** The calibration run: 21:00–23:00 CST yesterday (on the 24-h chart unless the test runs after 21:00). */
const CAL = { from: todayStart - 3 * H, to: todayStart - H }
const cstText = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 16).replace('T', ' ')
const yesterday = new Date(yStart + 8 * H).toISOString().slice(0, 10)

/** Ten-minute readings from 00:00 yesterday to now: PM2.5 35, but 300 during the calibration run. */
function readings(): Reading[] {
  const out: Reading[] = []
  for (let t = yStart; t < Date.now() - MIN; t += 10 * MIN) {
    out.push({
      stationId: ID,
      kind: 'air',
      ts: t,
      values: { pm25: t >= CAL.from && t < CAL.to ? 300 : 35, pm10: 50, so2: 8, no2: 20, co: 0.6, o3: 60 },
    })
  }
  return out
}

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem()
  await sys.store.write(readings())
  // One live reading so the station page shows its latest values and picks PM2.5.
  const station = await sys.connectStation(ID)
  await station.publishAsync(
    `envmon/v1/air/${ID}/reading`,
    JSON.stringify({ ts: new Date().toISOString(), values: { pm25: 35, pm10: 50, so2: 8, no2: 20, co: 0.6, o3: 60 } }),
    { qos: 1 },
  )
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'reviewer')
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

const api = async <T>(path: string) => (await (await sys.apiAs('reviewer', path)).json()) as T
const daySeries = (view: string) =>
  api<{ series: Series[] }>(`/api/stations/${ID}/series?metric=pm25&from=${yStart}&to=${todayStart}&every=1d&view=${view}`)
const seriesJson = async (r: Response) => ((await r.json()) as { series: Series[] }).series

describe.skipIf(!hasChromium)('data review in Chromium', () => {
  let rawRowsBefore: Series[]

  it('a reviewer drags across the chart and marks a two-hour stretch as calibration', async () => {
    rawRowsBefore = await sys.store.series({ stationId: ID, metrics: ['pm25'], from: yStart, to: todayStart, every: 'raw', fn: 'mean' })
    await page.goto(`${sys.url}/#/station/${ID}`)
    const overlay = page.locator('.station-trend svg.trend-overlay')
    await overlay.waitFor()
    const box = (await overlay.boundingBox())!
    await drag(page, box.x + box.width * 0.55, box.y + box.height / 2, box.x + box.width * 0.65, box.y + box.height / 2)
    const form = page.getByTestId('mark-form')
    await form.waitFor()
    // The drag selected roughly; the reviewer sets the stretch to the minute.
    await form.locator('input[name=from]').fill(cstText(CAL.from))
    await form.locator('input[name=to]').fill(cstText(CAL.to))
    await form.locator('select[name=action]').selectOption('invalid')
    await form.locator('select[name=reason]').selectOption('calibration')
    // The reviewed series reloads after the mark.
    const reloaded = page.waitForResponse((r) => r.url().includes(`/api/stations/${ID}/series`) && !r.url().includes('view=raw'))
    await form.getByTestId('mark-submit').click()
    await reloaded
    const item = page.locator('[data-testid=review-mark][data-reason=calibration]')
    await item.waitFor()
    expect(await item.textContent()).toContain('校准')
    await screenshot(page, 'review-marked')
  })

  it('changes the reviewed series, the daily mean and the hourly AQI; the raw series is unchanged', async () => {
    const marks = await api<{ marks: { from: string; to: string; reason: string; by: string }[] }>(`/api/review/marks?station=${ID}`)
    expect(marks.marks).toEqual([
      expect.objectContaining({
        from: new Date(CAL.from).toISOString(),
        to: new Date(CAL.to).toISOString(),
        reason: 'calibration',
        by: 'demo-reviewer',
      }),
    ])
    // Daily mean: 35 reviewed; raw (120 × 35 + 12 × 300) / 144.
    expect((await daySeries('reviewed')).series[0]!.v).toEqual([35])
    expect((await daySeries('raw')).series[0]!.v[0]).toBeCloseTo((132 * 35 + 12 * 300) / 144, 9)
    // The raw rows in the store are untouched.
    expect(await sys.store.series({ stationId: ID, metrics: ['pm25'], from: yStart, to: todayStart, every: 'raw', fn: 'mean' })).toEqual(
      rawRowsBefore,
    )

    // The switch: raw shows what arrived, reviewed what review made of it (the station's AQI history included).
    const aqiOf = async (r: Response) => aqiHistory(await seriesJson(r), CAL.from, CAL.to)
    const isAqi = (r: Response, raw: boolean) =>
      r.url().includes('/series') && r.url().includes('every=1h') && r.url().includes('so2') && r.url().includes('view=raw') === raw
    // Seven days of hourly AQI, so the stretch is in it whatever the time of day the test runs.
    const week = page.waitForResponse((r) => isAqi(r, false))
    await page.getByTestId('aqi-history').locator('button', { hasText: '7' }).click()
    await week
    const rawAqi = page.waitForResponse((r) => isAqi(r, true))
    const rawTrend = page.waitForResponse(
      (r) => r.url().includes('/series') && r.url().includes('metric=pm25&') && r.url().includes('view=raw'),
    )
    await page.locator('[data-testid=view-toggle] button[data-view=raw]').click()
    const rawPm = (await seriesJson(await rawTrend))[0]!
    // The 24-h trend holds the stretch unless the test runs after 21:00 CST.
    const onChart = CAL.from > Date.now() - DAY + 5 * MIN
    if (onChart) expect(rawPm.v.filter((v) => v === 300).length).toBeGreaterThan(0)
    const rawHourly = await aqiOf(await rawAqi)
    await screenshot(page, 'review-raw')
    const revAqi = page.waitForResponse((r) => isAqi(r, false))
    const revTrend = page.waitForResponse(
      (r) => r.url().includes('/series') && r.url().includes('metric=pm25&') && !r.url().includes('view=raw'),
    )
    await page.locator('[data-testid=view-toggle] button[data-view=reviewed]').click()
    expect((await seriesJson(await revTrend))[0]!.v).not.toContain(300)
    const revHourly = await aqiOf(await revAqi)
    // PM2.5 300 µg/m³ (1-h) is IAQI 350 in the raw view; with those hours left out the AQI there rests on the other pollutants.
    expect(Math.max(...Array.from(rawHourly.aqi).filter(Number.isFinite))).toBeGreaterThan(300)
    expect(Math.max(...Array.from(revHourly.aqi).filter(Number.isFinite))).toBeLessThan(100)
  })

  it('signs off the day; a further mark on it is refused', async () => {
    const bar = page.getByTestId('signoff-bar')
    await bar.locator('input[name=period]').fill(yesterday)
    await bar.getByTestId('signoff-submit').click()
    await page.locator('[data-testid=signoff]', { hasText: yesterday }).waitFor()
    const overlay = page.locator('.station-trend svg.trend-overlay')
    const box = (await overlay.boundingBox())!
    await drag(page, box.x + box.width * 0.3, box.y + box.height / 2, box.x + box.width * 0.4, box.y + box.height / 2)
    const form = page.getByTestId('mark-form')
    await form.locator('input[name=from]').fill(cstText(yStart + 10 * H))
    await form.locator('input[name=to]').fill(cstText(yStart + 11 * H))
    await form.locator('select[name=reason]').selectOption('maintenance')
    await form.getByTestId('mark-submit').click()
    const error = page.getByTestId('mark-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('该时段已签发')
    await screenshot(page, 'review-signed-off')
    expect((await api<{ marks: unknown[] }>(`/api/review/marks?station=${ID}`)).marks).toHaveLength(1)
  })

  it('the audit log shows every step: the mark, the sign-off and the refused mark, with who and from where', async () => {
    interface Rec {
      user: string
      action: string
      target?: string
      status: number
      address: string
      after?: { reason?: string }
    }
    const records = (await (await sys.apiAs('admin', '/api/audit?action=review.*&limit=100')).json()) as { records: Rec[] }
    const steps = records.records.map((r) => [r.action, r.status, r.user]).reverse()
    expect(steps).toEqual([
      ['review.mark', 201, 'demo-reviewer'],
      ['review.signoff', 201, 'demo-reviewer'],
      ['review.mark', 409, 'demo-reviewer'],
    ])
    const first = records.records.at(-1)!
    expect(first.after?.reason).toBe('calibration')
    expect(first.address).toMatch(/127\.0\.0\.1|::1/)
    // The admin's audit tab lists them too.
    const admin = await pageAs(browser, sys.url, 'admin')
    await admin.goto(`${sys.url}/#/admin/audit`)
    await admin.getByTestId('audit-action').fill('review.*')
    await admin.getByTestId('audit-apply').click()
    const rows = admin.locator('[data-testid=audit-table] tbody > tr[data-action^="review."]')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3)
    await screenshot(admin, 'review-audit')
  })

  it('lists what still needs review; the signed-off day is not on it', async () => {
    await page.goto(`${sys.url}/#/review`)
    const items = page.getByTestId('queue-item')
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // Today is not over: the queue ends yesterday, where DG-AIR-01 is signed off and the others have no data.
    expect(await items.filter({ hasText: ID }).filter({ hasText: yesterday }).count()).toBe(0)
    expect(await items.filter({ hasText: 'DG-AIR-02' }).filter({ hasText: yesterday }).textContent()).toContain('缺测 24 小时')
    await screenshot(page, 'review-queue')
    expect(pageErrors).toEqual([])
  })
})
