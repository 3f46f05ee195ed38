/**
 * When reports are made (China Standard Time): the daily air report at 00:30 for the day before;
 * the monthly report and the targets report of the month at 00:30 on the 1st; the annual report
 * at 00:30 on 1 January. One timer wakes at the next 00:30 CST and `runDue` generates whatever is
 * due and not stored yet, so a missed run (the server was down at 00:30) is caught up at start:
 * the daily reports of the last `catchUpDays` days and the latest month and year.
 */
import type { ReportKind, ReportTrigger } from '../../../shared/src/protocol/http/reports'
import { lastCompleted, parseReportPeriod, type PeriodGrain } from '../../../shared/src/reports/report-period'
import { DAY_MS, cstDate, cstDay, cstDayStart } from '../../../shared/src/standards/time'
import type { ReportService } from './report-service'

/** Minutes after CST midnight at which reports are due. */
export const DUE_MINUTE = 30

/** Which kinds are scheduled, at which grain. */
export const SCHEDULED: readonly { kind: ReportKind; grain: PeriodGrain }[] = [
  { kind: 'daily-air', grain: 'day' },
  { kind: 'monthly', grain: 'month' },
  { kind: 'targets', grain: 'month' },
  { kind: 'annual', grain: 'year' },
]

export interface SchedulerOptions {
  now: () => number
  /** Daily reports caught up at start, counting back from the latest due one (default 7). */
  catchUpDays?: number
  /** Delay of the catch-up after start (default 30 s). */
  startDelayMs?: number
  onError?: (e: Error, kind: ReportKind, period: string) => void
  /** Timers (tests may inject). */
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (h: unknown) => void
}

/** The periods of each scheduled kind that are due at `now` (newest first for days). */
export function duePeriods(now: number, catchUpDays: number): { kind: ReportKind; period: string }[] {
  const t = now - DUE_MINUTE * 60_000
  const out: { kind: ReportKind; period: string }[] = []
  for (const s of SCHEDULED) {
    const last = lastCompleted(s.grain, t)
    if (s.grain !== 'day') {
      out.push({ kind: s.kind, period: last.text })
      continue
    }
    for (let d = last.first; d > last.first - Math.max(1, catchUpDays); d--) out.push({ kind: s.kind, period: cstDate(d) })
  }
  return out
}

/** Milliseconds from `now` to the next 00:30 CST. */
export function msToNextDue(now: number): number {
  const due = cstDayStart(cstDay(now)) + DUE_MINUTE * 60_000
  return (due > now ? due : due + DAY_MS) - now
}

export class ReportScheduler {
  private timer: unknown
  private catchUp: unknown
  private stopped = false
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly service: Pick<ReportService, 'generate' | 'store'>,
    private readonly o: SchedulerOptions,
  ) {}

  /**
   * Catch up what was missed `startDelayMs` after start (default 30 s: start-up, the store's warm-up
   * and a short-lived process are not slowed down), then wake at every 00:30 CST.
   */
  start(): void {
    const set = this.o.setTimeout ?? ((fn, ms) => setTimeout(fn, ms).unref())
    this.catchUp = set(() => {
      this.running = this.running.then(() => this.runDue('catch-up'))
    }, this.o.startDelayMs ?? 30_000)
    this.arm()
  }

  /** Wait for the run in progress (tests). */
  idle(): Promise<void> {
    return this.running
  }

  stop(): void {
    this.stopped = true
    const clear = this.o.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
    if (this.timer !== undefined) clear(this.timer)
    if (this.catchUp !== undefined) clear(this.catchUp)
  }

  /** Generate every due report that is not stored yet. A failure is reported and the rest go on. */
  async runDue(trigger: ReportTrigger): Promise<void> {
    for (const { kind, period } of duePeriods(this.o.now(), trigger === 'catch-up' ? (this.o.catchUpDays ?? 7) : 1)) {
      if (this.stopped) return
      if (this.service.store.latest(kind, period) || !parseReportPeriod(period)) continue
      try {
        await this.service.generate(kind, period, trigger)
      } catch (e) {
        this.o.onError?.(e as Error, kind, period)
      }
    }
  }

  private arm(): void {
    if (this.stopped) return
    const set = this.o.setTimeout ?? ((fn, ms) => setTimeout(fn, ms).unref())
    this.timer = set(() => {
      this.running = this.running.then(() => this.runDue('schedule')).finally(() => this.arm())
    }, msToNextDue(this.o.now()))
  }
}
