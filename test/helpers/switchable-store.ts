/**
 * Fault injection for outage tests: a real store behind a switch. While `down`, every call rejects
 * as an unreachable server would; the data underneath is the real store's.
 */
import type { Reading } from '../../shared/src/domain/reading'
import type { CompletenessQuery, ExportQuery, Series, SeriesQuery, Store, StoreState } from '../../shared/src/ports/store'

export class SwitchableStore implements Store {
  down = false
  /** Add latency to every write (a slow store). */
  writeDelayMs = 0
  failedWrites = 0
  get name() {
    return this.inner.name
  }
  constructor(readonly inner: Store) {}
  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED (store outage injected by the test)')
  }
  async write(r: readonly Reading[]): Promise<void> {
    if (this.writeDelayMs) await new Promise((res) => setTimeout(res, this.writeDelayMs))
    if (this.down) {
      this.failedWrites++
      this.check()
    }
    return this.inner.write(r)
  }
  async series(q: SeriesQuery): Promise<Series[]> {
    this.check()
    return this.inner.series(q)
  }
  exportRows(q: ExportQuery) {
    this.check()
    return this.inner.exportRows(q)
  }
  async latest() {
    this.check()
    return this.inner.latest()
  }
  async completenessCounts(q: CompletenessQuery) {
    this.check()
    return this.inner.completenessCounts(q)
  }
  async count(s?: string, f?: number, t?: number) {
    return this.inner.count(s, f, t)
  }
  async ping(): Promise<StoreState> {
    return this.down ? 'down' : this.inner.ping()
  }
  close() {
    return this.inner.close()
  }
}
