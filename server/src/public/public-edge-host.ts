/**
 * The main process's side of the public edge (public-edge.ts): forks it on PUBLIC_PORT at a lower
 * CPU priority and answers what it asks with the public resources (server/src/http/public.ts): the same resolver,
 * allow-lists, labels and cache as `/api/public` on the main port. The main thread's share of a
 * public crowd is then one computation and one message per body per TTL, whatever the crowd's size.
 */
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { setPriority } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { HttpError } from '../http/errors'
import type { PublicResources } from '../http/public'
import type { EdgeAnswer, EdgeAsk, EdgeData } from './public-edge'

export interface PublicEdge {
  /** The port the edge listens on (PUBLIC_PORT, or the one chosen for 0). */
  port: number
  pid: number | undefined
  /** Bodies asked by the edge (one per key per TTL), for tests and metrics. */
  readonly stats: { asked: number }
  close(): Promise<void>
}

/**
 * From the sources, the edge runs TypeScript like the rest of the server: through tsx's loader
 * (`node --import`), resolved from this package.
 */
function tsxLoader(): string {
  const require = createRequire(import.meta.url)
  const pkgFile = require.resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, string | { import?: string }> }
  const esm = pkg.exports['.']
  const file = typeof esm === 'string' ? esm : esm?.import
  if (!file) throw new Error('public edge: cannot find the tsx loader')
  return pathToFileURL(join(dirname(pkgFile), file)).href
}

export async function startPublicEdge(
  data: EdgeData,
  resources: PublicResources,
  log: (level: 'info' | 'warn', msg: string) => void,
  nice = 10,
): Promise<PublicEdge> {
  // From the sources (tsx: dev and tests) the edge is public-edge.ts through tsx; from the built
  // server (server/build.ts) it is the public-edge.mjs bundled beside main.mjs.
  const built = !import.meta.url.endsWith('.ts')
  const entry = fileURLToPath(new URL(built ? './public-edge.mjs' : './public-edge.ts', import.meta.url))
  const child = fork(entry, [JSON.stringify(data)], {
    execArgv: built ? [] : ['--import', tsxLoader()],
    env: { ...process.env, ENVMON_PUBLIC_EDGE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  if (nice > 0 && child.pid !== undefined) {
    try {
      setPriority(child.pid, Math.min(19, nice))
    } catch (e) {
      log('warn', `public edge: could not lower its priority: ${(e as Error).message}`)
    }
  }
  const stats = { asked: 0 }
  const answer = async (ask: EdgeAsk): Promise<EdgeAnswer> => {
    stats.asked++
    try {
      const r = resources.resolve(ask.path, ask.day === undefined ? {} : { day: ask.day })
      const { json, etag, expires } = await resources.cache.get(r.key, r.compute, r.ttlMs)
      return { type: 'body', id: ask.id, json, etag, ttlMs: Math.max(1000, expires - resources.now()) }
    } catch (e) {
      if (e instanceof HttpError) return { type: 'error', id: ask.id, status: e.status, code: e.code, message: e.message }
      log('warn', `public edge: ${(e as Error).message}`)
      return { type: 'error', id: ask.id, status: 500, code: 'internal', message: 'internal server error' }
    }
  }
  let closing = false
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: EdgeAsk | { type: 'listening'; port: number } | { type: 'failed'; message: string }) => {
      if (m.type === 'ask') void answer(m).then((a) => child.connected && child.send(a))
      else if (m.type === 'listening') resolve(m.port)
      else reject(new Error(`public edge: ${m.message}`))
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`public edge: the process exited (${code}) before listening`)))
  }).catch((e: unknown) => {
    child.kill('SIGKILL')
    throw e
  })
  child.on('exit', (code, signal) => closing || log('warn', `public edge: the process exited (${signal ?? code}); the public port is down`))
  log('info', `public page in its own process (pid ${child.pid}, nice ${nice}): port ${port}`)
  return {
    port,
    pid: child.pid,
    stats,
    close: async () => {
      closing = true
      child.kill('SIGTERM')
      await exited
    },
  }
}
