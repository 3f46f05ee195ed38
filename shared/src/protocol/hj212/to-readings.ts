/**
 * Map a parsed HJ 212 data upload onto contract Readings (CONTRACT.md, "Station kinds and
 * canonical metrics"): one reading at the packet's DataTime, values by metric key, data flags.
 *
 * Factor codes, in order of precedence:
 * 1. HJ 212-2017 codes through the shared {@link HJ212_FACTOR_CODES} (`a34004` → `pm25`), any kind.
 * 2. For `water` and `wastewater` stations only, the HJ/T 212-2005 water codes still sent by older
 *    loggers (reference example 2): `001` pH, `003` suspended solids, `011` COD, `060` ammonia
 *    nitrogen, `065` total nitrogen, `101` total phosphorus. Source: HJ/T 212-2005 Appendix B
 *    (常用部分污染物相关参数编码表), as reproduced in vendor code tables (e.g.
 *    github.com/lingkejia/bocon-operation-app src/lib/polcodeList05.js). Not applied to `air` or
 *    `energy`: HJ/T 212-2005's 2-digit codes are flue-gas source codes, not ambient ones.
 * 3. For `air` stations only, the pollutant symbols some vendors send instead of codes
 *    (reference example 3: `PM10-Rtd`): `PM10`, `PM2.5`/`PM25`, `SO2`, `NO2`, `CO`, `O3`, exact
 *    spelling. They are assumed to be in the contract's units (µg/m³; CO mg/m³).
 * 4. Anything else is kept under its raw code (`B01`, `TSP`, `w00000`), never dropped; the
 *    ingest side reports keys outside the kind's catalog as `unknown-metric` warnings.
 * When two codes of one packet map to the same key, the first keeps it and the later one stays
 * under its raw code (or `hj212.<code>` if that raw code is itself taken).
 */
import { HJ212_FACTOR_CODES } from '../../domain/metric-catalog'
import type { DataFlag, Reading } from '../../domain/reading'
import type { StationKind } from '../../domain/station'
import { dataKindOf, valueFieldOf } from './commands'
import type { Hj212Packet } from './packet'

/** HJ/T 212-2005 water pollutant codes (Appendix B) with a contract key; water and wastewater only. */
export const HJ212_2005_WATER_CODES: Readonly<Record<string, string>> = {
  '001': 'ph',
  '003': 'ss',
  '011': 'cod',
  '060': 'nh3n',
  '065': 'tn',
  '101': 'tp',
}

/** Pollutant symbols vendors send in place of factor codes; air stations only. */
export const HJ212_VENDOR_AIR_NAMES: Readonly<Record<string, string>> = {
  PM10: 'pm10',
  'PM2.5': 'pm25',
  PM25: 'pm25',
  SO2: 'so2',
  NO2: 'no2',
  CO: 'co',
  O3: 'o3',
}

const lookup = (table: Readonly<Record<string, string>>, code: string): string | undefined =>
  Object.hasOwn(table, code) ? table[code] : undefined

/**
 * The metric key for a factor code at a station of `kind` (see the module comment for the rules).
 *
 * @example
 * metricKeyOf('a34004', 'air') // 'pm25'
 * metricKeyOf('060', 'wastewater') // 'nh3n'
 * metricKeyOf('060', 'air') // '060'
 */
export function metricKeyOf(code: string, kind: StationKind): string {
  const key = lookup(HJ212_FACTOR_CODES, code)
  if (key !== undefined) return key
  if (kind === 'water' || kind === 'wastewater') return lookup(HJ212_2005_WATER_CODES, code) ?? code
  if (kind === 'air') return lookup(HJ212_VENDOR_AIR_NAMES, code) ?? code
  return code
}

/**
 * The readings of a data upload for a station: `[]` for commands that are not data uploads (see
 * {@link dataKindOf}), for a packet without DataTime, or when no factor carries the value field.
 * The value is `code-Rtd` for real-time data (CN 2011) and `code-Avg` for minute, hourly and daily
 * data (CN 2051, 2061, 2031); Min/Max/Cou stay on the packet. `code-Flag` becomes the metric's flag.
 * Split packets map independently: each carries its own DataTime and share of the factors.
 *
 * @example
 * packetToReadings(packet, 'DG-W01', 'wastewater')
 * // [{ stationId: 'DG-W01', kind: 'wastewater', ts: 1451799030000, values: { nh3n: 3.0943, cod: 18.0412, ph: 8.2137, B01: 10.989 }, flags: {...} }]
 */
export function packetToReadings(packet: Hj212Packet, stationId: string, kind: StationKind): Reading[] {
  const dataKind = dataKindOf(packet.cn)
  if (dataKind === undefined || packet.dataTime === undefined) return []
  const field = valueFieldOf(dataKind)
  const values: Record<string, number> = {}
  const flags: Record<string, DataFlag> = {}
  let n = 0
  let flagged = false
  for (const code in packet.factors) {
    const entry = packet.factors[code]!
    const v = entry[field]
    if (typeof v !== 'number') continue
    let key = metricKeyOf(code, kind)
    if (Object.hasOwn(values, key)) key = code
    // A raw code spelled like a key an earlier code mapped to (`pm10` after `a34002`): keep it apart.
    if (Object.hasOwn(values, key)) key = `hj212.${code}`
    values[key] = v
    n++
    if (entry.Flag !== undefined) {
      flags[key] = entry.Flag
      flagged = true
    }
  }
  if (n === 0) return []
  const reading: Reading = { stationId, kind, ts: packet.dataTime, values }
  if (flagged) reading.flags = flags
  return [reading]
}
