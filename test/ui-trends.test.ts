/**
 * The analysts' views in headless Debian Chromium against the real system with the simulator:
 * compare two stations on the trends view, zoom with the overview brush (finer data fetched for the
 * window), download the CSV (the server's multi-station export) and the PNG; then the bad air days
 * by town for last month, from a deterministic backfill of two test stations. Screenshots in
 * test/artifacts/.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import mqtt from 'mqtt'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cstDayStart } from '../shared/src/standards/time'
import { monthDays, previousMonth } from '../client/src/analysis/month'
import { ARTIFACTS, collectPageErrors, drag, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []
const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '2', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'analyst')
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

/** Register an hourly air station and send it `days` days of hourly readings from `firstDay` (CST day number), PM2.5 per day from `pm25`. */
async function backfill(id: string, town: string, firstDay: number, pm25: number[]): Promise<void> {
  await sys.api(
    `/api/admin/stations/${id}`,
    json('PUT', {
      kind: 'air',
      nameZh: `分析测试${id}`,
      nameEn: `Analysis ${id}`,
      lon: 113.7,
      lat: 22.9,
      town,
      intervalSec: 3600,
      standardClass: 'II',
    }),
  )
  const { password } = (await (await sys.api(`/api/admin/stations/${id}/credentials`, json('POST', {}))).json()) as { password: string }
  const readings = pm25.flatMap((pm, d) =>
    Array.from({ length: 24 }, (_, h) => ({
      ts: cstDayStart(firstDay + d) + h * 3_600_000 + 1_800_000,
      values: { pm25: pm, pm10: 40, so2: 10, no2: 20, co: 0.5, o3: 80 },
    })),
  )
  const c = await mqtt.connectAsync(sys.brokerUrl, { clientId: id, username: id, password, reconnectPeriod: 0 })
  await c.publishAsync(`envmon/v1/air/${id}/reading`, JSON.stringify(readings), { qos: 1 })
  await c.endAsync()
  const from = cstDayStart(firstDay)
  await expect
    .poll(
      async () =>
        (
          (await (
            await sys.api(`/api/stations/${id}/series?metric=pm25&every=1h&from=${from}&to=${from + pm25.length * 86_400_000}`)
          ).json()) as { series: { t: number[] }[] }
        ).series[0]?.t.length ?? 0,
      { timeout: 20_000 },
    )
    .toBe(24 * pm25.length)
}

describe.skipIf(!hasChromium)('analysis views in Chromium', () => {
  it('compares two stations on one chart with their limit lines', async () => {
    await page.goto(`${sys.url}/#/trends`)
    await page.locator('input[data-station-id="DG-AIR-01"]').check()
    await page.locator('input[data-station-id="DG-AIR-02"]').check()
    await page.locator('button[data-preset="24h"]').click()
    const canvas = page.getByTestId('trends-canvas').first()
    await expect.poll(async () => Number(await canvas.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(100)
    expect(await page.locator('.series-legend li').count()).toBe(2)
    expect(await page.locator('[data-testid=trend-panel] [data-testid=limit-line]').count()).toBeGreaterThan(0)
    await screenshot(page, 'trends')
  })

  it('zooms with the overview brush and fetches finer data for the window', async () => {
    await page.locator('button[data-preset="7d"]').click()
    await expect.poll(() => page.getByTestId('trends-caption').getAttribute('data-every'), { timeout: 20_000 }).toBe('5m')
    const box = (await page.getByTestId('trend-overview').boundingBox())!
    // The last ~10 % of the strip (the simulator's two hours of data are at the end).
    await drag(page, box.x + box.width * 0.9, box.y + box.height / 2, box.x + box.width - 20, box.y + box.height / 2)
    await expect.poll(() => page.getByTestId('trends-caption').getAttribute('data-every'), { timeout: 20_000 }).toBe('raw')
    expect(await page.getByTestId('zoom-reset').isEnabled()).toBe(true)
    await screenshot(page, 'trends-zoomed')
    await page.getByTestId('zoom-reset').click()
    await expect.poll(() => page.getByTestId('trends-caption').getAttribute('data-every')).toBe('5m')
  })

  it('downloads the CSV from the server export and a PNG of the charts', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trends-csv').click()])
    const text = readFileSync((await csv.path())!, 'utf8')
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('station_id,metric,time,value,flag,review')
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['DG-AIR-01', 'DG-AIR-02']))
    expect(lines[1]).toMatch(/\+08:00/)
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trends-png').click()])
    expect(png.suggestedFilename()).toMatch(/\.png$/)
    const target = join(ARTIFACTS, 'trends-export.png')
    await png.saveAs(target)
    const bytes = readFileSync(target)
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(bytes.length).toBeGreaterThan(20_000)
  })

  it("answers which towns drove last month's bad air days", async () => {
    const month = previousMonth(Date.now())
    const first = monthDays(month)!.first
    // Town A bad on two days (PM2.5 160: IAQI 210), town B clean; the city (their mean, 95: IAQI 125) bad on the same two days.
    await backfill('UI-BD-A', '虎门镇', first, [160, 160, 30])
    await backfill('UI-BD-B', '厚街镇', first, [30, 30, 30])
    await page.goto(`${sys.url}/#/trends/bad-days/${month}`)
    await expect.poll(() => page.getByTestId('bad-days-view').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    expect(await page.getByTestId('bad-days-summary').getAttribute('data-city-bad')).toBe('2')
    const bar = page.locator('[data-testid=town-bar]').first()
    expect([await bar.getAttribute('data-town'), await bar.getAttribute('data-bad')]).toEqual(['虎门镇', '2'])
    expect(await page.locator('[data-testid=bad-days-table] tbody tr').first().getAttribute('data-town')).toBe('虎门镇')
    expect(await page.locator('[data-testid=bad-days-table] tr[data-town="厚街镇"]').getAttribute('data-bad')).toBe('0')
    await page.getByTestId('targets-cross-check').waitFor({ timeout: 20_000 })
    await screenshot(page, 'bad-days')
    expect(pageErrors).toEqual([])
  }, 90_000)
})
