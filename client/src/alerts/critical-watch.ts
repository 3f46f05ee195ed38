/**
 * Which alerts deserve a sound and a desktop notification: a critical alert that is open and was
 * not critical-and-open when last seen (newly opened, or escalated to critical). The alerts
 * present at the first look (the initial load, or a resync after a reconnect) only prime the
 * watch, so loading the page never rings for alerts that are already on screen. Pure.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'

// A historical exceedance (late data, already over) never rings, whatever its severity (issue 10).
const ringing = (a: AlertEvent) => a.severity === 'critical' && a.state === 'open' && !a.historical

/** Remembers which alerts were critical and open. */
export class CriticalWatch {
  private known = new Map<string, boolean>()
  private primed = false

  /**
   * The alerts that just became critical and open, given every alert held now.
   * @example const fresh = watch.take(alertStore.list()) // [] on the first call
   */
  take(alerts: Iterable<AlertEvent>): AlertEvent[] {
    const fresh: AlertEvent[] = []
    const next = new Map<string, boolean>()
    for (const a of alerts) {
      const now = ringing(a)
      next.set(a.id, now)
      if (this.primed && now && this.known.get(a.id) !== true) fresh.push(a)
    }
    this.known = next
    this.primed = true
    return fresh
  }

  /** Forget everything: the next call primes again (after a resync). */
  reset(): void {
    this.known.clear()
    this.primed = false
  }
}
