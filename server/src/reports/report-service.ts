/**
 * The reports service: generates reports (one at a time, so two city-year reports never hold their
 * aggregates at once), stores them with their inputs' version, reissues them when their inputs
 * changed, renders their files (cached beside the documents, streamed to readers) and hands every
 * issued report to the mailer.
 *
 * - `generate(kind, period, trigger)`: a scheduled or catch-up run returns the stored report when
 *   one exists; an on-demand run recomputes and stores a new version only when the inputs changed
 *   (the same inputs give the stored report back, with its numbers unchanged).
 * - `reissueIfChanged(kind, period)`: recompute, compare the inputs' version with the newest stored
 *   one, and store (and mail) a new version when it differs. The old versions stay. The lead
 *   connects this to review marks (issue 13).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import type { ReportDoc, ReportEntry, ReportFormat, ReportKind, ReportLang, ReportTrigger } from '../../../shared/src/protocol/http/reports'
import { parseReportPeriod, periodProblem } from '../../../shared/src/reports/report-period'
import { buildReport, type BuilderDeps } from './report-builder'
import { REPORT_ID, ReportStore } from './report-store'
import { renderPdf, type ReportFont } from './render-pdf'
import { renderXlsx } from './render-xlsx'

/** A request the service refuses (a 400/404 for the API). */
export class ReportRequestError extends Error {
  constructor(
    readonly code: 'invalid-period' | 'not-found',
    message: string,
  ) {
    super(message)
  }
}

export interface ReportServiceOptions {
  /** `${DATA_DIR}/reports`. */
  dir: string
  builder: BuilderDeps
  now: () => number
  font: ReportFont
  /** ISO time in CST for `generatedAt`. */
  iso: (t: number) => string
  /** Called after a report is stored (not for a stored report returned again). */
  onIssued?: (doc: ReportDoc, trigger: ReportTrigger) => void
}

/** Result of a generation: the stored report, and whether this call stored it. */
export interface Generated {
  doc: ReportDoc
  created: boolean
}

export class ReportService {
  readonly store: ReportStore
  private queue: Promise<unknown> = Promise.resolve()
  /** Set by the composition root once the mailer exists. */
  onIssued: ReportServiceOptions['onIssued']

  constructor(private readonly o: ReportServiceOptions) {
    this.store = new ReportStore(o.dir)
    this.onIssued = o.onIssued
  }

  /** Stored reports, newest first. */
  list(filter: { kind?: ReportKind; period?: string } = {}): ReportEntry[] {
    return this.store.list(filter)
  }

  /** One stored report. */
  get(id: string): ReportDoc | undefined {
    return this.store.get(id)
  }

  /**
   * Generate a report of a past period. Throws {@link ReportRequestError} for a period that does
   * not fit the kind or is not over.
   */
  generate(kind: ReportKind, period: string, trigger: ReportTrigger): Promise<Generated> {
    const problem = periodProblem(kind, period, this.o.now())
    if (problem) return Promise.reject(new ReportRequestError('invalid-period', problem))
    return this.serial(async () => {
      const stored = this.store.latest(kind, period)
      if (stored && (trigger === 'schedule' || trigger === 'catch-up')) return { doc: this.store.get(stored.id)!, created: false }
      return this.buildAndStore(kind, period, trigger, stored?.inputsVersion)
    })
  }

  /**
   * Recompute a stored (or never generated) report and store a new version when its inputs changed.
   * Resolves to the new version, or undefined when the inputs are the same.
   */
  async reissueIfChanged(kind: ReportKind, period: string): Promise<ReportDoc | undefined> {
    const problem = periodProblem(kind, period, this.o.now())
    if (problem) throw new ReportRequestError('invalid-period', problem)
    const r = await this.serial(() => this.buildAndStore(kind, period, 'reissue', this.store.latest(kind, period)?.inputsVersion))
    return r.created ? r.doc : undefined
  }

  /**
   * The path of a report's rendered file, rendered on first use and kept (a stored version never
   * changes, so neither does its file). JSON is the stored document itself.
   */
  async file(id: string, format: ReportFormat, lang: ReportLang): Promise<string> {
    if (!REPORT_ID.test(id) || !this.store.entry(id)) throw new ReportRequestError('not-found', `no report ${id}`)
    if (format === 'json') return join(this.o.dir, `${id}.json`)
    const doc = this.store.get(id)
    if (!doc) throw new ReportRequestError('not-found', `no report ${id}`)
    const dir = join(this.o.dir, 'files')
    const file = join(dir, `${id}.${lang}.${format}`)
    if (existsSync(file)) return file
    mkdirSync(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
    const out = createWriteStream(tmp, { mode: 0o640 })
    try {
      if (format === 'xlsx') await renderXlsx(doc, lang, out)
      else await renderPdf(doc, lang, this.o.font, out)
      if (!out.writableFinished) await finished(out)
      renameSync(tmp, file)
    } catch (e) {
      out.destroy()
      rmSync(tmp, { force: true })
      throw e
    }
    return file
  }

  /** Wait for the generations queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined)
  }

  private async buildAndStore(kind: ReportKind, period: string, trigger: ReportTrigger, previous: string | undefined): Promise<Generated> {
    const built = await buildReport(this.o.builder, kind, parseReportPeriod(period)!)
    if (previous === built.inputsVersion) return { doc: this.store.get(this.store.latest(kind, period)!.id)!, created: false }
    const doc = this.store.add(built, trigger, this.o.iso(this.o.now()))
    this.onIssued?.(doc, trigger)
    return { doc, created: true }
  }

  /** Run generations one after another. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn)
    this.queue = next.catch(() => undefined)
    return next
  }
}
