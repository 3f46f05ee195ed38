/**
 * The data review stack (issue 13), built once by a composition root: the review log under
 * `DATA_DIR/review/`, the remits, the review service, the reviewed view of the store, and the pieces
 * others take from it: the router, the alert annotation, the sign-off share of the targets and the
 * invalidated ranges of the completeness computation.
 */
import { join } from 'node:path'
import type { Request } from 'express'
import type { Alert, AlertEvent } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import type { Store } from '../../../shared/src/ports/store'
import type { InvalidatedRange } from '../../../shared/src/review/apply-marks'
import type { Signoff } from '../../../shared/src/review/signoff'
import { ReviewLog } from './review-log'
import { loadRemits } from './remits'
import { reviewRouter } from './review-router'
import { ReviewService, type ReviewChange } from './review-service'
import { ReviewedStore } from './reviewed-store'

export interface ReviewStackOptions {
  dataDir: string
  /** The raw store. */
  store: Store
  registry: { get(id: string): Station | undefined; list(): Station[] }
  now: () => number
  warn: (m: string) => void
}

/** An alert's review annotation on the wire (absent when review left its data alone). */
export type AlertReviewNote = NonNullable<AlertEvent['review']>

export interface ReviewStack {
  service: ReviewService
  /** The store with the marks applied (reads); writes go to the raw store. */
  reviewed: Store
  /** The sign-offs in force (the targets' provisional/final). */
  signoffs: () => readonly Signoff[]
  /** The stretches review leaves out: the completeness computation's invalidated input. */
  invalidatedRanges: () => InvalidatedRange[]
  /** An alert's wire shape with `review` set when its data was marked invalid ("data invalidated by review"). */
  annotate<T extends AlertEvent>(alert: Alert, event: T): T & { review?: AlertReviewNote }
  router(o: { alerts: () => Alert[]; actor: (req: Request) => string }): ReturnType<typeof reviewRouter>
  onChange(fn: (c: ReviewChange) => void): void
}

/** Build the review stack over a raw store. */
export function createReviewStack(o: ReviewStackOptions): ReviewStack {
  const dir = join(o.dataDir, 'review')
  const log = new ReviewLog(dir, o.warn)
  const service = new ReviewService({ log, registry: o.registry, now: o.now, remitOf: loadRemits(join(dir, 'remits.json')) })
  const reviewed = new ReviewedStore(o.store, () => service.marks()).asStore()
  return {
    service,
    reviewed,
    signoffs: () => service.signoffs(),
    invalidatedRanges: () => service.invalidatedRanges(),
    annotate(alert, event) {
      const m = service.invalidating(alert)
      return m ? { ...event, review: { invalidated: true, markId: m.id, reason: m.reason, by: m.by } } : event
    },
    router: (r) =>
      reviewRouter({ service, store: o.store, stations: () => o.registry.list(), alerts: r.alerts, actor: r.actor, now: o.now }),
    onChange: (fn) => service.onChange(fn),
  }
}
