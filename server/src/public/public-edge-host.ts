/**
 * The main thread's side of the public edge (public-edge.ts): starts the worker on PUBLIC_PORT and
 * answers what it asks with the public resources (server/src/http/public.ts): the same resolver,
 * allow-lists, labels and cache as `/api/public` on the main port. The main thread's share of a
 * public crowd is then one computation and one message per body per TTL, whatever the crowd's size.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { HttpError } from '../http/errors'
import type { PublicResources } from '../http/public'
import type { EdgeAnswer, EdgeAsk, EdgeData } from './public-edge'

export interface PublicEdge {
  /** The port the edge listens on (PUBLIC_PORT, or the one chosen for 0). */
  port: number
  /** Bodies asked by the worker (one per key per TTL), for tests and metrics. */
  readonly stats: { asked: number }
  close(): Promise<void>
}

/**
 * The worker runs TypeScript like the rest of the server: through tsx's API, resolved from this
 * package (a worker does not inherit the main thread's module loader).
 */
function workerSource(entry: string): string {
  const require = createRequire(import.meta.url)
  const pkgFile = require.resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  const api = pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href
  return `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`
}

export async function startPublicEdge(
  data: EdgeData,
  resources: PublicResources,
  log: (level: 'info' | 'warn', msg: string) => void,
): Promise<PublicEdge> {
  const entry = fileURLToPath(new URL('./public-edge.ts', import.meta.url))
  const worker = new Worker(workerSource(entry), { eval: true, workerData: { edge: data } })
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
  const port = await new Promise<number>((resolve, reject) => {
    worker.on('message', (m: EdgeAsk | { type: 'listening'; port: number } | { type: 'failed'; message: string }) => {
      if (m.type === 'ask') void answer(m).then((a) => worker.postMessage(a))
      else if (m.type === 'listening') resolve(m.port)
      else reject(new Error(`public edge: ${m.message}`))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`public edge: the worker exited (${code}) before listening`)))
  })
  worker.on('error', (e) => log('warn', `public edge: ${e.message}`))
  log('info', `public page on its own thread: port ${port}`)
  return {
    port,
    stats,
    close: async () => {
      await worker.terminate()
    },
  }
}
