/**
 * Run Debian's mosquitto for a test with envmon's production policy (password files + ACLs from
 * ingest/src/broker/mosquitto-config.ts) on free loopback ports: `url` is the service listener
 * (envmon's MQTT_URL), `stationUrl` the station listener (client id = username). Persistence on,
 * so a restart keeps persistent sessions and their queued QoS 1 messages.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { mosquittoAcl, mosquittoConf, mosquittoServiceAcl } from '../../ingest/src/broker/mosquitto-config'

export const MOSQUITTO = '/usr/sbin/mosquitto'
/**
 * Whether to run the mosquitto tests: always in CI (where a missing binary must fail the run, not
 * skip it), elsewhere only when Debian's mosquitto is installed.
 */
export const hasMosquitto = existsSync(MOSQUITTO) || Boolean(process.env.CI)

export interface Mosquitto {
  /** The service listener: envmon's nodes (MQTT_URL). */
  url: string
  port: number
  /** The station listener: stations connect here (the service user cannot). */
  stationUrl: string
  dir: string
  /** Stop (SIGTERM, saves persistence) and wait for exit. */
  stop(): Promise<void>
  start(): Promise<void>
  /** Stop and remove its directory. */
  dispose(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' })
      c.once('connect', () => {
        c.destroy()
        resolve(true)
      })
      c.once('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > until) throw new Error(`mosquitto did not listen on ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function startMosquitto(opts: {
  users: Record<string, string>
  serviceUsername: string
  topicPrefix?: string
  maxPacketBytes?: number
}): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'envmon-mosq-'))
  const port = await freePort()
  let stationPort = await freePort()
  while (stationPort === port) stationPort = await freePort()
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    mosquittoConf({
      port: stationPort,
      servicePort: port,
      dir,
      serviceUsername: opts.serviceUsername,
      topicPrefix: opts.topicPrefix,
      runAs: userInfo().username,
      maxPacketBytes: opts.maxPacketBytes,
    }),
  )
  writeFileSync(join(dir, 'acl'), mosquittoAcl(opts))
  writeFileSync(join(dir, 'acl-service'), mosquittoServiceAcl(opts))
  // The service user goes to the service listener's password file, everyone else to the stations'.
  writeFileSync(join(dir, 'passwd'), '')
  writeFileSync(join(dir, 'passwd-service'), '')
  for (const [u, p] of Object.entries(opts.users))
    execFileSync('/usr/bin/mosquitto_passwd', ['-b', join(dir, u === opts.serviceUsername ? 'passwd-service' : 'passwd'), u, p])
  let proc: ChildProcess | undefined
  let stderr = ''
  const m: Mosquitto = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stationUrl: `mqtt://127.0.0.1:${stationPort}`,
    dir,
    async start() {
      proc = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] })
      proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
      const exited = new Promise<never>((_, reject) =>
        proc!.once('exit', (code) => reject(new Error(`mosquitto exited (${code}): ${stderr}`))),
      )
      await Promise.race([Promise.all([waitForPort(port), waitForPort(stationPort)]), exited])
      exited.catch(() => undefined)
    },
    async stop() {
      const p = proc
      proc = undefined
      if (!p || p.exitCode !== null) return
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve())
        p.kill('SIGTERM')
      })
    },
    async dispose() {
      await m.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await m.start()
  return m
}
