/**
 * Wire types of the reports API (issue 14; docs/contract.md "Reports"): `GET /api/reports`,
 * `GET /api/reports/:id?format=json|xlsx|pdf`, `POST /api/reports`. A report is a list of sections,
 * each a few key figures and tables of plain numbers with units, so the JSON, the XLSX and the PDF
 * show the same numbers from one stored document.
 */

/** The report kinds. */
export const REPORT_KINDS = ['daily-air', 'monthly', 'annual', 'targets'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** Rendered formats of `GET /api/reports/:id`. */
export const REPORT_FORMATS = ['json', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Languages a report renders in (Chinese by default). */
export const REPORT_LANGS = ['zh', 'en'] as const
export type ReportLang = (typeof REPORT_LANGS)[number]

/** Text in both languages. */
export interface Bilingual {
  zh: string
  en: string
}

/**
 * Whether a section's data is reviewed (signed off) or provisional. Until the review feature is
 * connected every section is `provisional` (server/src/reports/data-status.ts).
 */
export type DataStatus = 'reviewed' | 'provisional'

/** How much of the expected data a section received. */
export interface Completeness {
  /** Station-days (or station-hours) with data. */
  received: number
  /** Station-days expected: stations × days of the period. */
  expected: number
  /** received / expected × 100, null when nothing was expected. */
  pct: number | null
}

/** A cell: a real number, text, text in both languages, or null (no value). */
export type Cell = number | string | Bilingual | null

/** A column of a table. */
export interface Column {
  key: string
  label: Bilingual
  /** Unit of the column's numbers (µg/m³, mg/m³, %, m³, tce …); absent for text and counts. */
  unit?: string
  /** Decimals shown in XLSX and PDF (the JSON keeps full precision). */
  digits?: number
}

/** A table of a section. */
export interface Table {
  id: string
  title: Bilingual
  columns: Column[]
  rows: Cell[][]
  /** A bar chart of one numeric column in the PDF (label column = the first). */
  chart?: { column: string; limit?: number }
}

/** One key figure of a section. */
export interface Figure {
  key: string
  label: Bilingual
  value: number | null
  unit?: string
  digits?: number
}

/** A section of a report (air, drinking water, wastewater, energy, targets). */
export interface Section {
  id: string
  title: Bilingual
  completeness: Completeness
  dataStatus: DataStatus
  /** Why the status is what it is (e.g. "not yet signed off"). */
  statusNote: Bilingual
  figures: Figure[]
  tables: Table[]
  /** Method notes: standards applied, how values were computed. */
  notes: Bilingual[]
}

/** A stored report. */
export interface ReportDoc {
  /** `<kind>_<period>_v<version>`. */
  id: string
  kind: ReportKind
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (China Standard Time). */
  period: string
  /** 1 for the first issue; a reissue after the data changed is the next version. */
  version: number
  /** ISO time of generation. */
  generatedAt: string
  /** sha256 (hex) of every aggregate and setting the report was computed from. */
  inputsVersion: string
  title: Bilingual
  /** `reviewed` only when every section is. */
  dataStatus: DataStatus
  sections: Section[]
}

/** An entry of `GET /api/reports` (the report without its sections). */
export type ReportEntry = Omit<ReportDoc, 'sections'> & {
  /** Why it was generated. */
  trigger: ReportTrigger
  /** A newer version of the same kind and period exists. */
  superseded: boolean
}

/** What made a report. */
export type ReportTrigger = 'schedule' | 'catch-up' | 'on-demand' | 'reissue'

/** `GET /api/reports` body. */
export interface ReportList {
  reports: ReportEntry[]
}

/** `POST /api/reports` body. */
export interface GenerateReportRequest {
  kind: ReportKind
  period: string
}
