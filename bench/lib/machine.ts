/**
 * What every figure is recorded with: the machine (cores, memory, CPU model, OS), Node and the
 * versions of the packages and programs on the measured path, and the commit.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

export const MOSQUITTO = '/usr/sbin/mosquitto'
export const CHROMIUM = '/usr/bin/chromium'

export interface MachineInfo {
  cores: number
  cpuModel: string
  memoryGiB: number
  os: string
  kernel: string
  node: string
  packages: Record<string, string | null>
  mosquitto: string | null
  chromium: string | null
  commit: string | null
  /** Uncommitted changes in the working tree outside bench/ at run time. */
  dirty: boolean | null
}

const PACKAGES = ['mqtt', 'aedes', '@duckdb/node-api', 'socket.io', 'socket.io-client', 'express', 'playwright-core', 'tsx']

function pkgVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return null
  }
}

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 }).trim()
  } catch (e) {
    const out = (e as { stdout?: string }).stdout
    return typeof out === 'string' && out.trim() ? out.trim() : null
  }
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))
    if (m) return m[1]!
  } catch {
    /* not Linux */
  }
  return `${os.type()} ${os.release()}`
}

/** Collect the machine description (a few ms; runs two `--version`s). */
export function machineInfo(): MachineInfo {
  const mosq = existsSync(MOSQUITTO) ? (run(MOSQUITTO, ['-h'])?.split('\n')[0] ?? null) : null
  const chromium = existsSync(CHROMIUM)
    ? (run(CHROMIUM, ['--version'])
        ?.split('\n')
        .find((l) => /Chromium/.test(l)) ?? null)
    : null
  const status = run('git', ['status', '--porcelain', '--', '.', ':!bench'])
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    kernel: os.release(),
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((p) => [p, pkgVersion(p)])),
    mosquitto: mosq?.replace(/^mosquitto version\s*/, '') ?? null,
    chromium,
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    dirty: status === null ? null : status.length > 0,
  }
}
