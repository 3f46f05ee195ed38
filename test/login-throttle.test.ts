/**
 * Login throttling against forged `X-Forwarded-For` (issue 15): by default the header is ignored
 * and the socket's address is throttled; with TRUST_PROXY naming the proxy (loopback here), the
 * forwarded addresses are believed, so a client choosing a new one per attempt is held back by the
 * per-account limit, while the real user still gets in from an address they used before. Server
 * nodes of a cluster share the throttle through Redis (real redis-server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPassword } from '../server/src/auth/demo-users'
import { LoginThrottle } from '../server/src/auth/login-throttle'
import { connectRedis, type RedisLink } from '../server/src/cluster/redis-adapter'
import { RedisThrottle } from '../server/src/cluster/redis-throttle'
import { createLogger } from '../server/src/log'
import { hasRedis, startRedis, type RedisServer } from './helpers/redis'
import { TEST_STATION_SECRET, startTestSystem, type TestSystem } from './helpers/start-system'

async function login(sys: TestSystem, username: string, password: string, forwardedFor?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor
  return fetch(`${sys.url}/api/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password }) })
}

describe('login throttle, TRUST_PROXY unset (default)', () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await startTestSystem()
  })
  afterAll(async () => {
    await sys?.stop()
  })

  it('ignores a forged X-Forwarded-For: a new one on each attempt is still one address, refused after 5 failures', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await login(sys, 'demo-operator', 'wrong-password!', `203.0.113.${i}`)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    const refused = await login(sys, 'demo-operator', demoPassword(TEST_STATION_SECRET, 'operator'), '198.51.100.1')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ error: { code: 'too-many-attempts' } })
  })
})

describe('login throttle, TRUST_PROXY=loopback (behind a proxy that passes the header through)', () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await startTestSystem({ TRUST_PROXY: 'loopback' })
  })
  afterAll(async () => {
    await sys?.stop()
  })

  it('believes the forwarded address: 5 failures from one refuse that address, not another', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await login(sys, 'demo-viewer', 'wrong-password!', '198.51.100.7')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    expect((await login(sys, 'demo-viewer', demoPassword(TEST_STATION_SECRET, 'viewer'), '198.51.100.8')).status).toBe(200)
  })

  it('throttles one account attacked with a new forged address on every attempt, and lets its user in from a known address', async () => {
    const password = demoPassword(TEST_STATION_SECRET, 'analyst')
    // The analyst logged in from the office before.
    expect((await login(sys, 'demo-analyst', password, '10.9.9.9')).status).toBe(200)
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await login(sys, 'demo-analyst', 'wrong-password!', `203.0.113.${i}`)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual([429, 429])
    // Refused before the password is checked: the right password from a new address is no oracle.
    const guessed = await login(sys, 'demo-analyst', password, '203.0.113.200')
    expect(guessed.status).toBe(429)
    expect(Number(guessed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // The real user, from the address they used before, is not held back.
    expect((await login(sys, 'demo-analyst', password, '10.9.9.9')).status).toBe(200)
    // Other accounts are not affected.
    expect((await login(sys, 'demo-operator', demoPassword(TEST_STATION_SECRET, 'operator'), '203.0.113.201')).status).toBe(200)
  })
})

describe.skipIf(!hasRedis)('login throttle shared by server nodes through Redis', () => {
  let redis: RedisServer
  const links: RedisLink[] = []
  const replicas: RedisThrottle[] = []
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    for (const r of replicas) await r.close()
    for (const l of links) await l.close()
    await redis?.dispose()
  })

  async function node(id: string): Promise<LoginThrottle> {
    const log = createLogger('error')
    const link = await connectRedis(redis.url, log)
    links.push(link)
    const replica = new RedisThrottle(link.client, id, log)
    replicas.push(replica)
    const throttle = new LoginThrottle({ replica })
    await replica.start(throttle)
    return throttle
  }

  it('refuses on node B what failed on node A, per address and per account', async () => {
    const [a, b] = [await node('web-1'), await node('web-2')]
    for (let i = 0; i < 5; i++) a.fail('198.51.100.9', 'duty-officer')
    await expect.poll(() => b.check('198.51.100.9', 'duty-officer')?.scope).toBe('address-account')
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).fail(`203.0.113.${i}`, 'night-shift')
    await expect.poll(() => [a, b].map((n) => n.check('203.0.113.99', 'night-shift')?.scope)).toEqual(['account', 'account'])
  })

  it("shares a successful login: the user's address is known on every node", async () => {
    const [a, b] = [await node('web-3'), await node('web-4')]
    a.succeed('10.2.2.2', 'analyst-x')
    for (let i = 0; i < 12; i++) a.fail(`192.0.2.${i}`, 'analyst-x')
    await expect.poll(() => b.check('192.0.2.99', 'analyst-x')?.scope).toBe('account')
    expect(b.check('10.2.2.2', 'analyst-x')).toBeUndefined()
  })
})
