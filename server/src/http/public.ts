/**
 * The public information release (no login, issue 14): the city's current AQI per air station, one
 * station's detail (latest 1-h values, health advice, 24 hours of AQI), the daily report summary,
 * the drinking-water sources' compliance and the targets board, read-only. Only what the bureau
 * publishes: every body is built from allow-lists (server/src/public/public-bodies.ts) and labelled
 * reviewed or provisional (server/src/public/data-status.ts); every response comes from a short-TTL
 * cache with ETag (server/src/public/public-cache.ts) behind a per-address rate limit
 * (server/src/public/rate-limit.ts), so citizens cannot slow the operators' console.
 */
import { Router } from 'express'
import type { AqiSummary } from '../../../shared/src/protocol/events'
import type { Station } from '../../../shared/src/domain/station'
import type { StationDirectory } from '../../../shared/src/ports/stations'
import type { Store } from '../../../shared/src/ports/store'
import type {
  PublicAqiBody,
  PublicDataStatus,
  PublicStationBody,
  PublicTargetsBody,
  PublicWaterBody,
} from '../../../shared/src/protocol/http/public'
import type { TargetsBody } from '../../../shared/src/protocol/http/targets'
import { hourlyAqi } from '../../../shared/src/standards/aqi'
import { aqiAdvice } from '../../../shared/src/standards/aqi-advice'
import { HOUR_MS, cstDay, cstDayStart, hourStart, parseCstDate } from '../../../shared/src/standards/time'
import { aqiHours, hourlyInput, hourValues, meanValues, newestHour, type HourValues } from '../public/air-hours'
import { dailySummary } from '../public/daily-summary'
import { publicDataLabel, type ReviewedCheck } from '../public/data-status'
import { DRINKING_WATER_TARGET, citizenStation, publicTarget, publicWaterSources } from '../public/public-bodies'
import { PublicCache } from '../public/public-cache'
import { publicRateLimit, publicTotalLimit } from '../public/rate-limit'
import { HttpError, badRequest } from './errors'

export interface PublicOptions {
  registry: Pick<StationDirectory, 'list'>
  store: Pick<Store, 'series' | 'seriesMany'>
  aqiFor?: (stationId: string) => AqiSummary | undefined
  /** The targets board of the current month, when available. */
  targets?: () => Promise<TargetsBody>
  now: () => number
  /** PUBLIC_DATA: publish reviewed or provisional data (always labelled). */
  data?: PublicDataStatus
  /** Review sign-off, when data review exists (until then everything is provisional). */
  reviewed?: ReviewedCheck
  /** PUBLIC_CACHE_TTL in ms; default 15 s. */
  cacheTtlMs?: number
  /** PUBLIC_RATE_LIMIT: requests per minute per address (0 = none); default 600 (carrier-grade NAT puts many phones behind one address). */
  ratePerMinute?: number
  /** PUBLIC_MAX_RPS: public requests per second of this process, all addresses together (0 = none); default 300. */
  totalPerSecond?: number
}

/** How many days back the daily summary may be asked for. */
const DAILY_MAX_DAYS_BACK = 31
const POLLUTANTS = ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3']
/** How long completed hours and days are kept: they change only with late data. */
const HISTORY_TTL_MS = 5 * 60_000

/** Round a concentration as published: CO (mg/m³) to 0.01, the others (µg/m³) to 0.1. */
const published = (p: string, v: number) => (p === 'co' ? Math.round(v * 100) / 100 : Math.round(v * 10) / 10)

/** One public resource as asked: its cache key, TTL and how to compute its body. */
export interface PublicResource {
  key: string
  ttlMs?: number
  compute: () => Promise<unknown>
}

/** The public area without its transport: resolve a path under /api/public, and the shared body cache. */
export interface PublicResources {
  /**
   * The resource at `path` (under /api/public, e.g. `/stations/X`) with the `day` query where it
   * applies; throws HttpError (400, 404, 503) for what the route would refuse.
   */
  resolve(path: string, query: { day?: unknown }): PublicResource
  cache: PublicCache
  /** The clock of the cache's expiries. */
  now: () => number
}

