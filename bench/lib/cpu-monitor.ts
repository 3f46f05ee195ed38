/**
 * How busy the machine was during a measurement, and how much of that was not the benchmark: the
 * machine's busy time from /proc/stat against the CPU time of this process tree (the orchestrator
 * and every process it started: system under test, publishers, mosquitto, chromium). On a shared
 * machine `foreignCores` says how much other work competed with the figure. Linux only; elsewhere
 * the fields are undefined.
 */
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

const HZ = 100 // USER_HZ: /proc times are in 1/100 s on Linux

export interface CpuUsage {
  seconds: number
  /** Cores busy on average (all processes). */
  machineCores?: number
  /** Cores used on average by the benchmark's process tree. */
  benchCores?: number
  /** Cores used by everything else. */
  foreignCores?: number
  /** Cores used by each named process (e.g. the system under test), CPU time over wall time. */
  processes?: Record<string, number>
  load1: number
}

function pidTicks(pid: number): number | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
    return Number(f[11]) + Number(f[12])
  } catch {
    return undefined
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0)
    const idle = f[3]! + f[4]!
    return { busy: total - idle, total }
  } catch {
    return undefined
  }
}

function treeTicks(root: number): number | undefined {
  try {
    const procs = new Map<number, { ppid: number; ticks: number }>()
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      try {
        const s = readFileSync(`/proc/${d}/stat`, 'utf8')
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
        // After "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17) → indexes 11..14 here.
        procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) })
      } catch {
        /* exited meanwhile */
      }
    }
    const children = new Map<number, number[]>()
    for (const [pid, p] of procs) {
      const list = children.get(p.ppid) ?? []
      list.push(pid)
      children.set(p.ppid, list)
    }
    let sum = 0
    const stack = [root]
    while (stack.length) {
      const pid = stack.pop()!
      sum += procs.get(pid)?.ticks ?? 0
      for (const c of children.get(pid) ?? []) stack.push(c)
    }
    return sum
  } catch {
    return undefined
  }
}

/** Start measuring (also the named `pids`); call the returned function to get the usage since. */
export function cpuMonitor(pids: Record<string, number | undefined> = {}): () => CpuUsage {
  const t0 = performance.now()
  const m0 = machineTicks()
  const b0 = treeTicks(process.pid)
  const p0 = Object.entries(pids).map(([name, pid]) => [name, pid, pid === undefined ? undefined : pidTicks(pid)] as const)
  return () => {
    const seconds = (performance.now() - t0) / 1000
    const m1 = machineTicks()
    const b1 = treeTicks(process.pid)
    const r = (x: number) => Math.round(x * 100) / 100
    const out: CpuUsage = { seconds: r(seconds), load1: r(os.loadavg()[0]!) }
    if (m0 && m1 && seconds > 0) out.machineCores = r((m1.busy - m0.busy) / HZ / seconds)
    if (b0 !== undefined && b1 !== undefined && seconds > 0) out.benchCores = r(Math.max(0, b1 - b0) / HZ / seconds)
    if (out.machineCores !== undefined && out.benchCores !== undefined) out.foreignCores = r(Math.max(0, out.machineCores - out.benchCores))
    for (const [name, pid, t] of p0) {
      const t1 = pid === undefined ? undefined : pidTicks(pid)
      if (t === undefined || t1 === undefined || seconds <= 0) continue
      ;(out.processes ??= {})[name] = r((t1 - t) / HZ / seconds)
    }
    return out
  }
}

/** The pid of a direct child of this process with the given command name (e.g. mosquitto). */
export function childPidByName(comm: string): number | undefined {
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      try {
        const s = readFileSync(`/proc/${d}/stat`, 'utf8')
        const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'))
        const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1])
        if (name === comm && ppid === process.pid) return Number(d)
      } catch {
        /* exited meanwhile */
      }
    }
  } catch {
    /* not Linux */
  }
  return undefined
}
