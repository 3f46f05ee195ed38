/**
 * The public bodies' pieces, built field by field from allow-lists (issue 14, "Data rules"): a
 * station, an AQI, a target and a water source are copied key by key from the internal objects,
 * never spread, so internal detail (credentials, notes, MN, alert handling, users, the targets'
 * station-by-station workings) cannot reach a citizen when an internal type grows a field.
 */
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { TargetsBody } from '../../../shared/src/protocol/http/targets'
import type { PublicAqi, PublicStation, PublicTarget, PublicWaterSource } from '../../../shared/src/protocol/http/public'
import type { Station } from '../../../shared/src/domain/station'
import { WATER_CLASSES } from '../../../shared/src/standards/surface-water'

/** The published fields of an AQI. */
export function publicAqi(a: AqiSummary | undefined): PublicAqi | null {
  if (!a || !Number.isFinite(a.aqi)) return null
  return {
    aqi: a.aqi,
    level: String(a.level),
    category: { zh: String(a.category.zh), en: String(a.category.en) },
    color: String(a.color),
    primary: a.primary.map(String),
    ts: String(a.ts),
    end: String(a.end),
  }
}

/** The published fields of an air station, with its AQI. */
export function citizenStation(s: Station, aqi: AqiSummary | undefined): PublicStation {
  return {
    id: s.id,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    town: s.town,
    townEn: s.townEn ?? null,
    lon: s.lon,
    lat: s.lat,
    approx: s.approx,
    aqi: publicAqi(aqi),
  }
}

/** The published fields of a target: what it is, its value, goal and status (not the per-station workings). */
export function publicTarget(t: TargetsBody['targets'][number]): PublicTarget {
  return {
    id: t.id,
    title: { zh: t.title.zh, en: t.title.en },
    value: t.value,
    target: t.target,
    comparator: t.comparator,
    unit: t.unit,
    status: t.status,
  }
}

/** The drinking-water compliance target's id on the board (shared/src/targets/drinking-water.ts). */
export const DRINKING_WATER_TARGET = 'drinking-water-compliance'

/** GB 3838-2002 class of a breakdown rank (I = 1 … worse than V = 6). */
const classOfRank = (rank: number | undefined): string | null => (rank !== undefined && WATER_CLASSES[rank - 1]) || null

/** Each drinking-water source's compliance from the board's drinking-water target (null fields: not assessed). */
export function publicWaterSources(sources: readonly Station[], target: TargetsBody['targets'][number] | undefined): PublicWaterSource[] {
  const byId = new Map((target?.breakdown ?? []).map((b) => [b.id, b]))
  return sources.map((s) => {
    const b = byId.get(s.id)
    return {
      id: s.id,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      town: s.town,
      townEn: s.townEn ?? null,
      waterClass: classOfRank(b?.value),
      targetClass: classOfRank(b?.target) ?? s.standardClass ?? null,
      compliant: b ? b.ok : null,
    }
  })
}
