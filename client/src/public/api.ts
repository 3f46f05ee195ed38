/**
 * The public page's requests: the no-login `GET /api/public/*` endpoints only (no session, no
 * socket). The bodies are the shared wire types (shared/src/protocol/http/public.ts).
 */
import type {
  PublicAqiBody,
  PublicDailyBody,
  PublicStationBody,
  PublicTargetsBody,
  PublicWaterBody,
} from '../../../shared/src/protocol/http/public'

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'omit', headers: { Accept: 'application/json' } })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return (await res.json()) as T
}

export const fetchAqi = () => get<PublicAqiBody>('/api/public/aqi')
export const fetchStation = (id: string) => get<PublicStationBody>(`/api/public/stations/${encodeURIComponent(id)}`)
export const fetchDaily = () => get<PublicDailyBody>('/api/public/daily')
export const fetchWater = () => get<PublicWaterBody>('/api/public/water')
export const fetchTargets = () => get<PublicTargetsBody>('/api/public/targets')
export const fetchBoundary = () => get<unknown>('/geo/boundary.topo.json')
