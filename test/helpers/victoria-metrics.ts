/**
 * A real VictoriaMetrics server (Debian's `victoria-metrics`) as a child process, for testing the
 * InfluxDB v2 write path: it accepts `/api/v2/write` line protocol and exports what it stored.
 *
 * Started with `-dedup.minScrapeInterval=1ms` so it keeps one sample per (series, ms), as
 * InfluxDB keeps one value per (series, field, time), and `-retentionPeriod=100y` so fixed past
 * timestamps in fixtures are accepted. Note: VictoriaMetrics stores numbers only; a string field
 * (our `<metric>:flag`) becomes a sample with value 0.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian installs the binary; VICTORIA_METRICS_BIN overrides. */
export const VICTORIA_METRICS_BIN = process.env.VICTORIA_METRICS_BIN ?? '/usr/bin/victoria-metrics'

/** Whether the binary is installed and executable. */
export function hasVictoriaMetrics(): boolean {
  try {
    accessSync(VICTORIA_METRICS_BIN, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** One exported series: labels (with __name__) and samples in time order. */
export interface VmSeries {
  metric: Record<string, string>
  values: number[]
  timestamps: number[]
}

export interface VictoriaMetrics {
  /** Base URL, e.g. http://127.0.0.1:41234 (give it to InfluxStore as `url`). */
  url: string
  port: number
  /** Make written samples visible to reads, then export every series matching `match`. */
  export(match: string): Promise<VmSeries[]>
  /** A counter or gauge from /metrics (sum over label sets matching `labels`), 0 when absent. */
  metric(name: string, labels?: string): Promise<number>
  /** Stop the process (SIGTERM, then SIGKILL after 5 s) and wait for it to exit. Data is kept. */
  stop(): Promise<void>
  /** Start again on the same port and data directory (after stop()). */
  restart(): Promise<void>
  /** Stop and delete the data directory. */
  dispose(): Promise<void>
}

/** A free TCP port on 127.0.0.1 (VictoriaMetrics cannot listen on port 0 and report it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** GET without a keep-alive agent, so no socket outlives the test. */
function get(url: string, timeoutMs = 5000): Promise<{ ok: boolean; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (s: string) => (body += s))
      res.on('end', () => resolve({ ok: res.statusCode! >= 200 && res.statusCode! < 300, status: res.statusCode!, body }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timed out`)))
    req.on('error', reject)
  })
}

/**
 * Start victoria-metrics on a free loopback port with a temp data directory and wait until
 * GET /health answers OK (10 s at most, or the process's exit fails the start).
 *
 * @example
 * const vm = await startVictoriaMetrics()
 * try { ... await vm.export('{__name__=~"reading.*"}') } finally { await vm.dispose() }
 */
export async function startVictoriaMetrics(): Promise<VictoriaMetrics> {
  const dir = mkdtempSync(join(tmpdir(), 'envmon-vm-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let log = ''

  const launch = async () => {
    const c = spawn(
      VICTORIA_METRICS_BIN,
      [
        `-storageDataPath=${join(dir, 'data')}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-retentionPeriod=100y',
        '-dedup.minScrapeInterval=1ms',
        '-loggerLevel=ERROR',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = c
    const onData = (b: Buffer) => {
      log = (log + b.toString()).slice(-4000)
    }
    c.stdout!.on('data', onData)
    c.stderr!.on('data', onData)
    let gone = false
    exited = new Promise<void>((resolve) => {
      const done = () => {
        gone = true
        resolve()
      }
      c.once('exit', done)
      c.once('error', (e) => {
        log += `\n${e.message}`
        done()
      })
    })
    const deadline = Date.now() + 10_000
    for (;;) {
      if (gone) throw new Error(`victoria-metrics exited during start-up:\n${log}`)
      try {
        const res = await get(`${url}/health`, 500)
        if (res.ok && res.body.trim() === 'OK') return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await kill()
        throw new Error(`victoria-metrics did not become healthy on ${url} in 10 s:\n${log}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  const kill = async () => {
    const c = child
    if (!c || c.exitCode !== null || c.signalCode !== null) return
    c.kill('SIGTERM')
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }

  await launch()
  return {
    url,
    port,
    async export(match) {
      const flush = await get(`${url}/internal/force_flush`)
      if (!flush.ok) throw new Error(`force_flush: HTTP ${flush.status}`)
      const res = await get(`${url}/api/v1/export?${new URLSearchParams({ 'match[]': match })}`)
      if (!res.ok) throw new Error(`export: HTTP ${res.status} ${res.body}`)
      return res.body
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as VmSeries)
    },
    async metric(name, labels = '') {
      const text = (await get(`${url}/metrics`)).body
      let sum = 0
      for (const line of text.split('\n')) {
        if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
        if (labels && !line.includes(labels)) continue
        sum += Number(line.slice(line.lastIndexOf(' ') + 1))
      }
      return sum
    },
    stop: kill,
    restart: launch,
    async dispose() {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
