/**
 * The public edge (issue 14, "a burst of citizens cannot slow the operators' console"): the citizens'
 * page and `GET /api/public/*` on their own port (PUBLIC_PORT), served by a child process with its
 * own event loop, at a lower CPU priority (PUBLIC_NICE). A public request, served or refused, never
 * waits in the operators' queue, and when the machine is short of CPU the kernel favours the
 * operators' process: the edge parses the request, applies the rate limits, and answers from its copy
 * of the bodies; only a body it does not hold yet (once per key per TTL) is asked of the main
 * process, which computes it with the same resolver and cache as the main port's `/api/public`
 * (server/src/http/public.ts).
 *
 * Process entry: forked by public-edge-host.ts with its settings as argv[2] (JSON); never imported by
 * the main process except for its types.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import express from 'express'
import { errorHandler, HttpError, notFoundHandler } from '../http/errors'
import { securityHeaders } from '../http/security-headers'
import { sendCached } from './public-cache'
import { publicRateLimit, publicTotalLimit } from './rate-limit'

/** What the host passes to the worker. */
export interface EdgeData {
  port: number
  host: string
  clientDir: string
  trustProxy: readonly string[]
  ratePerMinute: number
  totalPerSecond: number
}

/** Worker → host: a body is asked for (`key`: the canonical path and query). */
export interface EdgeAsk {
  type: 'ask'
  id: number
  path: string
  day?: string
}
/** Host → worker: the body of an ask, or its refusal. */
export type EdgeAnswer =
  | { type: 'body'; id: number; json: string; etag: string; ttlMs: number }
  | { type: 'error'; id: number; status: number; code: string; message: string }

/** How long a refusal (404, 400, 503) is kept, so a flood of bad keys reaches the main thread at most this often per key. */
const ERROR_TTL_MS = 5_000
const MAX_ENTRIES = 4096

interface Held {
  answer: EdgeAnswer
  expires: number
}

/** The edge's line to the main process (the IPC channel of a forked child). */
export interface EdgeChannel {
  postMessage(m: unknown): void
  on(event: 'message', fn: (a: EdgeAnswer) => void): void
}

export function startEdge(data: EdgeData, port: EdgeChannel): void {
  const held = new Map<string, Held>()
  const pending = new Map<string, Promise<Held>>()
  const waiting = new Map<number, (a: EdgeAnswer) => void>()
  let nextId = 1
  port.on('message', (a: EdgeAnswer) => {
    waiting.get(a.id)?.(a)
    waiting.delete(a.id)
  })

  const fetchBody = (key: string, ask: Omit<EdgeAsk, 'type' | 'id'>): Promise<Held> => {
    const h = held.get(key)
    if (h && h.expires > Date.now()) return Promise.resolve(h)
    let p = pending.get(key)
    if (!p) {
      const id = nextId++
      p = new Promise<Held>((resolve) => {
        waiting.set(id, (answer) => {
          const entry = { answer, expires: Date.now() + (answer.type === 'body' ? answer.ttlMs : ERROR_TTL_MS) }
          if (held.size >= MAX_ENTRIES) sweep(held)
          held.set(key, entry)
          resolve(entry)
        })
        port.postMessage({ type: 'ask', id, ...ask } satisfies EdgeAsk)
      }).finally(() => pending.delete(key))
      pending.set(key, p)
    }
    return p
  }

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', data.trustProxy.length ? [...data.trustProxy] : false)
  app.use(securityHeaders)
  app.use('/api/public', publicRateLimit(data.ratePerMinute, Date.now), publicTotalLimit(data.totalPerSecond, Date.now))
  app.get(/^\/api\/public\/.+/, async (req, res) => {
    const path = req.path.slice('/api/public'.length)
    const day = path === '/daily' || path === '/daily/' ? req.query.day : undefined
    if (day !== undefined && typeof day !== 'string') throw new HttpError(400, 'bad-request', 'day must be YYYY-MM-DD')
    const { answer, expires } = await fetchBody(
      day === undefined ? path : `${path}?day=${day}`,
      day === undefined ? { path } : { path, day },
    )
    if (answer.type === 'error') throw new HttpError(answer.status, answer.code, answer.message)
    sendCached(req, res, answer.json, answer.etag, expires - Date.now())
  })
  app.get(['/', '/public', '/public/', '/public.html'], (_req, res, next) => {
    res.sendFile(join(data.clientDir, 'public.html'), { headers: { 'Cache-Control': 'no-cache' } }, (err) => err && next(err))
  })
  app.use('/assets', express.static(join(data.clientDir, 'assets'), { index: false, maxAge: '1h' }))
  app.use(notFoundHandler)
  app.use(errorHandler(() => undefined))

  const server = createServer(app)
  server.listen(data.port, data.host, () => port.postMessage({ type: 'listening', port: (server.address() as AddressInfo).port }))
  server.on('error', (e) => port.postMessage({ type: 'failed', message: e.message }))
}

function sweep(held: Map<string, Held>): void {
  const now = Date.now()
  for (const [k, h] of held) if (h.expires <= now) held.delete(k)
  if (held.size >= MAX_ENTRIES) for (const k of [...held.keys()].slice(0, MAX_ENTRIES / 2)) held.delete(k)
}

const send = process.send?.bind(process)
if (send && process.env.ENVMON_PUBLIC_EDGE === '1') {
  // The main process gone (crash, kill -9), the edge goes too: it would only answer stale bodies.
  process.on('disconnect', () => process.exit(0))
  startEdge(JSON.parse(process.argv[2]!) as EdgeData, { postMessage: (m) => send(m), on: (e, fn) => process.on(e, fn) })
}
