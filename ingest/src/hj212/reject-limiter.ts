/**
 * How many of the HJ 212 listener's rejects reach the dead letter: at most `perAddress` per sender
 * address and reason, and `total` overall, in each clock minute; the rest are only counted.
 * Without it, one client opening a thousand connections a second (each refused) would write a
 * thousand dead letters a second and push the rejects that matter out of sight (issue 15). The
 * allowance is per reason so that one kind (stray bytes, refusals) cannot hide another (the
 * auth timeout or eviction of that same address). Memory is bounded by `total`: an address and
 * reason get an entry only when one of their rejects is recorded, and the minute's entries are
 * dropped when the next minute starts.
 */
export class RejectLimiter {
  private minute = Number.NaN
  private total = 0
  private readonly byAddress = new Map<string, number>()

  /**
   * @example
   * const limiter = new RejectLimiter(20, 600)
   * if (limiter.allow('10.1.2.3', 'connection-refused')) deadLetters.add(d); else stats.unrecorded++
   */
  constructor(
    private readonly perAddress: number,
    private readonly totalLimit: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True when a reject from this address for this reason may be recorded now (and counts it), false when over. */
  allow(address: string, reason: string): boolean {
    const minute = Math.floor(this.clock() / 60_000)
    if (minute !== this.minute) {
      this.minute = minute
      this.total = 0
      this.byAddress.clear()
    }
    if (this.total >= this.totalLimit) return false
    const key = `${reason} ${address}`
    const n = this.byAddress.get(key) ?? 0
    if (n >= this.perAddress) return false
    this.byAddress.set(key, n + 1)
    this.total++
    return true
  }
}
