/**
 * The store of generated reports, under `${DATA_DIR}/reports/`: one JSON document per report
 * version (`<id>.json`) and an index (`index.json`) of every version, both written atomically.
 * A report is never overwritten: a reissue is a new version beside the old one, so the numbers a
 * reader once got come back the same.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ReportDoc, ReportEntry, ReportKind, ReportTrigger } from '../../../shared/src/protocol/http/reports'
import { REPORT_KINDS } from '../../../shared/src/protocol/http/reports'
import { readJsonFile, writeJsonAtomic } from '../notify/json-file'
import type { BuiltReport } from './report-builder'

/** A report id: `<kind>_<period>_v<version>` (also its file name). */
export const REPORT_ID = /^(daily-air|monthly|annual|targets)_(\d{4}(?:-\d{2}){0,2})_v(\d{1,6})$/

/** An index entry as stored (`superseded` is derived when listing). */
type Stored = Omit<ReportEntry, 'superseded'>

export class ReportStore {
  private readonly entries: Stored[]
  private readonly indexFile: string

  constructor(readonly dir: string) {
    this.indexFile = join(dir, 'index.json')
    const raw = readJsonFile(this.indexFile) as { reports?: Stored[] } | undefined
    if (raw !== undefined && !Array.isArray(raw.reports)) throw new Error(`${this.indexFile}: expected { reports: [...] }`)
    this.entries = (raw?.reports ?? []).filter((e) => REPORT_ID.test(e.id) && (REPORT_KINDS as readonly string[]).includes(e.kind))
  }

  /** Every version, newest generation first, filtered by kind and period. */
  list(filter: { kind?: ReportKind; period?: string } = {}): ReportEntry[] {
    const latest = new Map<string, number>()
    for (const e of this.entries) latest.set(`${e.kind}|${e.period}`, Math.max(latest.get(`${e.kind}|${e.period}`) ?? 0, e.version))
    return this.entries
      .filter((e) => (!filter.kind || e.kind === filter.kind) && (!filter.period || e.period === filter.period))
      .map((e) => ({ ...e, superseded: e.version < latest.get(`${e.kind}|${e.period}`)! }))
      .sort((a, b) => (a.generatedAt < b.generatedAt ? 1 : a.generatedAt > b.generatedAt ? -1 : b.version - a.version))
  }

  /** The newest version of a kind and period. */
  latest(kind: ReportKind, period: string): Stored | undefined {
    let best: Stored | undefined
    for (const e of this.entries) if (e.kind === kind && e.period === period && (!best || e.version > best.version)) best = e
    return best
  }

  /** The index entry of an id. */
  entry(id: string): Stored | undefined {
    return this.entries.find((e) => e.id === id)
  }

  /** A stored document, or undefined for an unknown (or malformed) id. */
  get(id: string): ReportDoc | undefined {
    if (!REPORT_ID.test(id) || !this.entry(id)) return undefined
    const file = join(this.dir, `${id}.json`)
    if (!existsSync(file)) return undefined
    return JSON.parse(readFileSync(file, 'utf8')) as ReportDoc
  }

  /** Store a built report as the next version of its kind and period. */
  add(built: BuiltReport, trigger: ReportTrigger, generatedAt: string): ReportDoc {
    const version = (this.latest(built.kind, built.period)?.version ?? 0) + 1
    const id = `${built.kind}_${built.period}_v${version}`
    const { queries: _queries, ...rest } = built
    void _queries
    const doc: ReportDoc = { id, version, generatedAt, ...rest }
    writeJsonAtomic(join(this.dir, `${id}.json`), doc, 0o640)
    const { sections: _sections, ...head } = doc
    void _sections
    this.entries.push({ ...head, trigger })
    writeJsonAtomic(this.indexFile, { reports: this.entries }, 0o640)
    return doc
  }
}
