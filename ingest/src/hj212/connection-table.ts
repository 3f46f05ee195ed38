/**
 * The HJ 212 listener's connections and who may take a slot (issue 15): at most
 * `maxPendingPerAddress` unauthenticated connections per address, at most `maxConnections` in all;
 * when full, the oldest unauthenticated connection makes room before any authenticated one, and a
 * listener full of authenticated loggers refuses the newcomer. Each station has one live
 * connection: the newer authenticated one replaces the older. The table only decides and keeps
 * count; the listener closes sockets.
 *
 * Authenticated connections do not count against the per-address cap: many real loggers behind
 * one NAT or one private APN gateway share an address, and each of them is bounded already by the
 * one-connection-per-station rule.
 */
import type { Hj212ConnectionState, Hj212RefuseReason } from './types'

/** What to do with a new connection from an address. */
export type Admission<T> = { verdict: 'accept' } | { verdict: 'evict'; victim: T } | { verdict: 'refuse'; reason: Hj212RefuseReason }

/** Limits; `maxPendingPerAddress` 0 means no per-address cap. */
export interface ConnectionTableLimits {
  maxConnections: number
  maxPendingPerAddress: number
}

/** Connections by state, oldest unauthenticated first, and the live connection of each station. */
export class ConnectionTable<T extends { readonly address: string }> {
  // A Set iterates in insertion order: the first unauthenticated connection is the oldest.
  private readonly pending = new Set<T>()
  private readonly pendingByAddress = new Map<string, number>()
  private readonly authenticated = new Set<T>()
  private readonly owners = new Map<string, T>()
  private readonly stationsOf = new Map<T, string[]>()

  /**
   * @example
   * const table = new ConnectionTable<Conn>({ maxConnections: 1024, maxPendingPerAddress: 16 })
   * const a = table.admit('10.1.2.3') // { verdict: 'accept' } | { verdict: 'evict', victim } | { verdict: 'refuse', reason }
   */
  constructor(readonly limits: ConnectionTableLimits) {}

  /** Connections in the table. */
  get size(): number {
    return this.pending.size + this.authenticated.size
  }

  /** Connections in a state. */
  count(state: Hj212ConnectionState): number {
    return state === 'authenticated' ? this.authenticated.size : this.pending.size
  }

  /** Unauthenticated connections from this address. */
  pendingFrom(address: string): number {
    return this.pendingByAddress.get(address) ?? 0
  }

  /** Every connection in the table. */
  *all(): IterableIterator<T> {
    yield* this.pending
    yield* this.authenticated
  }

  /**
   * Whether a new connection from `address` may be taken: refused when its address is at its cap,
   * accepted when there is room, else accepted in place of the oldest unauthenticated connection
   * (the caller removes and closes `victim`), else refused (`full`: every slot authenticated).
   */
  admit(address: string): Admission<T> {
    const { maxConnections, maxPendingPerAddress } = this.limits
    if (maxPendingPerAddress > 0 && this.pendingFrom(address) >= maxPendingPerAddress) return { verdict: 'refuse', reason: 'per-address' }
    if (this.size < maxConnections) return { verdict: 'accept' }
    const oldest = this.pending.values().next()
    return oldest.done ? { verdict: 'refuse', reason: 'full' } : { verdict: 'evict', victim: oldest.value }
  }

  /** Take a new, unauthenticated connection. */
  add(c: T): void {
    this.pending.add(c)
    this.pendingByAddress.set(c.address, this.pendingFrom(c.address) + 1)
  }

  /**
   * `c` sent a valid frame for `stationId`: it is authenticated and now the station's live
   * connection. Returns the station's previous connection when another one held it (the caller
   * removes and closes it). A connection no longer in the table (being closed) is left out.
   */
  authenticate(c: T, stationId: string): T | undefined {
    const previous = this.owners.get(stationId)
    if (previous === c) return undefined
    if (this.pending.delete(c)) {
      this.dropPending(c.address)
      this.authenticated.add(c)
    } else if (!this.authenticated.has(c)) return undefined
    this.owners.set(stationId, c)
    const stations = this.stationsOf.get(c)
    if (stations) stations.push(stationId)
    else this.stationsOf.set(c, [stationId])
    return previous
  }

  /** The station's live connection, if any. */
  ownerOf(stationId: string): T | undefined {
    return this.owners.get(stationId)
  }

  /** Forget a connection (closed, evicted or replaced); idempotent. */
  remove(c: T): void {
    if (this.pending.delete(c)) this.dropPending(c.address)
    this.authenticated.delete(c)
    for (const s of this.stationsOf.get(c) ?? []) if (this.owners.get(s) === c) this.owners.delete(s)
    this.stationsOf.delete(c)
  }

  private dropPending(address: string): void {
    const n = this.pendingFrom(address) - 1
    if (n > 0) this.pendingByAddress.set(address, n)
    else this.pendingByAddress.delete(address)
  }
}
