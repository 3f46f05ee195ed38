/**
 * The town choropleth: each town coloured by the worst current (hourly, HJ 633-2012) AQI among its
 * air stations that are not offline, in the official level colour. Towns without such a station
 * stay uncoloured (no data is not "good"). Pure.
 */
import type { StationKind, StationStatus } from '../../../shared/src/domain/station'
import { aqiLevel, type AqiLevelId } from '../../../shared/src/standards/aqi-table'

/** A town's worst AQI and the station it comes from. */
export interface TownAqi {
  aqi: number
  stationId: string
  level: AqiLevelId
  /** Official colour of the level (HJ 633-2012 Table 2). */
  color: string
  /** Air stations with an AQI counted in the town. */
  stations: number
}

/** What the choropleth needs of a station. */
export interface ChoroplethStation {
  id: string
  kind: StationKind
  status: StationStatus
  town: string
  aqi?: { aqi: number }
}

/**
 * Worst AQI per town (keyed by the town's Chinese name, as in the boundary file and the registry).
 * @example worstAqiByTown(stations).get('东城街道')?.color // '#ffff00' for AQI 51..100
 */
export function worstAqiByTown(stations: Iterable<ChoroplethStation>): Map<string, TownAqi> {
  const out = new Map<string, TownAqi>()
  for (const s of stations) {
    if (s.kind !== 'air' || s.status === 'offline' || !s.aqi || !Number.isFinite(s.aqi.aqi)) continue
    const aqi = Math.round(s.aqi.aqi)
    const level = aqiLevel(aqi)
    if (!level) continue
    const cur = out.get(s.town)
    if (!cur) out.set(s.town, { aqi, stationId: s.id, level: level.level, color: level.hex, stations: 1 })
    else {
      cur.stations++
      if (aqi > cur.aqi) Object.assign(cur, { aqi, stationId: s.id, level: level.level, color: level.hex })
    }
  }
  return out
}
