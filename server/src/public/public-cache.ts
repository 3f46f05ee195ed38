/**
 * The public endpoints' response cache (issue 14, "Load"): each body is computed at most once per
 * TTL however many citizens ask (concurrent requests for a body being computed share the one
 * computation), serialised once, and served with a strong ETag so a browser that has it gets 304.
 * A burst of public requests thus costs string copies, not store queries, and cannot slow the
 * operators' console.
 */
import { createHash } from 'node:crypto'
import type { Request, Response } from 'express'

interface Entry {
  json: string
  etag: string
  expires: number
}

/** Bound on cached bodies (a station per id, a day per date...): past it, expired ones are swept. */
const MAX_ENTRIES = 4096

export class PublicCache {
  private readonly entries = new Map<string, Entry>()
  private readonly pending = new Map<string, Promise<Entry>>()
  /** Bodies computed and served from cache (for tests and metrics). */
  readonly stats = { computed: 0, hits: 0 }

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The cached body of `key`, computing it when absent or expired (`ttlMs`: this key's TTL, default the cache's). */
  async get(key: string, compute: () => Promise<unknown> | unknown, ttlMs = this.ttlMs): Promise<Readonly<Entry>> {
    const e = this.entries.get(key)
    if (e && e.expires > this.now()) {
      this.stats.hits++
      return e
    }
    let p = this.pending.get(key)
    if (!p) {
      p = (async () => {
        const json = JSON.stringify(await compute())
        this.stats.computed++
        const entry = { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"`, expires: this.now() + ttlMs }
        if (this.entries.size >= MAX_ENTRIES) this.sweep()
        this.entries.set(key, entry)
        return entry
      })().finally(() => this.pending.delete(key))
      this.pending.set(key, p)
    }
    return p
  }

  /** Answer a request with the cached body of `key`: 304 when the client's If-None-Match has it. */
  async send(req: Request, res: Response, key: string, compute: () => Promise<unknown> | unknown, ttlMs = this.ttlMs): Promise<void> {
    const { json, etag } = await this.get(key, compute, ttlMs)
    sendCached(req, res, json, etag, ttlMs)
  }

  private sweep(): void {
    const now = this.now()
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k)
    // Still full of fresh entries (a crawl over many keys): drop the oldest half.
    if (this.entries.size >= MAX_ENTRIES) for (const k of [...this.entries.keys()].slice(0, MAX_ENTRIES / 2)) this.entries.delete(k)
  }
}

/**
 * Answer with a cached JSON body: Cache-Control for `ttlMs` (at least a second), its ETag, and 304
 * when the client's If-None-Match has it. Also the public edge's answer (public-edge.ts).
 */
export function sendCached(req: Request, res: Response, json: string, etag: string, ttlMs: number): void {
  res.setHeader('Cache-Control', `public, max-age=${Math.max(1, Math.round(ttlMs / 1000))}`)
  res.setHeader('ETag', etag)
  if (matches(req.get('if-none-match'), etag)) {
    res.status(304).end()
    return
  }
  res.type('application/json').send(json)
}

/** RFC 9110 §13.1.2: If-None-Match is `*` or a list of entity tags, compared weakly. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}
