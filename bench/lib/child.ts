/**
 * Child processes of the benchmark (system under test, publisher, raw subscriber), each its own
 * Node process running TypeScript through tsx (the system under test built, as `npm start` runs it), talking to the orchestrator over the IPC channel
 * with `{ type, ... }` messages. Keeping them apart means none shares an event loop with another.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

/** Any IPC message: a discriminated object. */
export interface Msg {
  type: string
  [k: string]: unknown
}

/** A running child. */
export interface Child {
  name: string
  proc: ChildProcess
  pid: number
  send(msg: Msg): void
  /** Subscribe to messages of one type (returns an unsubscribe function). */
  on<T extends Msg = Msg>(type: string, fn: (m: T) => void): () => void
  /** The next message of `type` (matching `pred`), or reject after `timeoutMs` or when the child exits. */
  next<T extends Msg = Msg>(type: string, timeoutMs?: number, pred?: (m: T) => boolean): Promise<T>
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>
  /** Ask politely (`{ type: 'stop' }`), wait up to `graceMs`, then SIGKILL. */
  stop(graceMs?: number): Promise<void>
}

export const BENCH_DIR = join(process.cwd(), 'bench')

/**
 * Start `bench/children/<file>` with `config` in its environment (BENCH_CONFIG, JSON), through tsx;
 * or, given `built`, that JavaScript file instead, with no loader (the system under test as
 * `npm start` runs it: lib/sut.ts). `nodeArgs` go first (e.g. `--cpu-prof`).
 */
export function startChild(name: string, file: string, config: unknown, nodeArgs: string[] = [], built?: string): Child {
  const proc = fork(built ?? join(BENCH_DIR, 'children', file), [], {
    execArgv: built ? nodeArgs : [...nodeArgs, '--import', 'tsx'],
    env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const handlers = new Map<string, Set<(m: Msg) => void>>()
  proc.on('message', (m: Msg) => {
    if (m && typeof m === 'object' && m.type === 'fatal') process.stderr.write(`[${name}] fatal: ${String(m.message)}\n`)
    for (const h of handlers.get(m?.type) ?? []) h(m)
  })
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  const on = <T extends Msg>(type: string, fn: (m: T) => void) => {
    let set = handlers.get(type)
    if (!set) handlers.set(type, (set = new Set()))
    set.add(fn as (m: Msg) => void)
    return () => set!.delete(fn as (m: Msg) => void)
  }
  const child: Child = {
    name,
    proc,
    pid: proc.pid!,
    send(msg) {
      if (proc.connected) proc.send(msg)
    },
    on,
    next<T extends Msg>(type: string, timeoutMs = 120_000, pred: (m: T) => boolean = () => true) {
      return new Promise<T>((resolve, reject) => {
        const off = on<T>(type, (m) => {
          if (!pred(m)) return
          done()
          resolve(m)
        })
        const offFatal = on('fatal', (m) => {
          done()
          reject(new Error(`${name}: ${String(m.message)}`))
        })
        const timer = setTimeout(() => {
          done()
          reject(new Error(`${name}: no '${type}' within ${timeoutMs} ms`))
        }, timeoutMs)
        void exited.then((code) => {
          done()
          reject(new Error(`${name} exited (${code}) while waiting for '${type}'`))
        })
        function done() {
          off()
          offFatal()
          clearTimeout(timer)
        }
      })
    },
    exited,
    async stop(graceMs = 30_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      child.send({ type: 'stop' })
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(t)
    },
  }
  return child
}

/** Helpers for the child side: its config, and sending messages to the orchestrator. */
export function childConfig<T>(): T {
  const raw = process.env.BENCH_CONFIG
  if (!raw) throw new Error('BENCH_CONFIG is not set: this file is started by bench/run.ts')
  return JSON.parse(raw) as T
}

export function toParent(msg: Msg): void {
  process.send?.(msg)
}

/** Report an unexpected error to the orchestrator and exit non-zero. */
export function fatal(e: unknown): never {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e)
  toParent({ type: 'fatal', message })
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** Exit when the orchestrator goes away (never leave an orphan running). */
export function exitWithParent(onStop: () => Promise<void> | void): void {
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    try {
      await onStop()
    } finally {
      process.exit(0)
    }
  }
  process.on('disconnect', () => void stop())
  process.on('message', (m: Msg) => {
    if (m?.type === 'stop') void stop()
  })
}
