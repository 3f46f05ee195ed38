/**
 * The reports API for the client (docs/contract.md "Reports"): the list, one report, generation on
 * demand, and the download links of the XLSX and PDF files.
 */
import type {
  GenerateReportRequest,
  ReportDoc,
  ReportEntry,
  ReportFormat,
  ReportKind,
  ReportLang,
  ReportList,
} from '../../../shared/src/protocol/http/reports'
import { request } from '../data/api'

const enc = encodeURIComponent

/** The reports API. */
export const reportsApi = {
  /** GET /api/reports: every stored version, newest first. */
  list: (kind?: ReportKind, signal?: AbortSignal) => request<ReportList>(`/api/reports${kind ? `?kind=${kind}` : ''}`, { signal }),
  /** GET /api/reports/:id: one report's document. */
  get: (id: string, signal?: AbortSignal) => request<ReportDoc>(`/api/reports/${enc(id)}`, { signal }),
  /** POST /api/reports (analyst): generate a report of a past period; answers the stored report's head. */
  generate: (body: GenerateReportRequest) =>
    request<Omit<ReportEntry, 'trigger' | 'superseded'>>('/api/reports', {
      method: 'POST',
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(300_000),
    }),
  /** The download link of a rendered file. */
  fileUrl: (id: string, format: ReportFormat, lang: ReportLang) => `/api/reports/${enc(id)}?format=${format}&lang=${lang}`,
}
