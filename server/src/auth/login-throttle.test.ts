import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle'

/** A throttle on a hand-driven clock. */
function throttle(opts: ConstructorParameters<typeof LoginThrottle>[0] = {}) {
  let t = 1_000_000
  const th = new LoginThrottle({ now: () => t, ...opts })
  return { th, advance: (ms: number) => (t += ms) }
}

describe('LoginThrottle', () => {
  it('refuses the 6th failure of one address for one account for the rest of the window', () => {
    const { th, advance } = throttle()
    for (let i = 0; i < 5; i++) {
      expect(th.check('10.0.0.1', 'ops')).toBeUndefined()
      th.fail('10.0.0.1', 'ops')
    }
    expect(th.check('10.0.0.1', 'OPS')).toEqual({ scope: 'address-account', seconds: 900 })
    advance(15 * 60_000)
    expect(th.check('10.0.0.1', 'ops')).toBeUndefined()
  })

  it('refuses an address after 20 failures spread over many accounts', () => {
    const { th } = throttle()
    for (let i = 0; i < 20; i++) th.fail('10.0.0.1', `user-${i}`)
    expect(th.check('10.0.0.1', 'someone-else')?.scope).toBe('address')
    expect(th.check('10.0.0.2', 'someone-else')).toBeUndefined()
  })

  it('spaces out one account attacked from ever new addresses: 2 s, 4 s, 8 s ... after 10 free failures', () => {
    const { th, advance } = throttle()
    for (let i = 0; i < 10; i++) {
      expect(th.check(`203.0.113.${i}`, 'ops')).toBeUndefined()
      th.fail(`203.0.113.${i}`, 'ops')
    }
    const waits: number[] = []
    for (let i = 10; i < 16; i++) {
      const r = th.check(`203.0.113.${i}`, 'ops')
      expect(r?.scope).toBe('account')
      waits.push(r!.seconds)
      advance(r!.seconds * 1000)
      expect(th.check(`203.0.113.${i}`, 'ops')).toBeUndefined()
      th.fail(`203.0.113.${i}`, 'ops')
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64])
    // Another account is not affected.
    expect(th.check('203.0.113.99', 'analyst')).toBeUndefined()
  })

  it('never delays an account longer than the cap, however long the attack', () => {
    const { th, advance } = throttle()
    for (let i = 0; i < 40; i++) {
      const r = th.check(`198.51.100.${i}`, 'ops')
      if (r) advance(r.seconds * 1000)
      th.fail(`198.51.100.${i}`, 'ops')
    }
    expect(th.check('198.51.100.200', 'ops')).toEqual({ scope: 'account', seconds: 300 })
  })

  it("forgets an account's failures after a quiet window", () => {
    const { th, advance } = throttle()
    for (let i = 0; i < 12; i++) th.fail(`203.0.113.${i}`, 'ops')
    expect(th.check('203.0.113.50', 'ops')?.scope).toBe('account')
    advance(15 * 60_000)
    expect(th.check('203.0.113.50', 'ops')).toBeUndefined()
  })

  it('lets the real user in from an address they logged in from before, during an attack on their account', () => {
    const { th, advance } = throttle()
    th.succeed('10.8.0.7', 'ops')
    advance(86_400_000)
    for (let i = 0; i < 14; i++) th.fail(`203.0.113.${i}`, 'ops')
    expect(th.check('203.0.113.77', 'ops')?.scope).toBe('account')
    expect(th.check('10.8.0.7', 'ops')).toBeUndefined()
    advance(30 * 86_400_000)
    for (let i = 0; i < 12; i++) th.fail(`203.0.113.${i}`, 'ops')
    expect(th.check('10.8.0.7', 'ops')?.scope).toBe('account') // known for 30 days only
  })

  it('keeps an account under attack when a flood of other keys passes the bound', () => {
    const { th } = throttle({ maxEntries: 50 })
    for (let i = 0; i < 12; i++) {
      th.fail(`203.0.113.${i}`, 'ops')
      for (let j = 0; j < 10; j++) th.fail(`192.0.2.${i * 10 + j}`, `nobody-${i}-${j}`)
    }
    th.fail('203.0.113.200', 'ops')
    expect(th.check('203.0.113.201', 'ops')?.scope).toBe('account')
  })
})
