/**
 * Run Debian's redis-server for a test on a free loopback port, without persistence
 * (`--save '' --appendonly no`), as a child process. Always `dispose()` it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createConnection } from 'node:net'
import { freePort } from './mosquitto'

/** Where Debian installs it (package `redis-server`); REDIS_SERVER_BIN overrides. */
export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server'

function installed(): boolean {
  try {
    accessSync(REDIS_SERVER, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Whether to run the Redis tests: always in CI (where a missing binary must fail the run, not
 * skip it), elsewhere only when Debian's redis-server is installed.
 */
export const hasRedis = installed() || Boolean(process.env.CI)

/** A running redis-server child process. */
export interface RedisServer {
  url: string
  port: number
  /** SIGTERM and wait for the exit (SIGKILL after 5 s). */
  dispose(): Promise<void>
}

/** PING over a raw socket until it answers PONG. */
async function waitForPong(port: number, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const why = exited()
    if (why !== undefined) throw new Error(`redis-server exited during start-up: ${why}`)
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' })
      let got = ''
      c.setTimeout(500, () => (c.destroy(), resolve(false)))
      c.once('connect', () => c.write('PING\r\n'))
      c.on('data', (d) => {
        got += d.toString()
        if (got.includes('\r\n')) {
          c.destroy()
          resolve(got.startsWith('+PONG'))
        }
      })
      c.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > until) throw new Error(`redis-server did not answer PING on ${port} in ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * @example
 * const redis = await startRedis()
 * try { ... REDIS_URL: redis.url ... } finally { await redis.dispose() }
 */
export async function startRedis(): Promise<RedisServer> {
  if (!installed()) throw new Error(`${REDIS_SERVER} is missing: apt-get install -y redis-server`)
  const port = await freePort()
  let log = ''
  let exitedWith: string | undefined
  const proc: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const onData = (d: Buffer) => (log = (log + d.toString()).slice(-4000))
  proc.stdout!.on('data', onData)
  proc.stderr!.on('data', onData)
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', (code, signal) => {
      exitedWith = `${code ?? signal}: ${log}`
      resolve()
    })
    proc.once('error', (e) => {
      exitedWith = e.message
      resolve()
    })
  })
  const dispose = async () => {
    if (exitedWith === undefined) {
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(t)
    }
  }
  try {
    await waitForPong(port, 10_000, () => exitedWith)
  } catch (e) {
    await dispose()
    throw e
  }
  return { url: `redis://127.0.0.1:${port}`, port, dispose }
}
