/**
 * What the two big trends ask the server for (issue 16), in headless Debian Chromium against the
 * real system with the simulator: the station page asks for its 24 h of raw data once, decimated
 * to the screen (`points=`), and its other first requests stay about that station (the review
 * annotations of its active alerts, not the whole city's), and the AQI history and completeness
 * queries start once the trend has answered; the trends view switched to raw asks once per
 * station, decimated too. Each chart draws what it received. A second visit to the station page asks
 * its window on the store's M4 grid and is answered from the kept cells of its past.
 */
import type { Browser, Page, Request, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { m4GridWidth } from '../shared/src/protocol/http/series'
import { collectPageErrors, hasChromium, launchChromium, pageAs } from './helpers/browser'
import { startTestSystem, type TestSystem } from './helpers/start-system'

let sys: TestSystem
let browser: Browser
let page: Page
let pageErrors: string[] = []
const STATION = 'DG-AIR-01'

beforeAll(async () => {
  if (!hasChromium) return
  sys = await startTestSystem({ SIMULATE: '1', SIM_STATIONS: '40', SIM_BACKFILL_HOURS: '2', SIM_INTERVAL: '5' })
  browser = await launchChromium()
  page = await pageAs(browser, sys.url, 'analyst')
  pageErrors = collectPageErrors(page)
  await page.evaluate(() => {
    const w = window as unknown as {
      __draws: { chart: string; points: number }[]
      __envmon: { trendDrawn(cb: (d: { chart: string; points: number }) => void): () => void }
    }
    w.__draws = []
    w.__envmon.trendDrawn((d) => w.__draws.push({ chart: d.chart, points: d.points }))
  })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await sys?.stop()
})

/**
 * The API paths (with their query) the page requests while `run` runs and for `settleMs` after, and
 * in `events` the order of those requests and of their answers (`req <path>`, `res <path>`).
 */
async function apiRequests(run: () => Promise<void>, settleMs = 1500, events: string[] = []): Promise<string[]> {
  const seen: string[] = []
  const path = (url: string) => {
    const u = new URL(url)
    return u.pathname.startsWith('/api/') ? decodeURIComponent(u.pathname + u.search) : undefined
  }
  const onRequest = (r: Request) => {
    const p = path(r.url())
    if (!p) return
    seen.push(p)
    events.push(`req ${p}`)
  }
  const onResponse = (r: Response) => {
    const p = path(r.url())
    if (p) events.push(`res ${p}`)
  }
  page.on('request', onRequest)
  page.on('response', onResponse)
  try {
    await run()
    await page.waitForTimeout(settleMs)
  } finally {
    page.off('request', onRequest)
    page.off('response', onResponse)
  }
  return seen
}

/** Resolves at the next `envmon:trend-drawn` of `chart` with points (client/src/perf/perf-hooks.ts). */
function nextDraw(chart: string): Promise<{ points: number; drawn: number }> {
  return page.evaluate(
    (chart) =>
      new Promise<{ points: number; drawn: number }>((res) => {
        const hooks = (
          window as unknown as {
            __envmon: { trendDrawn(cb: (d: { chart: string; points: number; drawn: number }) => void): () => void }
          }
        ).__envmon
        const off = hooks.trendDrawn((d) => {
          if (d.chart !== chart || d.points === 0) return
          off()
          res({ points: d.points, drawn: d.drawn })
        })
      }),
    chart,
  )
}

describe.skipIf(!hasChromium)('trend requests in Chromium', () => {
  it("the station page asks for its raw trend once, decimated, then for its AQI history and completeness; only that station's alerts", async () => {
    let drawn: { points: number; drawn: number } | undefined
    const events: string[] = []
    const seen = await apiRequests(
      async () => {
        const draw = nextDraw('station')
        await page.evaluate((id) => (location.hash = `#/station/${id}`), STATION)
        drawn = await draw
      },
      1500,
      events,
    )
    const series = seen.filter((u) => u.startsWith(`/api/stations/${STATION}/series?`) && u.includes('points='))
    expect(series).toHaveLength(1)
    expect(series[0]).toMatch(/metric=pm25&.*points=\d+/)
    expect(series[0]).not.toContain('every=')
    const alerts = seen.filter((u) => u.startsWith('/api/alerts?'))
    expect(alerts.length).toBeGreaterThan(0)
    for (const u of alerts) expect(u).toContain(`station=${STATION}`)
    expect(drawn!.points).toBeGreaterThan(100)
    // The AQI history's and the completeness strip's queries wait for the trend's answer.
    const answered = events.indexOf(`res ${series[0]}`)
    const aqi = events.findIndex((e) => e.startsWith(`req /api/stations/${STATION}/series?`) && e.includes('every=1h'))
    const completeness = events.findIndex((e) => e.startsWith('req /api/completeness?'))
    expect(answered).toBeGreaterThanOrEqual(0)
    expect(aqi).toBeGreaterThan(answered)
    expect(completeness).toBeGreaterThan(answered)
  })

  it("later visits to the station page ask the window on the store's M4 grid, and its past cells come from the kept M4", async () => {
    const served = async () => {
      const text = await (await fetch(`${sys.url}/metrics`)).text()
      return Number(/^envmon_store_m4_cells_served_total (\d+)/m.exec(text)?.[1] ?? NaN)
    }
    const before = await served()
    expect(before).toBeGreaterThanOrEqual(0)
    const visit = async () => {
      await page.evaluate(() => (location.hash = '#/map'))
      const seen = await apiRequests(async () => {
        const draw = nextDraw('station')
        await page.evaluate((id) => (location.hash = `#/station/${id}`), STATION)
        await draw
      }, 300)
      const u = new URL(
        seen.find((x) => x.startsWith(`/api/stations/${STATION}/series?`) && x.includes('points='))!,
        sys.url,
      )
      const [from, to, points] = ['from', 'to', 'points'].map((k) => Number(u.searchParams.get(k)))
      return { from: from!, to: to!, points: points! }
    }
    // The first window on the grid is kept once no write that began before it is under way (and no
    // late data for the station arrives meanwhile: the simulator's backfill may still run), then served.
    for (let i = 0; i < 5 && (await served()) === before; i++) {
      const q = await visit()
      // On the grid: whole cells from a multiple of their width, holding the last 24 h.
      expect(m4GridWidth(q.from, q.to, q.points)).toBeGreaterThan(0)
      expect(q.to - q.from).toBeGreaterThanOrEqual(24 * 3_600_000)
    }
    expect(await served()).toBeGreaterThan(before)
  })

  it("the series answer carries the store query's time in Server-Timing", async () => {
    const r = await sys.api(`/api/stations/${STATION}/series?metric=pm25&every=raw&points=400`)
    expect(r.status).toBe(200)
    expect(r.headers.get('server-timing')).toMatch(/^store;dur=\d+\.\d$/)
  })

  it('the trends view switched to raw asks once, decimated to the screen, and draws that answer', async () => {
    await page.evaluate(() => (location.hash = '#/map'))
    await page.evaluate(
      (id) => sessionStorage.setItem('envmon.trends.selection', JSON.stringify({ stations: [id], metrics: ['pm25'] })),
      STATION,
    )
    const first = nextDraw('trends')
    await page.evaluate(() => (location.hash = '#/trends'))
    await first
    let points = -1
    const seen = await apiRequests(async () => {
      const answer = page.waitForResponse((r) => r.url().includes('every=raw'))
      await page.getByTestId('every-select').selectOption('raw')
      const body = (await (await answer).json()) as { series: { metric: string; t: number[] }[] }
      points = body.series.find((x) => x.metric === 'pm25')!.t.length
    })
    const raw = seen.filter((u) => u.includes('/series?') && u.includes('every=raw'))
    expect(raw).toHaveLength(1)
    expect(raw[0]).toMatch(/points=\d+/)
    expect(points).toBeGreaterThan(0)
    // The chart drew exactly the decimated answer (client/src/perf/perf-hooks.ts counts what it drew).
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __draws: { chart: string; points: number }[] }).__draws))
      .toContainEqual({ chart: 'trends', points })
    expect(pageErrors).toEqual([])
  })
})
