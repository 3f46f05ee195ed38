/**
 * The built server (server/build.ts), run the way `npm start` runs it: `node <package.json's start
 * flags> main.mjs`, no tsx. The bundle must find what the sources find through their own paths:
 * the demo simulator's town boundaries and station facts (shared/geo), and the public edge's own
 * process (public-edge.mjs beside main.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer, startNodeFlags } from '../server/build'
import { demoPassword } from '../server/src/auth/demo-users'
import { freePort } from './helpers/mosquitto'

const SECRET = 'built-server-test-secret'
// Four levels down, where no fixed `../../shared` of a source file lands on the project's shared/.
const OUT = join('dist', '.test', 'built-server', String(process.pid))

let proc: ChildProcess | undefined
let out = ''
const dataDir = mkdtempSync(join(tmpdir(), 'envmon-built-'))

/** Wait for a line of the start banner and return its captured group; fail if the process ends first. */
function banner(re: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = re.exec(out)
      if (m) {
        clearInterval(timer)
        resolve(m[1]!)
      } else if (proc!.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer)
        reject(new Error(`no ${re} (exit code ${proc!.exitCode}): ${out}`))
      }
    }, 50)
    const deadline = Date.now() + timeoutMs
  })
}

beforeAll(async () => {
  await buildServer(OUT)
  proc = spawn(process.execPath, [...startNodeFlags(), join(OUT, 'main.mjs')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      PUBLIC_PORT: String(await freePort()),
      MQTT_PORT: '0',
      HJ212_PORT: '0',
      SIMULATE: '1',
      SIM_STATIONS: '12',
      SIM_BACKFILL_HOURS: '0',
      SIM_INTERVAL: '1',
      STATION_SECRET: SECRET,
      DEMO_USERS: '1',
      CLIENT_DIR: join(dataDir, 'no-client'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
})

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    proc.kill('SIGKILL')
    await new Promise((r) => proc!.once('exit', r))
  }
  rmSync(OUT, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the built server (npm start)', () => {
  it('starts with the package.json flags, runs the demo and the public edge, and stops cleanly', async () => {
    expect(startNodeFlags()).toContain('--max-semi-space-size=8')
    const url = await banner(/envmon is running: (http:\/\/\S+)/)
    const publicUrl = await banner(/public\s+(http:\/\/\S+)\/public \(its own process/)

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-analyst', password: demoPassword(SECRET, 'analyst') }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!

    // The simulator placed its stations in the city's towns (shared/geo, found from the bundle).
    const { stations } = (await (await fetch(`${url}/api/stations`, { headers: { cookie } })).json()) as {
      stations: { id: string; kind: string; town: string }[]
    }
    expect(stations).toHaveLength(12)
    for (const s of stations) expect(s.town, s.id).toMatch(/\S/)

    // Its readings went through the embedded broker, ingest and the store.
    const air = stations.find((s) => s.kind === 'air')!
    let latest: number | undefined
    for (let i = 0; i < 100 && latest === undefined; i++) {
      const one = (await (await fetch(`${url}/api/stations/${air.id}`, { headers: { cookie } })).json()) as { latest?: { ts: string } }
      latest = one.latest ? Date.parse(one.latest.ts) : undefined
      if (latest === undefined) await new Promise((r) => setTimeout(r, 200))
    }
    expect(latest).toBeGreaterThan(Date.now() - 60_000)

    // The public edge is public-edge.mjs in its own process, answering from the main process's data.
    const aqi = await fetch(`${publicUrl}/api/public/aqi`)
    expect(aqi.status).toBe(200)
    const body = (await aqi.json()) as { stations: { id: string }[] }
    expect(body.stations.map((s) => s.id)).toContain(air.id)

    proc!.kill('SIGTERM')
    const code = await new Promise<number | null>((r) => proc!.once('exit', r))
    expect(code, out).toBe(0)
  }, 90_000)
})
