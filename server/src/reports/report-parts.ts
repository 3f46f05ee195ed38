/**
 * Small helpers the report sections share: columns, completeness, rounding of nulls, and the
 * context a section is built in.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Bilingual, Column, Completeness, Figure, Section } from '../../../shared/src/protocol/http/reports'
import type { ReportPeriod } from '../../../shared/src/reports/report-period'
import { dataStatus } from './data-status'
import type { StationDays } from './station-days'

/** What a section is built from. */
export interface BuildContext {
  period: ReportPeriod
  /** The registered stations (a snapshot taken when the report starts). */
  stations: readonly Station[]
  days: StationDays
}

/** A column. */
export function col(key: string, zh: string, en: string, unit?: string, digits?: number): Column {
  const c: Column = { key, label: { zh, en } }
  if (unit !== undefined) c.unit = unit
  if (digits !== undefined) c.digits = digits
  return c
}

/** A key figure. */
export function fig(key: string, zh: string, en: string, value: number | null, unit?: string, digits?: number): Figure {
  const f: Figure = { key, label: { zh, en }, value: value !== null && Number.isFinite(value) ? value : null }
  if (unit !== undefined) f.unit = unit
  if (digits !== undefined) f.digits = digits
  return f
}

/** received / expected as a completeness. */
export function completeness(received: number, expected: number): Completeness {
  return { received, expected, pct: expected > 0 ? (100 * received) / expected : null }
}

/** A number or null (NaN, undefined → null). */
export function n(x: number | null | undefined): number | null {
  return x !== null && x !== undefined && Number.isFinite(x) ? x : null
}

/** A section with its data status from {@link dataStatus}. */
export function section(
  ctx: BuildContext,
  id: string,
  title: Bilingual,
  stations: readonly string[],
  body: Pick<Section, 'completeness' | 'figures' | 'tables' | 'notes'>,
): Section {
  const st = dataStatus(ctx.period, stations)
  return {
    id,
    title,
    completeness: body.completeness,
    dataStatus: st.status,
    statusNote: st.note,
    figures: body.figures,
    tables: body.tables,
    notes: body.notes,
  }
}

/** The stations of a kind, in id order (a stable report). */
export function stationsOf(ctx: BuildContext, kind: Station['kind']): Station[] {
  return ctx.stations.filter((s) => s.kind === kind).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Days of the period. */
export function periodDayCount(p: ReportPeriod): number {
  return p.last - p.first + 1
}
