/**
 * Plausibility of a value's magnitude (issue 12): a value orders of magnitude off its metric's
 * range usually means a unit mix-up (PM2.5 sent in mg/m³: 0.0523 instead of 52.3 µg/m³), not air.
 * The bands are where real values of each metric lie in the catalog's unit, with a wide margin:
 * ambient concentrations from the national network's range (GB 3095-2012 limits are tens to
 * hundreds of µg/m³; severe episodes reach about 1000 µg/m³ PM2.5), water quality items from
 * GB 3838-2002 / GB 18918-2002 limits. A value is implausible when it lies beyond the band by
 * more than {@link PLAUSIBILITY_MARGIN} (a factor of 10, one order of magnitude), or is negative
 * where the quantity cannot be. Zero is always plausible (an analyser at its detection limit).
 */
import type { StationKind } from './station'

/** [low, high] of real values in the catalog unit, per kind and metric; metrics not listed are not checked. */
export const PLAUSIBLE_BANDS: Readonly<Partial<Record<StationKind, Readonly<Record<string, readonly [number, number]>>>>> = {
  air: { pm25: [1, 1000], pm10: [1, 2000], so2: [1, 1000], no2: [1, 500], o3: [1, 800], co: [0.05, 30] },
  water: { nh3n: [0.01, 50], tp: [0.005, 10], tn: [0.05, 50], codmn: [0.5, 50], do: [0.5, 20] },
  wastewater: { cod: [1, 2000], nh3n: [0.01, 200], tp: [0.01, 50], tn: [0.1, 200], ss: [1, 2000] },
}

/** How far beyond its band a value may lie before it is implausible (a factor). */
export const PLAUSIBILITY_MARGIN = 10

/**
 * Why `value` of `kind`/`metric` is implausible, or undefined when it is plausible or the metric is
 * not checked.
 *
 * @example
 * implausibility('air', 'pm25', 0.0523) // 'pm25 = 0.0523 is over 10× below its usual range 1-1000 (a unit mix-up?)'
 */
export function implausibility(kind: StationKind, metric: string, value: number): string | undefined {
  const bands = PLAUSIBLE_BANDS[kind]
  const band = bands && Object.hasOwn(bands, metric) ? bands[metric] : undefined
  if (!band || value === 0) return undefined
  const [lo, hi] = band
  if (value < 0) return `${metric} = ${value} is negative`
  if (value < lo / PLAUSIBILITY_MARGIN)
    return `${metric} = ${value} is over ${PLAUSIBILITY_MARGIN}× below its usual range ${lo}-${hi} (a unit mix-up?)`
  if (value > hi * PLAUSIBILITY_MARGIN)
    return `${metric} = ${value} is over ${PLAUSIBILITY_MARGIN}× above its usual range ${lo}-${hi} (a unit mix-up?)`
  return undefined
}
