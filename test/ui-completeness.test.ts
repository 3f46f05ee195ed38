/**
 * Data completeness in headless Debian Chromium against the real system: the station page's strip
 * (a viewer) colours the hour with ten missing minutes as partly missing and opens its counts per
 * metric on click; the admin table lists the silent station first, filters by kind and links the
 * CSV. Data is written into DuckDB (temp dir) for the last three hours. Screenshots in test/artifacts/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataFlag, Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import { collectPageErrors, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const MIN = 60_000
const HOUR = 3_600_000
const base = { lon: 113.75, lat: 23.02, approx: true }
const STATIONS: Station[] = [
  {
    ...base,
    id: 'UIC-AIR1',
    kind: 'air',
    nameZh: '完整率空气一',
    nameEn: 'Completeness air one',
    town: '莞城街道',
    townEn: 'Guancheng',
    intervalSec: 60,
  },
  {
    ...base,
    id: 'UIC-AIR2',
    kind: 'air',
    nameZh: '完整率空气二',
    nameEn: 'Completeness air two',
    town: '莞城街道',
    townEn: 'Guancheng',
    intervalSec: 60,
  },
  {
    ...base,
    id: 'UIC-W1',
    kind: 'water',
    nameZh: '完整率水站',
    nameEn: 'Completeness water',
    town: '东城街道',
    townEn: 'Dongcheng',
    intervalSec: 300,
    waterBody: 'river',
  },
]
const AIR = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3']
const WATER = ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn', 'temp', 'turb', 'cond']

const H0 = Math.floor(Date.now() / HOUR) * HOUR
/** The hour with minutes 10–19 missing (AIR1). */
const GAP_HOUR = H0 - 2 * HOUR

/** The last three closed hours and the one in progress: AIR1 every minute (10 missing, 5 pm25 D), W1 every 5 minutes. */
function data(now: number): Reading[] {
  const out: Reading[] = []
  for (let t = H0 - 3 * HOUR; t < now; t += MIN) {
    const m = Math.floor((t % HOUR) / MIN)
    if (!(t >= GAP_HOUR && t < GAP_HOUR + HOUR && m >= 10 && m < 20)) {
      const flags: Record<string, DataFlag> = t >= H0 - HOUR && t < H0 && m >= 30 && m < 35 ? { pm25: 'D' } : {}
      out.push({ stationId: 'UIC-AIR1', kind: 'air', ts: t, values: Object.fromEntries(AIR.map((k) => [k, 20])), flags })
    }
    if (m % 5 === 0) out.push({ stationId: 'UIC-W1', kind: 'water', ts: t, values: Object.fromEntries(WATER.map((k) => [k, 1])) })
  }
  return out
}

let sys: TestSystem
let browser: Browser
let page: Page
let errors: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'envmon-ui-completeness-'))

beforeAll(async () => {
  if (!hasChromium) return
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  sys = await startTestSystem({}, {}, dir)
  await sys.store.write(data(Date.now()))
  browser = await launchChromium()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!hasChromium)('completeness in Chromium', () => {
  it('the station page colours hours by valid-data rate and shows an hour’s counts on click', async () => {
    page = await pageAs(browser, sys.url, 'viewer')
    errors = collectPageErrors(page)
    await page.goto(`${sys.url}/#/station/UIC-AIR1`)
    const strip = page.getByTestId('completeness-strip')
    await strip.waitFor({ timeout: 15_000 })
    const iso = (t: number) => `${new Date(t + 8 * HOUR).toISOString().slice(0, 19)}+08:00`
    const gap = strip.locator(`button[data-from="${iso(GAP_HOUR)}"]`)
    await gap.waitFor({ timeout: 15_000 })
    // 50 of 60 minutes for each of the 6 metrics: 300 / 360.
    expect(Number(await gap.getAttribute('data-rate'))).toBeCloseTo(300 / 360, 9)
    expect(await gap.getAttribute('class')).toContain('cmp-some')
    expect(await strip.locator(`button[data-from="${iso(H0 - HOUR)}"]`).getAttribute('class')).toContain('cmp-full')
    // Before its first data the station is not counted.
    expect(await strip.locator(`button[data-from="${iso(H0 - 4 * HOUR)}"]`).getAttribute('class')).toContain('cmp-na')
    await gap.click()
    const hour = page.getByTestId('completeness-hour')
    await hour.waitFor()
    const pm25 = hour.locator('tr[data-metric=pm25] td')
    expect(await pm25.allTextContents()).toEqual(['60', '50', '50', '83.3 %'])
    await screenshot(page, 'completeness-station-strip')
    expect(errors).toEqual([])
  })

  it('the admin table lists the worst station first, filters by kind and links the CSV', async () => {
    page = await pageAs(browser, sys.url, 'admin')
    errors = collectPageErrors(page)
    await page.goto(`${sys.url}/#/admin/completeness`)
    const table = page.getByTestId('completeness-table')
    await table.waitFor({ timeout: 15_000 })
    const ids = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-station-id')))
    // AIR2 never reported: charged from the start of the range, 0 %.
    expect((await ids())[0]).toBe('UIC-AIR2')
    expect(await ids()).toHaveLength(3)
    expect(await table.locator('tr[data-station-id="UIC-AIR2"]').getAttribute('data-valid-rate')).toBe('0')
    await screenshot(page, 'completeness-admin-table')
    await page.getByTestId('cmp-kind').selectOption('water')
    await expect.poll(ids, { timeout: 10_000 }).toEqual(['UIC-W1'])
    const href = (await page.getByTestId('cmp-csv').getAttribute('href'))!
    expect(href).toMatch(/kind=water/)
    const csv = await sys.api(href)
    expect(csv.status).toBe(200)
    expect((await csv.text()).split('\n')[0]).toMatch(/^station_id,/)
    expect(errors).toEqual([])
  })
})
