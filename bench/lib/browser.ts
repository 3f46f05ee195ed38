/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags that
 * work on this kind of machine (shared/VERIFIED.md), and the page instrumentation of the browser
 * figures: a requestAnimationFrame frame-interval recorder, a long-task observer, the time each
 * series response body was read, and the client's own `envmon:trend-drawn` marks
 * (client/src/perf/perf-hooks.ts: chart, points in the window, points drawn, draw ms).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { demoPassword } from '../../server/src/auth/demo-users'
import type { Role } from '../../server/src/auth/roles'
import { CHROMIUM } from './machine'
import { BENCH_STATION_SECRET } from './sut'

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

/** The operator screen: 1366×768, China Standard Time. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
}

/** Log in through the login screen and wait for the live connection. */
export async function loginUi(page: Page, baseUrl: string, role: Role): Promise<void> {
  await page.goto(baseUrl)
  const form = page.getByTestId('login-form')
  await form.locator('input[name=username]').fill(`demo-${role}`)
  await form.locator('input[name=password]').fill(demoPassword(BENCH_STATION_SECRET, role))
  await form.locator('button[type=submit]').click()
  await page.locator('[data-testid=connection-state][data-state=live]').waitFor({ state: 'attached', timeout: 30_000 })
}

/** A trend chart finished drawing (the client's `envmon:trend-drawn` mark, client/src/perf/perf-hooks.ts). */
export interface TrendDrawnMark {
  t: number
  chart: string
  points: number
  drawn: number
  ms: number
}

/** What the page records (window.__bench). */
export interface PageMarks {
  frames: number[]
  longTasks: number[]
  /** Series responses whose body was read: URL and time. */
  seriesBodies: { url: string; t: number }[]
  trendDrawn: TrendDrawnMark[]
}

/**
 * Installed before any page script (page.addInitScript({ content })). Plain JavaScript in a string
 * on purpose: a function would be serialized after tsx's transform, which may reference helpers
 * that do not exist in the page. Frame intervals are recorded only while `__bench.recording`; the
 * series bodies and trend marks always.
 */
export const INSTRUMENT = `(() => {
  const b = (window.__bench = { frames: [], longTasks: [], seriesBodies: [], trendDrawn: [], recording: false, last: 0 })
  const tick = (t) => {
    if (b.recording) {
      if (b.last) b.frames.push(t - b.last)
      b.last = t
    } else b.last = 0
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  try {
    new PerformanceObserver((l) => {
      if (b.recording) for (const e of l.getEntries()) b.longTasks.push(e.duration)
    }).observe({ type: 'longtask', buffered: false })
  } catch (e) {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.name !== 'envmon:trend-drawn' || !e.detail) continue
        b.trendDrawn.push({ t: e.startTime, chart: e.detail.chart, points: e.detail.points, drawn: e.detail.drawn, ms: e.detail.ms })
      }
    }).observe({ type: 'mark' })
  } catch (e) {}
  const text = Response.prototype.text
  Response.prototype.text = async function () {
    const out = await text.call(this)
    if (this.url.includes('/series?')) b.seriesBodies.push({ url: this.url, t: performance.now() })
    return out
  }
})()`

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** Main-thread work per frame from a Chrome trace. */
export interface FrameWork {
  frames: number
  /** Main-thread task time inside each frame interval (between two BeginMainThreadFrame), ms. */
  workMs: number[]
  /** Share of the window the renderer main thread was busy. */
  busyShare: number
}

/**
 * Trace the page for `ms` (CDP Tracing: toplevel + devtools.timeline.frame) and compute, for each
 * frame interval of the renderer's main thread (between two BeginMainThreadFrame events), the time
 * spent in top-level tasks (ThreadControllerImpl::RunTask). That is the frame's main-thread work:
 * the frame budget is about. Tracing costs the renderer time itself, so this runs in its own
 * window after the rAF recording, and reads high rather than low.
 */
export async function traceFrameWork(page: Page, ms: number): Promise<FrameWork> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => {
    for (const x of e.value as unknown as TraceEvent[]) events.push(x)
  })
  const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()))
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline.frame',
    transferMode: 'ReportEvents',
  })
  await new Promise((r) => setTimeout(r, ms))
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  const beginCount = new Map<number, number>()
  for (const e of events) if (e.name === 'BeginMainThreadFrame') beginCount.set(e.pid, (beginCount.get(e.pid) ?? 0) + 1)
  const pid = [...beginCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')
  if (pid === undefined || !main) return { frames: 0, workMs: [], busyShare: NaN }
  const frames = events
    .filter((e) => e.pid === pid && e.name === 'BeginMainThreadFrame')
    .map((e) => e.ts)
    .sort((a, b) => a - b)
  const all = events
    .filter((e) => e.pid === pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts)
  const tasks: [number, number][] = []
  for (const t of all) {
    const last = tasks.at(-1)
    if (last && t.ts < last[1]) continue // nested
    tasks.push([t.ts, t.ts + t.dur!])
  }
  const workMs: number[] = []
  let k = 0
  for (let i = 0; i + 1 < frames.length; i++) {
    const a = frames[i]!
    const b = frames[i + 1]!
    let w = 0
    while (k < tasks.length && tasks[k]![1] <= a) k++
    for (let j = k; j < tasks.length && tasks[j]![0] < b; j++) w += Math.min(b, tasks[j]![1]) - Math.max(a, tasks[j]![0])
    workMs.push(w / 1000)
  }
  const span = frames.length > 1 ? frames.at(-1)! - frames[0]! : 0
  const busy = tasks.reduce((s, [a, b]) => s + Math.max(0, Math.min(b, frames.at(-1)!) - Math.max(a, frames[0]!)), 0)
  return { frames: frames.length, workMs, busyShare: span > 0 ? busy / span : NaN }
}
