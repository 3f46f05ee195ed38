/**
 * Start and drive the system under test (children/sut.ts) from the orchestrator: a fresh data
 * directory, the shared 1000-station registry, known secrets, ephemeral ports; its samples are
 * kept, and demo users can log in for the HTTP API and socket.io.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildServer, startNodeFlags } from '../../server/build'
import { demoPassword } from '../../server/src/auth/demo-users'
import type { Role } from '../../server/src/auth/roles'
import type { SutConfig, SutSample } from '../children/sut'
import { startChild, type Child, type Msg } from './child'

export const BENCH_STATION_SECRET = 'bench-station-secret'
export const SERVICE_USERNAME = 'envmon-service'
export const SERVICE_PASSWORD = 'bench-service-password'
export const STATIONS = 1000
export const SEED = 42

export interface SutOptions {
  /** Bench work directory (the registry file is shared by every run; data dirs are made under it). */
  workDir: string
  /** Extra environment (e.g. MQTT_URL for mosquitto). */
  env?: Record<string, string>
  clientDir?: string
  sampleMs?: number
  /** Reuse this data directory (e.g. one a previous run seeded) instead of a fresh one. */
  dataDir?: string
}

export interface Sut {
  child: Child
  url: string
  /** The public edge's URL (PUBLIC_PORT), when the system runs one. */
  publicUrl?: string
  brokerUrl: string
  dataDir: string
  samples: SutSample[]
  latest(): SutSample | undefined
  onSample(fn: (s: SutSample) => void): () => void
  /** Resolves at the first sample satisfying `pred`. */
  until(pred: (s: SutSample) => boolean, timeoutMs: number): Promise<SutSample>
  login(role: Role): Promise<{ cookie: string; csrf: string }>
  get(path: string, role?: Role, init?: RequestInit): Promise<Response>
  request<T extends Msg>(msg: Msg, reply: string, timeoutMs?: number): Promise<T>
  /** Stop the system (it drains into the store); `keepData` leaves the data directory for a restart. */
  stop(opts?: { keepData?: boolean }): Promise<void>
}

/** The configuration every run shares (documented in bench/README.md). */
export function sutEnv(
  workDir: string,
  dataDir: string,
  clientDir: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    MQTT_PORT: '0',
    HJ212_PORT: '0',
    DATA_DIR: dataDir,
    REGISTRY_FILE: join(workDir, 'stations.json'),
    SIMULATE: '0',
    SIM_STATIONS: String(STATIONS),
    SIM_SEED: String(SEED),
    STATION_SECRET: BENCH_STATION_SECRET,
    SERVICE_MQTT_USERNAME: SERVICE_USERNAME,
    SERVICE_MQTT_PASSWORD: SERVICE_PASSWORD,
    DEMO_USERS: '1',
    CLIENT_DIR: clientDir ?? join(workDir, 'no-client'),
    LOG_LEVEL: 'warn',
    // Passed on from the bench's environment, to compare DuckDB memory limits; otherwise the product's default.
    ...(process.env.DUCKDB_MEMORY_LIMIT ? { DUCKDB_MEMORY_LIMIT: process.env.DUCKDB_MEMORY_LIMIT } : {}),
    ...extra,
  }
}

/**
 * How the system under test runs. By default as `npm start` runs the server: built by
 * server/build.ts (children/sut.ts and the public edge bundled into dist/.bench/<pid>, inside the
 * project so that npm packages resolve) and started with package.json's start flags. `source`
 * runs children/sut.ts through tsx instead (`--profile`, so that a profile names source files).
 */
export const sutRuntime: { source: boolean; built?: Promise<string> } = { source: false }
const BUILT_DIR = join('dist', '.bench', String(process.pid))

/** What the run config reports about the system under test's process. */
export function sutProcess(): string {
  return sutRuntime.source
    ? 'children/sut.ts through tsx (--profile)'
    : `built (server/build.ts), node ${startNodeFlags().join(' ')}, as npm start runs it`
}

function sutBundle(): Promise<string> {
  sutRuntime.built ??= buildServer(BUILT_DIR, { sut: 'bench/children/sut.ts', 'public-edge': 'server/src/public/public-edge.ts' }).then(
    () => join(process.cwd(), BUILT_DIR, 'sut.mjs'),
  )
  return sutRuntime.built
}

/** Remove the built system under test (end of the run). */
export function removeSutBundle(): void {
  rmSync(BUILT_DIR, { recursive: true, force: true })
}

export async function startSut(o: SutOptions): Promise<Sut> {
  const dataDir = o.dataDir ?? mkdtempSync(join(o.workDir, 'data-'))
  const env = sutEnv(o.workDir, dataDir, o.clientDir, o.env)
  const cfg: SutConfig = { env, sampleMs: o.sampleMs ?? 50 }
  const child = sutRuntime.source ? startChild('sut', 'sut.ts', cfg) : startChild('sut', 'sut.ts', cfg, startNodeFlags(), await sutBundle())
  const samples: SutSample[] = []
  const listeners = new Set<(s: SutSample) => void>()
  child.on<{ type: 'stats'; sample: SutSample }>('stats', (m) => {
    samples.push(m.sample)
    for (const l of listeners) l(m.sample)
  })
  let ready: { url: string; brokerUrl: string; publicUrl?: string }
  try {
    ready = await child.next<{ type: 'ready'; url: string; brokerUrl: string; publicUrl?: string }>('ready', 180_000)
  } catch (e) {
    child.proc.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
  const logins = new Map<Role, Promise<{ cookie: string; csrf: string }>>()
  const login = (role: Role) => {
    let p = logins.get(role)
    if (!p) {
      p = (async () => {
        const res = await fetch(ready.url + '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `demo-${role}`, password: demoPassword(BENCH_STATION_SECRET, role) }),
        })
        if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`)
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
        const { csrfToken } = (await res.json()) as { csrfToken: string }
        return { cookie, csrf: csrfToken }
      })()
      logins.set(role, p)
    }
    return p
  }
  const sut: Sut = {
    child,
    url: ready.url,
    ...(ready.publicUrl ? { publicUrl: ready.publicUrl } : {}),
    brokerUrl: ready.brokerUrl,
    dataDir,
    samples,
    latest: () => samples.at(-1),
    onSample(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    until(pred, timeoutMs) {
      const last = samples.at(-1)
      if (last && pred(last)) return Promise.resolve(last)
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          off()
          reject(
            new Error(`system under test: condition not reached within ${timeoutMs} ms (last sample ${JSON.stringify(samples.at(-1))})`),
          )
        }, timeoutMs)
        const off = sut.onSample((s) => {
          if (!pred(s)) return
          clearTimeout(t)
          off()
          resolve(s)
        })
      })
    },
    login,
    async get(path, role = 'analyst', init = {}) {
      const { cookie } = await login(role)
      const headers = new Headers(init.headers)
      headers.set('cookie', cookie)
      return fetch(ready.url + path, { ...init, headers })
    },
    async request<T extends Msg>(msg: Msg, reply: string, timeoutMs = 600_000) {
      const p = child.next<T>(reply, timeoutMs)
      child.send(msg)
      return p
    },
    async stop(so = {}) {
      listeners.clear()
      await child.stop(60_000)
      if (!so.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return sut
}
