/**
 * The targets board's cold computation without the rest of the system, for CPU profiles (issue 16):
 * a DuckDB file with hourly values of the targets' metrics for the 1000-station demo registry over
 * the last DAYS days (as the query scenario seeds them; created on the first run, reused after),
 * then TargetsService computes the periods of ORDER one after another on an empty cache and prints
 * wall time, process CPU (DuckDB's threads included), store queries and peak RSS of each.
 *
 *   DAYS=31 npx tsx bench/targets-profile.ts
 *   DAYS=31 node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/targets-profile.ts
 *
 * Env: DAYS (31), DB (/tmp/targets-profile-DAYS.duckdb), NOW (epoch ms, default 2026-12-06 10:00
 * CST), ORDER (month,year), DUMP (a file for the bodies' targets, to compare two versions), MEM
 * (DuckDB's memory limit, 1GB), MARKS_FIRST (wait for the store's marks read at open before computing,
 * so the board's own time is measured apart from it), KEPT (keep the station-days in the store and
 * read them back: the second run is a restart).
 */
import { existsSync } from 'node:fs'
import { METRICS } from '../shared/src/domain/metric-catalog'
import type { Reading } from '../shared/src/domain/reading'
import { demoStations } from '../simulator/src/select-stations'
import { StationRegistry } from '../ingest/src/stations/station-registry'
import { DuckDbStore } from '../server/src/store/duckdb-store'
import { DEFAULT_TARGETS_CONFIG } from '../server/src/targets/targets-config'
import { TargetsService } from '../server/src/targets/targets-service'

const HOUR = 3_600_000
const DAYS = Number(process.env.DAYS ?? 31)
const TARGET_METRICS: Record<string, string[]> = {
  air: ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3'],
  water: ['ph', 'do', 'codmn', 'nh3n', 'tp', 'tn'],
  wastewater: ['outflow', 'reclaimed'],
  energy: ['elec_kwh', 'gas_m3', 'steam_t', 'water_m3', 'coal_t'],
}
const path = process.env.DB ?? `/tmp/targets-profile-${DAYS}.duckdb`
const now = Number(process.env.NOW ?? Date.parse('2026-12-06T02:00:00Z'))
const stations = demoStations(1000, 42)
const NO_MARKS: never[] = []
const fresh = !existsSync(path)
const store = await DuckDbStore.open({ path, memoryLimit: process.env.MEM ?? '1GB' })
if (process.env.MARKS_FIRST) await store.marksReady()
if (fresh) {
  const t0 = performance.now()
  const hourFrom = Math.floor(now / HOUR) * HOUR - DAYS * 24 * HOUR
  let buf: Reading[] = []
  for (let h = 0; h < DAYS * 24; h++) {
    for (const st of stations) {
      const ms = TARGET_METRICS[st.kind]!.filter((m) => METRICS[st.kind].some((x) => x.key === m))
      const ts = hourFrom + h * HOUR
      const values: Record<string, number> = {}
      for (const [k, m] of ms.entries())
        values[m] = Math.round((30 + 20 * Math.sin((ts / 86_400_000) * 2 * Math.PI + k) + ((h * 7919) % 13)) * 10) / 10
      buf.push({ stationId: st.id, kind: st.kind, ts, values })
      if (buf.length >= 20_000) {
        await store.write(buf)
        buf = []
      }
    }
  }
  if (buf.length) await store.write(buf)
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}
const svc = new TargetsService({
  registry: StationRegistry.fromRecords(stations),
  store,
  lastSeen: () => now - 60_000,
  now: () => now,
  config: { ...DEFAULT_TARGETS_CONFIG },
  ...(process.env.KEPT ? { kept: { days: store.keptDays, marks: () => NO_MARKS } } : {}),
})
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
const order = (process.env.ORDER ?? 'month,year').split(',')
const out: Record<string, unknown> = {}
for (const p of order) {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const b = await svc.body(p as 'month')
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  console.log(
    `${p}: ${ms.toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ${b.period.completedDays} days, queries ${svc.stats.queries}, cachedDays ${svc.stats.cachedDays}, read back ${svc.stats.keptDays}, peak rss ${(peak / 2 ** 20).toFixed(0)} MiB`,
  )
  out[p] = b.targets.map((t) => [t.id, t.value, t.status, t.counted])
}
if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, JSON.stringify(out))
clearInterval(sampler)
const t0 = performance.now()
await svc.settled()
if (process.env.KEPT) console.log(`kept ${svc.stats.kept} station-days in ${(performance.now() - t0).toFixed(0)} ms more`)
await store.close()
