/**
 * Which metric a station's trend shows first: the metric of its worst active alert if it has one,
 * else the kind's headline metric if the station reports it, else its first reported metric.
 */
import type { StationKind } from '../../../shared/src/domain/station'
import { METRICS } from '../../../shared/src/domain/metric-catalog'

const HEADLINE: Readonly<Record<StationKind, readonly string[]>> = {
  air: ['pm25', 'pm10', 'o3'],
  water: ['nh3n', 'do', 'codmn'],
  wastewater: ['cod', 'nh3n'],
  energy: ['power_kw', 'elec_kwh'],
}

/**
 * The default trend metric.
 * @param reported metrics the station has latest values for
 * @param alertMetric metric of the worst active alert, if any
 * @example defaultMetric('air', ['pm10', 'pm25']) === 'pm25'
 */
export function defaultMetric(kind: StationKind, reported: readonly string[], alertMetric?: string): string | undefined {
  const catalog = METRICS[kind].map((m) => m.key)
  if (alertMetric && catalog.includes(alertMetric)) return alertMetric
  const has = new Set(reported)
  for (const k of HEADLINE[kind]) if (has.has(k)) return k
  return catalog.find((k) => has.has(k)) ?? reported[0] ?? HEADLINE[kind][0]
}

/** The metrics offered in the picker: catalog order, then any non-catalog keys the station reports. */
export function pickerMetrics(kind: StationKind, reported: readonly string[]): string[] {
  const catalog = METRICS[kind].filter((m) => !m.optional || reported.includes(m.key)).map((m) => m.key)
  const extra = reported.filter((k) => !catalog.includes(k) && !METRICS[kind].some((m) => m.key === k))
  return [...catalog, ...extra.sort()]
}
