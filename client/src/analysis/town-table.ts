/**
 * The bad-days table as rows of plain values, for the on-screen table and its CSV download. Pure.
 */
import { cstDate } from '../../../shared/src/standards/time'
import { mainPollutant, type BadDaysResult } from './bad-days'

/** One row. */
export interface TownRow {
  rank: number
  town: string
  stations: number
  validDays: number
  badDays: number
  III: number
  IV: number
  V: number
  VI: number
  cityOverlap: number
  /** Share of the city's bad days on which this town was bad too, %. */
  overlapPct: number | null
  worstAqi: number | null
  worstDate: string
  mainPollutant: string
}

/**
 * Rows in rank order.
 * @example townRows(result, days)[0].town
 */
export function townRows(r: BadDaysResult, days: readonly number[]): TownRow[] {
  return r.towns.map((t, i) => ({
    rank: i + 1,
    town: t.town,
    stations: t.stations,
    validDays: t.validDays,
    badDays: t.badDays,
    ...t.byLevel,
    cityOverlap: t.cityOverlap,
    overlapPct: r.cityBadDays > 0 ? Math.round((1000 * t.cityOverlap) / r.cityBadDays) / 10 : null,
    worstAqi: Number.isFinite(t.worstAqi) ? t.worstAqi : null,
    worstDate: t.worstDay >= 0 ? cstDate(days[t.worstDay]!) : '',
    mainPollutant: mainPollutant(t) ?? '',
  }))
}

const COLUMNS: readonly (keyof TownRow)[] = [
  'rank',
  'town',
  'stations',
  'validDays',
  'badDays',
  'III',
  'IV',
  'V',
  'VI',
  'cityOverlap',
  'overlapPct',
  'worstAqi',
  'worstDate',
  'mainPollutant',
]

/** The rows as CSV (header = the column keys), RFC 4180 quoting. */
export function townRowsCsv(rows: readonly TownRow[]): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => q(r[c])).join(','))].join('\n') + '\n'
}
