/**
 * Login throttle (issue 15): failed logins are limited per client address, per (address,
 * account) and per account from any address, so that neither one address guessing many passwords
 * nor many addresses (a botnet, or forged `X-Forwarded-For` behind a proxy that passes it
 * through) guessing one account's password get far.
 *
 * - per (address, account): `perAddressAccount` failures in `windowMs`, then 429 until the
 *   oldest failure leaves the window;
 * - per address, any account: `perAddress` failures in `windowMs`, likewise;
 * - per account, any address: the first `accountFree` failures cost nothing, then each further
 *   attempt must wait `accountBaseDelayMs` × 2^k after the account's last failure (k = failures
 *   past the free ones), at most `accountMaxDelayMs`; the count is forgotten after `windowMs`
 *   without a failure. A delay, never a lock: a real user waits at most `accountMaxDelayMs`
 *   however long an attack lasts, and not at all from an address they logged in from within
 *   `knownAddressMs` (the per-address limits still apply there). An attacker is held to about one
 *   guess per `accountMaxDelayMs` per account.
 *
 * State is in memory. In a cluster a replica (server/src/cluster/redis-throttle.ts) shares every
 * failure and success with the other server nodes, so spreading attempts over them gains nothing;
 * without one each node counts alone. Maps are bounded; the oldest entries go first, and an entry
 * is renewed on every failure, so a flood of new keys cannot evict an account under attack.
 */

/** Which limit refused an attempt. */
export type ThrottleScope = 'address-account' | 'address' | 'account'

/** A failed or successful login, as shared between server nodes. */
export interface ThrottleEvent {
  kind: 'fail' | 'succeed'
  ip: string
  username: string
  /** When it happened (ms since the epoch). */
  at: number
}

/** Shares this node's events with the other nodes (which pass theirs to `applyRemote`). */
export interface ThrottleReplica {
  share(e: ThrottleEvent): void
}

/** Options of {@link LoginThrottle}; every field except `replica` has a default. */
export interface LoginThrottleOptions {
  /** Failures per (address, account) in the window (default 5). */
  perAddressAccount?: number
  /** Failures per address, any account, in the window (default 20). */
  perAddress?: number
  /** Sliding window of the address limits, and the account's idle reset (default 15 min). */
  windowMs?: number
  /** Failures of one account from anywhere before attempts are spaced out (default 10). */
  accountFree?: number
  /** First spacing after the free failures (default 2 s). */
  accountBaseDelayMs?: number
  /** Longest spacing (default 5 min). */
  accountMaxDelayMs?: number
  /** How long an address a user logged in from is exempt from the account spacing (default 30 days). */
  knownAddressMs?: number
  /** Entries kept per map (default 100 000). */
  maxEntries?: number
  now?: () => number
  /** The cluster's other server nodes (none: this node counts alone). */
  replica?: ThrottleReplica
}

interface AccountState {
  failures: number
  last: number
}

/**
 * @example
 * const throttle = new LoginThrottle()
 * const wait = throttle.retryAfter(req.ip, username) // seconds, 0 = go ahead
 * if (!ok) throttle.fail(req.ip, username); else throttle.succeed(req.ip, username)
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()
  private readonly accounts = new Map<string, AccountState>()
  private readonly known = new Map<string, number>()
  private readonly o: Required<Omit<LoginThrottleOptions, 'replica'>>
  private readonly replica?: ThrottleReplica

  constructor(opts: LoginThrottleOptions = {}) {
    this.o = {
      perAddressAccount: 5,
      perAddress: 20,
      windowMs: 15 * 60_000,
      accountFree: 10,
      accountBaseDelayMs: 2000,
      accountMaxDelayMs: 5 * 60_000,
      knownAddressMs: 30 * 86_400_000,
      maxEntries: 100_000,
      now: Date.now,
      ...opts,
    }
    this.replica = opts.replica
  }

  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(ip: string, username: string): number {
    return this.check(ip, username)?.seconds ?? 0
  }

  /** The limit that refuses an attempt now and for how many seconds, or undefined when it is allowed. */
  check(ip: string, username: string): { scope: ThrottleScope; seconds: number } | undefined {
    const t = this.o.now()
    const user = username.toLowerCase()
    for (const [key, max, scope] of [
      [`${ip}|${user}`, this.o.perAddressAccount, 'address-account'],
      [ip, this.o.perAddress, 'address'],
    ] as const) {
      const list = this.recent(key, t)
      if (list.length >= max) return { scope, seconds: Math.max(1, Math.ceil((list[0]! + this.o.windowMs - t) / 1000)) }
    }
    if (this.isKnown(user, ip, t)) return undefined
    const a = this.account(user, t)
    if (!a || a.failures < this.o.accountFree) return undefined
    const delay = Math.min(this.o.accountBaseDelayMs * 2 ** (a.failures - this.o.accountFree), this.o.accountMaxDelayMs)
    const wait = a.last + delay - t
    return wait > 0 ? { scope: 'account', seconds: Math.ceil(wait / 1000) } : undefined
  }

  fail(ip: string, username: string): void {
    this.local({ kind: 'fail', ip, username, at: this.o.now() })
  }

  /**
   * A successful login clears its (address, account) failures and makes the address known for the
   * account. The account's own count is left to decay: an attack on it may still be going on.
   */
  succeed(ip: string, username: string): void {
    this.local({ kind: 'succeed', ip, username, at: this.o.now() })
  }

  /** Another node's event (from the replica); not shared again. */
  applyRemote(e: ThrottleEvent): void {
    this.apply(e)
  }

  private local(e: ThrottleEvent): void {
    this.apply(e)
    this.replica?.share(e)
  }

  private apply(e: ThrottleEvent): void {
    const user = e.username.toLowerCase()
    const t = e.at
    if (e.kind === 'succeed') {
      this.failures.delete(`${e.ip}|${user}`)
      this.put(this.known, `${user}|${e.ip}`, t)
      return
    }
    for (const key of [`${e.ip}|${user}`, e.ip]) {
      const list = this.recent(key, this.o.now())
      list.push(t)
      // Another node's event may arrive after a later local one: keep the oldest first.
      if (list.length > 1 && list[list.length - 2]! > t) list.sort((a, b) => a - b)
      this.put(this.failures, key, list)
    }
    const a = this.account(user, this.o.now()) ?? { failures: 0, last: t }
    this.put(this.accounts, user, { failures: a.failures + 1, last: Math.max(a.last, t) })
  }

  private recent(key: string, t: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((x) => t - x < this.o.windowMs)
    if (!list.length) this.failures.delete(key)
    return list
  }

  private account(user: string, t: number): AccountState | undefined {
    const a = this.accounts.get(user)
    if (a && t - a.last >= this.o.windowMs) {
      this.accounts.delete(user)
      return undefined
    }
    return a
  }

  private isKnown(user: string, ip: string, t: number): boolean {
    const at = this.known.get(`${user}|${ip}`)
    return at !== undefined && t - at < this.o.knownAddressMs
  }

  /** Insert or renew (as the newest entry), evicting the oldest beyond the bound. */
  private put<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key)
    map.set(key, value)
    while (map.size > this.o.maxEntries) map.delete(map.keys().next().value!)
  }
}
