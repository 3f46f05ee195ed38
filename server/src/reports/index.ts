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
    builder: { store: d.store, stations: () => d.registry.list(), targets: d.targets },
    now: d.now,
    font: cfg.font,
    iso: isoCst,
  })
  return {
    service,
    router: reportsRouter(service),
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
