/**
 * The reports feature as the composition root sees it (issue 14): the service (build, store,
 * render), the scheduler and the router; `start` connects the mailer to the notifier and starts the
 * schedule.
 *
 * ```ts
 * const reports = createReports({ config, log, now, store, registry, targets })  // before the web stack
 * startWebStack({ ..., reports })                                                // mounts /api/reports
 * reports.start({ notifier, publicUrl: web.url, cleanups })                      // after the notifier
 * ```
 */
import type { ReportKind } from '../../../shared/src/protocol/http/reports'
import { signoffShare, type Signoff } from '../../../shared/src/review/signoff'
import { parseReportPeriod } from '../../../shared/src/reports/report-period'
import { join } from 'node:path'
import type { Router } from 'express'
import type { Store } from '../../../shared/src/ports/store'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { Config } from '../config'
import { isoCst } from '../http/time-query'
import type { Logger } from '../log'
import type { NotifierHandle } from '../notify/index'
import type { TargetsService } from '../targets/targets-service'
import { assertReportFont } from './render-pdf'
import { mailReport } from './report-mailer'
import { ReportScheduler } from './report-scheduler'
import { ReportService } from './report-service'
import { reportsRouter } from './reports-router'

export interface ReportsDeps {
  config: Config
  log: Logger
  now: () => number
  store: Pick<Store, 'series' | 'seriesMany'>
  registry: Pick<StationRegistry, 'list'>
  targets: Pick<TargetsService, 'forPeriod'>
  /** The sign-offs in force (data review, issue 13): a section is `reviewed` when all its station-days are signed off. */
  signoffs?: () => readonly Signoff[]
}

export interface Reports {
  service: ReportService
  router: Router
  /** Mail issued reports through the notifier and start the schedule (REPORTS_SCHEDULE). */
  start(o: {
    notifier?: Pick<NotifierHandle, 'reportRecipients' | 'email'>
    publicUrl: string
    cleanups: { push(fn: () => unknown): void }
  }): void
  /**
   * Reviewed data changed over [from, to) (a mark, a withdrawal, a sign-off or a reopening): every
   * stored report whose period overlaps it is recomputed, and reissued as a new version when its
   * inputs changed (the old version is kept).
   */
  reviewChanged(c: { from: number; to: number }): void
}

/** Build the reports feature. Warns (does not fail) when the PDF font is missing: PDFs then answer 503. */
export function createReports(d: ReportsDeps): Reports {
  const cfg = d.config.reports
  try {
    assertReportFont(cfg.font)
  } catch (e) {
    d.log.error(`reports: ${(e as Error).message}`)
  }
  const service = new ReportService({
    dir: join(d.config.dataDir, 'reports'),
    builder: {
      store: d.store,
      stations: () => d.registry.list(),
      targets: d.targets,
      ...(d.signoffs ? { signoffShare: (st, first, last) => signoffShare(d.signoffs!(), st, first, last) } : {}),
    },
    now: d.now,
    font: cfg.font,
    iso: isoCst,
  })
  return {
    service,
    router: reportsRouter(service),
    reviewChanged(c) {
      const due = new Map<string, [ReportKind, string]>()
      for (const e of service.list()) {
        const p = parseReportPeriod(e.period)
        if (p && p.from < c.to && c.from < p.to) due.set(`${e.kind}/${e.period}`, [e.kind, e.period])
      }
      for (const [kind, period] of due.values())
        service
          .reissueIfChanged(kind, period)
          .then((doc) => doc && d.log.info(`report ${kind} ${period} reissued as version ${doc.version} after a data review change`))
          .catch((e: Error) => d.log.warn(`report ${kind} ${period}: reissue after a review change failed: ${e.message}`))
    },
    start({ notifier, publicUrl, cleanups }) {
      if (notifier) {
        const mailer = {
          recipients: notifier.reportRecipients,
          email: notifier.email,
          file: service.file.bind(service),
          publicUrl,
          maxAttachBytes: cfg.mailMaxBytes,
          log: d.log,
        }
        service.onIssued = (doc, trigger) => {
          if (trigger === 'on-demand') return
          void mailReport(doc, mailer).catch((e: Error) => d.log.warn(`report ${doc.id}: mailing failed: ${e.message}`))
        }
      }
      if (!cfg.schedule) return
      const scheduler = new ReportScheduler(service, {
        now: d.now,
        catchUpDays: cfg.catchUpDays,
        onError: (e, kind, period) => d.log.limited(`report:${kind}`, 'warn', `report ${kind} ${period} failed: ${e.message}`),
      })
      scheduler.start()
      cleanups.push(async () => {
        scheduler.stop()
        await service.idle()
      })
    },
  }
}