/** Routes under /api (mounted with the other API routers): the rate limits, then the resolver. */
export function publicRouter(o: PublicOptions, resources = publicResources(o)): Router {
  const r = Router()
  // Per address first: an address over its own limit gets 429 without spending the process-wide budget of everyone else.
  r.use('/public', publicRateLimit(o.ratePerMinute ?? 600, o.now), publicTotalLimit(o.totalPerSecond ?? 300, o.now))
  r.get(/^\/public\/.+/, (req, res) => {
    const x = resources.resolve(req.path.slice('/public'.length), req.query)
    return resources.cache.send(req, res, x.key, x.compute, x.ttlMs)
  })
  return r
}

export function publicResources(o: PublicOptions): PublicResources {
  const policy = o.data ?? 'provisional'
  const cache = new PublicCache(o.cacheTtlMs ?? 15_000, o.now)
  const air = () => o.registry.list().filter((s) => s.kind === 'air')
  const realtime = () => publicDataLabel(policy, { kind: 'realtime' }, o.reviewed)
  const days = (stations: readonly Station[], from: number, to: number) =>
    publicDataLabel(policy, { kind: 'days', stationIds: stations.map((s) => s.id), from, to }, o.reviewed)
  const seriesOf = async (stations: readonly Station[], from: number, to: number) => {
    const q = { metrics: POLLUTANTS, from, to, every: '1h' as const, fn: 'mean' as const, validOnly: true }
    if (o.store.seriesMany && stations.length > 1) return o.store.seriesMany({ ...q, stationIds: stations.map((s) => s.id) })
    return new Map(await Promise.all(stations.map(async (s) => [s.id, await o.store.series({ ...q, stationId: s.id })] as const)))
  }

  const aqi = (): PublicResource => ({
    key: 'aqi',
    compute: async (): Promise<PublicAqiBody> => {
      const stations = air().map((s) => citizenStation(s, o.aqiFor?.(s.id)))
      return { data: realtime(), city: await cityAqi(stations), stations }
    },
  })

  /** The city's hourly AQI: the AQI of the stations' mean 1-h values of the newest hour with a station AQI. */
  async function cityAqi(stations: PublicAqiBody['stations']): Promise<PublicAqiBody['city']> {
    const newest = stations.reduce((m, s) => (s.aqi ? Math.max(m, Date.parse(s.aqi.ts)) : m), -Infinity)
    if (!Number.isFinite(newest)) return null
    const ids = new Set(stations.filter((s) => s.aqi && Date.parse(s.aqi.ts) === newest).map((s) => s.id))
    const byStation = await seriesOf(
      air().filter((s) => ids.has(s.id)),
      newest,
      newest + HOUR_MS,
    ).catch(() => new Map())
    const values = [...byStation.values()]
      .map((series) => hourValues(series, newest, 1)[0]!)
      .filter((v: HourValues) => Object.keys(v).length > 0)
    const r = values.length ? hourlyAqi(hourlyInput(meanValues(values))) : undefined
    if (r?.aqi === undefined || !r.level) return null
    const l = r.level
    return {
      aqi: r.aqi,
      level: l.level,
      category: { zh: l.zh, en: l.en },
      color: l.hex,
      primary: [...r.primary],
      ts: new Date(newest).toISOString(),
      end: new Date(newest + HOUR_MS).toISOString(),
      stations: values.length,
    }
  }

  /**
   * The 24 completed hours before `to` of every air station, fetched in one store query and kept
   * for HISTORY_TTL_MS: past hours change only with late data, so a crowd opening station after
   * station costs one query per few minutes, not one per station.
   */
  let history: { to: number; expires: number; value: Promise<Map<string, HourValues[]>> } | undefined
  const historyBefore = (to: number): Promise<Map<string, HourValues[]>> => {
    if (history && history.to === to && history.expires > o.now()) return history.value
    const from = to - 24 * HOUR_MS
    const value = seriesOf(air(), from, to).then((m) => new Map([...m].map(([id, series]) => [id, hourValues(series, from, 24)])))
    const entry = { to, expires: o.now() + HISTORY_TTL_MS, value }
    history = entry
    value.catch(() => history === entry && (history = undefined))
    return value
  }

  const station = (id: string): PublicResource => {
    const st = air().find((s) => s.id === id)
    if (!st) throw new HttpError(404, 'not-found', `no air station ${id.slice(0, 64)}`)
    return {
      key: `station:${st.id}`,
      compute: async (): Promise<PublicStationBody> => {
        const to = hourStart(o.now())
        const from = to - 24 * HOUR_MS
        const values = (await historyBefore(to)).get(st.id) ?? hourValues([], from, 24)
        const latest = newestHour(values)
        const station = citizenStation(st, o.aqiFor?.(st.id))
        return {
          data: realtime(),
          station,
          latest: {
            ts: latest ? new Date(from + latest.index * HOUR_MS).toISOString() : null,
            values: Object.fromEntries(Object.entries(latest?.values ?? {}).map(([p, v]) => [p, published(p, v)])),
          },
          advice: aqiAdvice(station.aqi?.level) ?? null,
          hours: aqiHours(values, from),
        }
      },
    }
  }

  const daily = (query: { day?: unknown }): PublicResource => {
    const today = cstDay(o.now())
    const asked = typeof query.day === 'string' ? parseCstDate(query.day) : undefined
    if (query.day !== undefined && asked === undefined) throw badRequest('day must be YYYY-MM-DD')
    const day = asked ?? today - 1
    if (day >= today || day < today - DAILY_MAX_DAYS_BACK)
      throw badRequest(`day must be a completed day of the last ${DAILY_MAX_DAYS_BACK} days`)
    return {
      key: `daily:${day}`,
      ttlMs: HISTORY_TTL_MS,
      compute: async () => {
        const stations = air()
        return { data: days(stations, cstDayStart(day), cstDayStart(day + 1)), ...(await dailySummary(o.store, stations, day)) }
      },
    }
  }

  const water = (): PublicResource => ({
    key: 'water',
    compute: async (): Promise<PublicWaterBody> => {
      const sources = o.registry.list().filter((s) => s.kind === 'water')
      const board = o.targets ? await o.targets() : undefined
      const target = board?.targets.find((t) => t.id === DRINKING_WATER_TARGET)
      const period = board ? { from: board.period.from, to: board.period.to, asOf: board.period.asOf } : null
      return {
        data: period ? days(sources, Date.parse(period.from), Date.parse(period.asOf)) : realtime(),
        period,
        ratePct: target?.value ?? null,
        sources: publicWaterSources(sources, target),
      }
    },
  })

  const targets = (): PublicResource => {
    const board = o.targets
    if (!board) throw new HttpError(503, 'unavailable', 'targets are not computed yet')
    return {
      key: 'targets',
      compute: async (): Promise<PublicTargetsBody> => {
        const b = await board()
        const p = b.period
        return {
          data: days(o.registry.list(), Date.parse(p.from), Date.parse(p.asOf)),
          period: { name: p.name, from: p.from, to: p.to, asOf: p.asOf },
          computing: b.computing,
          targets: b.targets.map(publicTarget),
        }
      },
    }
  }

  return {
    cache,
    now: o.now,
    resolve(asked, query) {
      const path = asked.length > 1 && asked.endsWith('/') ? asked.slice(0, -1) : asked
      if (path === '/aqi') return aqi()
      if (path === '/daily') return daily(query)
      if (path === '/water') return water()
      if (path === '/targets') return targets()
      const m = /^\/stations\/([^/]+)$/.exec(path)
      if (m) {
        let id: string
        try {
          id = decodeURIComponent(m[1]!)
        } catch {
          throw badRequest('malformed station id')
        }
        return station(id)
      }
      throw new HttpError(404, 'not-found', `no route GET /api/public${path.slice(0, 64)}`)
    },
  }
}
