/**
 * Per-address rate limit of the public endpoints (issue 14, "Load"): at most `perMinute` requests in
 * each fixed one-minute window per client address; the rest get 429 with Retry-After (seconds to the
 * window's end). The address is express's `req.ip`, which follows TRUST_PROXY (app.ts,
 * trust-proxy.ts): behind a trusted proxy the forwarded client address, otherwise the socket's, so a
 * client cannot pick a new address per request with a forged X-Forwarded-For.
 */
import type { RequestHandler } from 'express'
import { HttpError } from '../http/errors'

const WINDOW_MS = 60_000
/** Bound on tracked addresses; past it, finished windows are dropped. */
const MAX_ADDRESSES = 100_000

/**
 * Middleware limiting each address to `perMinute` requests per minute (0 = no limit).
 * @example router.use('/public', publicRateLimit(120, Date.now))
 */
export function publicRateLimit(perMinute: number, now: () => number): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>()
  return (req, res, next) => {
    if (perMinute <= 0) return next()
    const t = now()
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    let w = windows.get(ip)
    if (!w || t - w.start >= WINDOW_MS) {
      if (!w && windows.size >= MAX_ADDRESSES) evict(windows, t)
      w = { start: t, count: 0 }
      windows.set(ip, w)
    }
    if (++w.count <= perMinute) return next()
    const seconds = Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000))
    res.setHeader('Retry-After', String(seconds))
    next(
      new HttpError(429, 'too-many-requests', `more than ${perMinute} public requests a minute from this address; retry in ${seconds} s`),
    )
  }
}

/** Drop finished windows; if a flood of addresses keeps the map full, the oldest tenth too (memory stays bounded). */
function evict(windows: Map<string, { start: number }>, t: number): void {
  for (const [k, x] of windows) if (t - x.start >= WINDOW_MS) windows.delete(k)
  if (windows.size < MAX_ADDRESSES) return
  let n = MAX_ADDRESSES / 10
  for (const k of windows.keys()) {
    if (n-- <= 0) break
    windows.delete(k)
  }
}

/**
 * Middleware capping all public requests of this process at `perSecond` (0 = no cap), whatever
 * their addresses: a crowd of many addresses each under its own limit still cannot take the event
 * loop from the operators' console. Past the cap: 503 with Retry-After 1 (a token bucket holding
 * one second of requests, refilled continuously).
 * @example router.use('/public', publicTotalLimit(300, Date.now))
 */
export function publicTotalLimit(perSecond: number, now: () => number): RequestHandler {
  let tokens = perSecond
  let last = now()
  return (_req, res, next) => {
    if (perSecond <= 0) return next()
    const t = now()
    tokens = Math.min(perSecond, tokens + ((t - last) / 1000) * perSecond)
    last = t
    if (tokens >= 1) {
      tokens -= 1
      return next()
    }
    res.setHeader('Retry-After', '1')
    next(new HttpError(503, 'busy', `the public release is answering ${perSecond} requests a second; retry in 1 s`))
  }
}
