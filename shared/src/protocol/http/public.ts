/**
 * The public information release (no login, issue 14): the bodies of `GET /api/public/*`. Every body
 * is built field by field from an allow-list (server/src/public/public-bodies.ts), never by spreading
 * an internal object, so a field added to a station, an alert or a user can never reach a citizen.
 * Every body says whether its data is reviewed or provisional.
 */
import type { AqiAdvice } from '../../standards/aqi-advice'

/** Whether published data has been reviewed (signed off) or is provisional (as measured). */
export type PublicDataStatus = 'provisional' | 'reviewed'

/** The label every public body carries. */
export interface PublicDataLabel {
  status: PublicDataStatus
  /** What the bureau configured (`PUBLIC_DATA`): publish reviewed data, or provisional data, labelled. */
  policy: PublicDataStatus
}

/** An AQI as published (HJ 633-2012): the value, level and colour, primary pollutant(s) and the hour. */
export interface PublicAqi {
  aqi: number
  /** `I`..`VI`. */
  level: string
  category: { zh: string; en: string }
  color: string
  primary: string[]
  /** ISO start of the hour (envmon labels hours by their start). */
  ts: string
  /** ISO end of the hour (the national release labels an hour by its end). */
  end: string
}

/** One air station on the public map. */
export interface PublicStation {
  id: string
  nameZh: string
  nameEn: string
  town: string
  townEn: string | null
  lon: number
  lat: number
  /** The position is approximate. */
  approx: boolean
  aqi: PublicAqi | null
}

/** `GET /api/public/aqi`. */
export interface PublicAqiBody {
  data: PublicDataLabel
  /** The city's hourly AQI: the highest station AQI of the newest hour any station has (null: none). */
  city: (PublicAqi & { stations: number }) | null
  stations: PublicStation[]
}

/** One hour of a station's AQI history. */
export interface PublicAqiHour {
  /** ISO start of the hour. */
  ts: string
  aqi: number | null
  level: string | null
  color: string | null
}

/** `GET /api/public/stations/:id`. */
export interface PublicStationBody {
  data: PublicDataLabel
  station: PublicStation
  /** The six pollutants' latest 1-h means (µg/m³, CO mg/m³), of the newest complete hour with data. */
  latest: { ts: string | null; values: Partial<Record<'so2' | 'no2' | 'co' | 'pm10' | 'pm25' | 'o3', number>> }
  /** HJ 633-2012 Table 2 health effects and advice for the current level (null without an AQI). */
  advice: AqiAdvice | null
  /** The last 24 hours of hourly AQI, oldest first. */
  hours: PublicAqiHour[]
}

/** One air station's daily report line. */
export interface PublicDailyStation {
  id: string
  nameZh: string
  nameEn: string
  aqi: number | null
  level: string | null
  category: { zh: string; en: string } | null
  color: string | null
  primary: string[]
}

/** `GET /api/public/daily`: yesterday's (or `?day=`) daily AQI per air station (HJ 633-2012 §5.1). */
export interface PublicDailyBody {
  data: PublicDataLabel
  /** `YYYY-MM-DD`, China Standard Time. */
  day: string
  /** The city's daily AQI: the highest station daily AQI (null: no station has one). */
  city: { aqi: number; level: string; category: { zh: string; en: string }; color: string; primary: string[] } | null
  stations: PublicDailyStation[]
}

/** One drinking-water source's compliance. */
export interface PublicWaterSource {
  id: string
  nameZh: string
  nameEn: string
  town: string
  townEn: string | null
  /** GB 3838-2002 class of the period means (`I`..`V`, `worse-than-V`), null without data. */
  waterClass: string | null
  /** The class the source must meet. */
  targetClass: string | null
  /** null: not assessed (no data in the period). */
  compliant: boolean | null
}

/** `GET /api/public/water`: the drinking-water sources' compliance this month (GB 3838-2002). */
export interface PublicWaterBody {
  data: PublicDataLabel
  period: { from: string; to: string; asOf: string } | null
  /** Compliant sources / assessed sources × 100 (null: none assessed). */
  ratePct: number | null
  sources: PublicWaterSource[]
}

/** One target on the public (read-only) board. */
export interface PublicTarget {
  id: string
  title: { zh: string; en: string }
  value: number | null
  target: number
  comparator: string
  unit: string
  status: string
}

/** `GET /api/public/targets`. */
export interface PublicTargetsBody {
  data: PublicDataLabel
  period: { name: string; from: string; to: string; asOf: string }
  computing: boolean
  targets: PublicTarget[]
}

/**
 * Keys that must never appear anywhere in a public body (internal station detail, credentials,
 * alert handling, users). The tests scan every public response for them.
 */
export const PUBLIC_FORBIDDEN_KEYS: readonly string[] = [
  'secret',
  'secretHash',
  'password',
  'passwordHash',
  'credentials',
  'token',
  'csrf',
  'note',
  'notes',
  'mn',
  'ackBy',
  'ackedBy',
  'acknowledgedBy',
  'resolvedBy',
  'actor',
  'userId',
  'username',
  'sessionId',
  'alerts',
  'rules',
  'flags',
  'keySource',
  'quotaTce',
  'energyFactors',
  'capacityM3d',
  'builtDate',
  'counted',
  'excluded',
  'breakdown',
]

/**
 * Every forbidden key found anywhere in a JSON value (path, e.g. `stations[0].note`); empty when clean.
 * @example forbiddenKeysIn({ stations: [{ id: 'A', note: 'x' }] }) // ['stations[0].note']
 */
export function forbiddenKeysIn(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => forbiddenKeysIn(x, `${path}[${i}]`))
  if (v === null || typeof v !== 'object') return []
  const out: string[] = []
  for (const [k, x] of Object.entries(v)) {
    const here = path ? `${path}.${k}` : k
    if (PUBLIC_FORBIDDEN_KEYS.includes(k)) out.push(here)
    out.push(...forbiddenKeysIn(x, here))
  }
  return out
}
