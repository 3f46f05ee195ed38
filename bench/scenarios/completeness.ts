/**
 * Issue 12's completeness figures, on the store port in this process (DuckDB in the run's temp dir):
 * 1000 air stations reporting the six AQI pollutants every 5 minutes for 30 days (51.8 M points,
 * with about 2 % of the reports missing in runs of a few hours and 1 % flagged D), written through
 * the store port before the run. Then, through the completeness service
 * (server/src/completeness/completeness-service.ts):
 * - the month of all 1000 stations in CST days (`every=1d`: the admin table, the valid-data-rate
 *   target), with the service's day cache as the one-process system has it: the first request
 *   (cold) counts every day in the store; the next ones (p50/p95) read the closed days from the
 *   cache and count only the day in progress;
 * - the month of all 1000 stations hour by hour (`every=1h`, 720 000 station-hours);
 * - one station's missing hours over the month (`missingHours`: what gap detection asks), p50/p95.
 * `--quick`: 100 stations over 7 days.
 */
import { join } from 'node:path'
import type { Reading } from '../../shared/src/domain/reading'
import type { Station } from '../../shared/src/domain/station'
import { mulberry32 } from '../../shared/src/random/prng'
import { CompletenessService } from '../../server/src/completeness/completeness-service'
import { DuckDbStore } from '../../server/src/store/duckdb-store'
import { cpuMonitor } from '../lib/cpu-monitor'
import type { BenchContext } from '../lib/context'
import { figure, type ScenarioResult } from '../lib/figures'
import { round, summarize } from '../lib/stats'
import { busy } from './ingest'

const HOUR = 3_600_000
const DAY = 86_400_000
const METRICS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3']
const GOAL = { op: '<', value: 1000, text: 'a month of 1000 stations < 1 s (warm)' } as const

export async function completenessScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts, log } = ctx
  const n = opts.quick ? 100 : 1000
  const days = opts.quick ? 7 : 30
  const runs = opts.quick ? 5 : 7
  const intervalSec = 300
  const to = Math.floor(Date.now() / HOUR) * HOUR
  const from = to - days * DAY
  const stations: Station[] = Array.from({ length: n }, (_, i) => ({
    id: `BC-${String(i).padStart(4, '0')}`,
    kind: 'air',
    nameZh: `站${i}`,
    nameEn: `S${i}`,
    lon: 113.7,
    lat: 23,
    town: '莞城街道',
    approx: true,
    intervalSec,
  }))
  const store = await DuckDbStore.open({ path: join(ctx.workDir, 'completeness.duckdb') })
  try {
    // Seed in time order, a day of every station per pass (the store's duplicate check looks at
    // the batch's time range, so batches narrow in time keep seeding linear): per station, gaps as
    // runs of 1–6 hours (about 2 % of the month), 1 % of reports flagged D.
    const rnd = mulberry32(12)
    const t0 = performance.now()
    let points = 0
    let batch: Reading[] = []
    const gapUntil = new Map<string, number>()
    for (let day = from; day < to; day += DAY) {
      for (const s of stations) {
        for (let t = day; t < day + DAY; t += intervalSec * 1000) {
          if (t < (gapUntil.get(s.id) ?? -Infinity)) continue
          if (rnd() < 0.02 / 36) {
            gapUntil.set(s.id, t + (1 + Math.floor(rnd() * 6)) * HOUR)
            continue
          }
          const values: Record<string, number> = {}
          for (const m of METRICS) values[m] = 10 + rnd() * 50
          batch.push(
            rnd() < 0.01
              ? { stationId: s.id, kind: 'air', ts: t, values, flags: { pm25: 'D' } }
              : { stationId: s.id, kind: 'air', ts: t, values },
          )
          points += METRICS.length
          if (batch.length === 20_000) {
            await store.write(batch)
            batch = []
          }
        }
      }
      log(`completeness: seeded ${Math.round((day + DAY - from) / DAY)} of ${days} days (${(points / 1e6).toFixed(1)} M points)`)
    }
    await store.write(batch)
    const seedSeconds = (performance.now() - t0) / 1000
    const registry = { list: () => stations, get: (id: string) => stations.find((s) => s.id === id) }
    // As the one-process system builds it: closed days cached (their counts change only when data for them is stored).
    const service = new CompletenessService({ registry, store, now: () => to + 30 * 60_000, cacheDays: 62 })
    const time = async (fn: () => Promise<unknown>) => {
      const a = performance.now()
      await fn()
      return performance.now() - a
    }
    const cpu = cpuMonitor()
    const cold = await time(() => service.figures(stations, from, to, '1d'))
    const daily: number[] = []
    for (let i = 0; i < runs; i++) daily.push(await time(() => service.figures(stations, from, to, '1d')))
    const dailyCpu = cpu()
    const figs = await service.figures(stations, from, to, '1d')
    const worst = figs[0]!.figures.total
    const hourlyCpu = cpuMonitor()
    const hourly = await time(() => service.figures(stations, from, to, '1h'))
    const hourlyUsage = hourlyCpu()
    const gaps: number[] = []
    let missing = 0
    for (let i = 0; i < runs * 4; i++) {
      const s = stations[i % n]!
      gaps.push(await time(async () => (missing += (await service.missingHours(s.id, from, to)).length)))
    }
    const d = summarize(daily)
    const g = summarize(gaps)
    const config = { stations: n, days, intervalSec, metrics: METRICS.length, points, runs }
    log(
      `completeness: month daily p50 ${round(d.p50, 1)} ms (cold ${round(cold, 0)} ms), hourly ${round(hourly, 0)} ms, missing hours p50 ${round(g.p50, 2)} ms`,
    )
    return {
      config,
      details: { seedSeconds: round(seedSeconds, 1), daily: d, cold, hourly, gaps: g, worstStation: worst, missingHoursFound: missing },
      figures: [
        figure(
          'completeness',
          `${n} stations × ${days} days, CST days (admin table, target), cached closed days p50`,
          round(d.p50, 1),
          'ms',
          GOAL,
          {
            config,
            note: `p95 ${round(d.p95, 1)} ms, first (cold) ${round(cold, 0)} ms; ${(points / 1e6).toFixed(1)} M points; ${busy(dailyCpu)}`,
          },
        ),
        figure('completeness', `${n} stations × ${days} days, hour by hour`, round(hourly, 0), 'ms', undefined, {
          config,
          note: `${n * days * 24} station-hours; ${busy(hourlyUsage)}`,
        }),
        figure('completeness', `missing hours of one station over ${days} days (gap detection) p50`, round(g.p50, 2), 'ms', undefined, {
          config,
          note: `p95 ${round(g.p95, 2)} ms`,
        }),
        figure('completeness', 'store write (seeding, store port)', round(points / seedSeconds, 0), 'points/s', undefined, { config }),
      ],
    }
  } finally {
    await store.close()
  }
}
