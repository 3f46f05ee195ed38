import { describe, expect, it } from 'vitest'
import { PublicCache } from './public-cache'

describe('PublicCache', () => {
  it('computes a body once per TTL however many ask, and again after it', async () => {
    let t = 0
    let computed = 0
    const cache = new PublicCache(15_000, () => t)
    const compute = async () => ({ n: ++computed })
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)])
    expect(computed).toBe(1)
    expect(a).toBe(b)
    t = 14_999
    expect((await cache.get('k', compute)).json).toBe('{"n":1}')
    t = 15_000
    const c = await cache.get('k', compute)
    expect(c.json).toBe('{"n":2}')
    expect(c.etag).not.toBe(a.etag)
  })

  it('gives the same strong ETag to the same body', async () => {
    const cache = new PublicCache(1, () => 0)
    const a = await cache.get('a', () => ({ x: 1 }))
    const b = await cache.get('b', () => ({ x: 1 }))
    expect(a.etag).toMatch(/^"[\w-]{27}"$/)
    expect(b.etag).toBe(a.etag)
  })

  it('keeps no failed computation: the next request tries again', async () => {
    const cache = new PublicCache(15_000, () => 0)
    await expect(cache.get('k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down')
    expect((await cache.get('k', () => ({ ok: true }))).json).toBe('{"ok":true}')
  })

  it('honours a per-key TTL', async () => {
    let t = 0
    let n = 0
    const cache = new PublicCache(15_000, () => t)
    await cache.get('day', () => ++n, 300_000)
    t = 200_000
    await cache.get('day', () => ++n, 300_000)
    expect(n).toBe(1)
  })
})
