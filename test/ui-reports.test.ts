/**
 * The Reports view in headless Debian Chromium against the real system: an analyst generates the
 * daily air report of a past day from the page, the list shows it, the preview shows its sections
 * with the provisional label and the figures of the API's document, and the PDF and XLSX links
 * download the files. A viewer sees the list but no generation form. Screenshot in test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { ReportDoc } from '../shared/src/protocol/http/reports'
import { collectPageErrors, hasChromium, launchChromium, pageAs, screenshot } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const DAY = '2026-02-26'
const FROM = Date.parse(`${DAY}T00:00:00+08:00`)

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ REPORTS_SCHEDULE: '0' })
  const readings: Reading[] = []
  for (let h = 0; h < 24; h++)
    readings.push({
      stationId: 'DG-AIR-01',
      kind: 'air',
      ts: FROM + h * H,
      values: { so2: 10, no2: 30, co: 1, pm10: 60, pm25: 40, o3: 100 },
    })
  await sys.store.write(readings)
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'analyst')
  pageErrors = collectPageErrors(page)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

describe.skipIf(!hasChromium)('reports view in Chromium', () => {
  it('generates a report for a past day, lists it and previews it', async () => {
    await page.goto(`${sys.url}/#/reports`)
    const form = page.getByTestId('reports-generate')
    await form.locator('select').selectOption('daily-air')
    await form.locator('input').fill(DAY)
    await form.getByRole('button').click()
    await page.waitForURL(/#\/reports\/daily-air_2026-02-26_v1$/, { timeout: 60_000 })
    const doc = (await (await sys.apiAs('viewer', '/api/reports/daily-air_2026-02-26_v1')).json()) as ReportDoc
    const cityAqi = doc.sections[0]!.figures.find((f) => f.key === 'cityAqi')!.value
    const preview = page.getByTestId('report-preview')
    await expect.poll(() => preview.locator('h2').textContent(), { timeout: 20_000 }).toBe(doc.title.zh)
    expect(await preview.locator('[data-figure=cityAqi]').textContent()).toContain(String(cityAqi))
    expect(await preview.locator('.report-status-provisional').first().textContent()).toBe('暂定（未审核）')
    expect(await page.locator('[data-report="daily-air_2026-02-26_v1"]').count()).toBe(1)
    await screenshot(page, 'reports')
  }, 90_000)

  it('downloads the PDF and the XLSX', async () => {
    const row = page.locator('[data-report="daily-air_2026-02-26_v1"]')
    for (const [name, magic] of [
      ['PDF', '%PDF-'],
      ['XLSX', 'PK'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), row.getByRole('link', { name }).click()])
      const stream = await download.createReadStream()
      const chunks: Buffer[] = []
      for await (const c of stream) chunks.push(c as Buffer)
      expect(Buffer.concat(chunks).subarray(0, magic.length).toString('latin1')).toBe(magic)
    }
  }, 90_000)

  it('shows a viewer the list without the generation form', async () => {
    const viewer = await pageAs(browser, sys.url, 'viewer')
    await viewer.goto(`${sys.url}/#/reports`)
    await expect.poll(() => viewer.locator('[data-report="daily-air_2026-02-26_v1"]').count(), { timeout: 20_000 }).toBe(1)
    expect(await viewer.getByTestId('reports-generate').count()).toBe(0)
    await viewer.close()
    expect(pageErrors).toEqual([])
  }, 60_000)
})
