/**
 * Units a station's data logger sends a metric in, when they differ from the contract's (issue 12:
 * older loggers send particulates in mg/m³, `0.0523` for PM2.5, where the contract has µg/m³). Set
 * per station and metric (`Station.sentUnits`); the HJ 212 codec converts on receipt, so stored
 * readings are always in the catalog's unit. Only mass concentrations convert: the same quantity
 * at another SI prefix, a factor of 1000.
 */
import { metricInfo } from './metric-catalog'
import type { StationKind } from './station'

/** Units an admin may set, as written in the form (ASCII) and their catalog spelling. */
export const SENT_UNITS: Readonly<Record<string, string>> = { 'ug/m3': 'µg/m³', 'mg/m3': 'mg/m³', 'ug/L': 'µg/L', 'mg/L': 'mg/L' }

/** Grams per unit mass of each prefix, and the volume each unit is per. */
const MASS: Readonly<Record<string, { g: number; per: string }>> = {
  'µg/m³': { g: 1e-6, per: 'm³' },
  'mg/m³': { g: 1e-3, per: 'm³' },
  'µg/L': { g: 1e-6, per: 'L' },
  'mg/L': { g: 1e-3, per: 'L' },
}

/**
 * The factor that turns a value sent in `sent` (a key of {@link SENT_UNITS}) into the catalog unit
 * of `kind`/`metric`, or undefined when they do not convert (another quantity, or a metric outside
 * the catalog).
 *
 * @example
 * sentUnitFactor('air', 'pm25', 'mg/m3') // 1000
 * sentUnitFactor('air', 'co', 'mg/m3') // 1
 */
export function sentUnitFactor(kind: StationKind, metric: string, sent: string): number | undefined {
  const info = metricInfo(kind, metric)
  const from = Object.hasOwn(SENT_UNITS, sent) ? MASS[SENT_UNITS[sent]!] : undefined
  const to = info ? MASS[info.unit] : undefined
  if (!from || !to || from.per !== to.per) return undefined
  // 1e-3 / 1e-6 in floating point is 999.9999999999999: round to the power of ten it is.
  return 10 ** Math.round(Math.log10(from.g / to.g))
}

/**
 * Check a station's `sentUnits` setting: each key a metric of the kind's catalog, each unit one
 * that converts to it. Returns an error message or undefined.
 */
export function checkSentUnits(kind: StationKind, sentUnits: unknown): string | undefined {
  if (sentUnits === undefined) return undefined
  if (typeof sentUnits !== 'object' || sentUnits === null || Array.isArray(sentUnits)) return 'sentUnits must be an object of metric → unit'
  for (const [metric, unit] of Object.entries(sentUnits as Record<string, unknown>)) {
    if (!metricInfo(kind, metric)) return `sentUnits: ${metric} is not a ${kind} metric`
    if (typeof unit !== 'string' || sentUnitFactor(kind, metric, unit) === undefined) {
      return `sentUnits: ${metric} is in ${metricInfo(kind, metric)!.unit}; a logger may send it in ${
        Object.keys(SENT_UNITS)
          .filter((u) => sentUnitFactor(kind, metric, u) !== undefined)
          .join(' or ') || 'that unit only'
      }, not ${String(unit)}`
    }
  }
  return undefined
}
