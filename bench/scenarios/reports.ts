/**
 * Reports (issue 14): a city-year annual report over 1000 stations (600 air, 150 water, 100
 * wastewater, 150 energy units), built from hourly aggregates and written as JSON, XLSX and PDF.
 *
 * The report service runs in this process over a synthetic store port that answers each hourly
 * `series` / `seriesMany` query with generated buckets (a year of hourly values per station and
 * metric, deterministic), so the figure is the report's own cost (daily statistics, period
 * statistics, rankings, the files) on the same data volume as a city's year, not the store's:
 * seeding 50 million hourly rows into DuckDB would take longer than the rest of the bench, and the
 * store's hourly aggregation of a year is measured in the query scenario. The annual report reads
 * two years of air data (the year and the year before, for the year-on-year changes). Peak RSS and
 * heap show that the report never holds every station-day.
 */
import { mkdtempSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Station, StationKind } from '../../shared/src/domain/station'
import type { Series, SeriesQuery, Store } from '../../shared/src/ports/store'
import { isoCst } from '../../server/src/http/time-query'
import { ReportService } from '../../server/src/reports/report-service'
import type { BenchContext } from '../lib/context'
import { figure, type Figure, type ScenarioResult } from '../lib/figures'

const H = 3_600_000
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'

/** The synthetic city: ids, kinds, towns. */
function stations(counts: Record<StationKind, number>): Station[] {
  const out: Station[] = []
  for (const [kind, n] of Object.entries(counts) as [StationKind, number][]) {
    for (let i = 0; i < n; i++) {
      out.push({
        id: `B-${kind}-${String(i).padStart(4, '0')}`,
        kind,
        nameZh: `站点${i}`,
        nameEn: `Station ${i}`,
        lon: 113.75,
        lat: 23.02,
        town: `镇街${i % 32}`,
        approx: true,
        intervalSec: 3600,
        ...(kind === 'water' ? { standardClass: 'III', waterBody: 'river' as const } : {}),
        ...(kind === 'wastewater' ? { standardClass: '1A', builtDate: '2010-01-01' } : {}),
        ...(kind === 'energy' ? { quotaTce: 5000 } : {}),
      })
    }
  }
  return out
}

/** A deterministic hourly value of a station's metric. */
function value(seed: number, metric: string, h: number): number {
  const day = Math.sin((h / 24) * 0.3 + seed) * 0.5 + 1
  const hour = Math.sin(((h % 24) / 24) * 2 * Math.PI) * 0.3 + 1
  switch (metric) {
    case 'pm25':
      return 35 * day * hour
    case 'pm10':
      return 60 * day * hour
    case 'so2':
      return 8 * day
    case 'no2':
      return 30 * day * hour
    case 'co':
      return 0.8 * day
    case 'o3':
      return 90 * hour * day
    case 'outflow':
      return 400 * hour
    case 'reclaimed':
      return 40 * hour
    case 'elec_kwh':
      return 1_000_000 + 500 * h
    case 'gas_m3':
      return 10_000 + 20 * h
    default:
      return 1 + 0.2 * day
  }
}

/** A store port generating hourly buckets on demand. */
function syntheticStore(counter: { buckets: number }): Pick<Store, 'series' | 'seriesMany'> {
  const seeds = new Map<string, number>()
  const seedOf = (id: string) => {
    let s = seeds.get(id)
    if (s === undefined) seeds.set(id, (s = seeds.size * 0.37))
    return s
  }
  const gen = (stationId: string, q: Omit<SeriesQuery, 'stationId'>): Series[] => {
    const step = q.every === '1d' ? 24 * H : H
    const from = Math.ceil(q.from / step) * step
    const n = Math.max(0, Math.floor((q.to - from) / step))
    return q.metrics.map((metric) => {
      const t = new Array<number>(n)
      const v = new Array<number>(n)
      for (let i = 0; i < n; i++) {
        t[i] = from + i * step
        v[i] = value(seedOf(stationId), metric, Math.floor(t[i]! / H))
      }
      counter.buckets += n
      return { metric, t, v }
    })
  }
  return {
    series: async (q) => gen(q.stationId, q),
    seriesMany: async (q) => new Map(q.stationIds.map((id) => [id, gen(id, q)])),
  }
}

export async function reportsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const counts: Record<StationKind, number> = ctx.opts.quick
    ? { air: 60, water: 15, wastewater: 10, energy: 15 }
    : { air: 600, water: 150, wastewater: 100, energy: 150 }
  const list = stations(counts)
  const total = list.length
  const counter = { buckets: 0 }
  const dir = mkdtempSync(join(ctx.workDir, 'reports-'))
  const service = new ReportService({
    dir,
    builder: { store: syntheticStore(counter), stations: () => list },
    now: () => Date.parse('2026-03-01T12:00:00+08:00'),
    font: { path: FONT },
    iso: isoCst,
  })
  const config = { stations: counts, period: '2025', store: 'synthetic hourly buckets (see the scenario doc)' }
  let peakRss = process.memoryUsage().rss
  let peakHeap = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 100)
  const figures: Figure[] = []
  const details: Record<string, unknown> = {}
  try {
    ctx.log(`reports: annual report 2025 over ${total} stations`)
    const t0 = performance.now()
    const { doc } = await service.generate('annual', '2025', 'on-demand')
    const buildMs = performance.now() - t0
    const files: Record<string, { ms: number; bytes: number }> = {}
    for (const format of ['xlsx', 'pdf'] as const) {
      ctx.log(`reports: ${format}`)
      const t = performance.now()
      const file = await service.file(doc.id, format, 'zh')
      files[format] = { ms: performance.now() - t, bytes: statSync(file).size }
    }
    const json = statSync(join(dir, `${doc.id}.json`)).size
    details.annual = {
      buildMs: Math.round(buildMs),
      bucketsRead: counter.buckets,
      jsonBytes: json,
      files,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      peakHeapMiB: Math.round(peakHeap / 2 ** 20),
    }
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`
    figures.push(
      figure('reports', `annual report, ${total} stations: build (JSON)`, Math.round(buildMs / 100) / 10, 's', undefined, {
        config,
        note: `${(counter.buckets / 1e6).toFixed(1)} M hourly buckets read (the year and the year before for air); ${mb(json)}`,
      }),
      figure('reports', `annual report, ${total} stations: XLSX`, Math.round(files.xlsx!.ms / 100) / 10, 's', undefined, {
        config,
        note: mb(files.xlsx!.bytes),
      }),
      figure('reports', `annual report, ${total} stations: PDF`, Math.round(files.pdf!.ms / 100) / 10, 's', undefined, {
        config,
        note: mb(files.pdf!.bytes),
      }),
      figure('reports', 'annual report: peak RSS of the process', Math.round(peakRss / 2 ** 20), 'MiB', undefined, {
        config,
        note: `peak heap ${Math.round(peakHeap / 2 ** 20)} MiB`,
      }),
    )
  } finally {
    clearInterval(sampler)
  }
  return { figures, config, details, notes: [] }
}
