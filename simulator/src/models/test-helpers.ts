/**
 * Test helpers for the models: run a model over a time span and collect its samples.
 */
import type { Station } from '../../../shared/src/domain/station'
import { buildDemoStations } from '../stations'
import type { Sample, StationModel } from './types'

/** A sample with its time, or null (offline). */
export interface Tick {
  t: number
  sample: Sample | null
}

/** Step `model` from `start` for `hours` every `stepSec` seconds. */
export function runModel(model: StationModel, start: number, hours: number, stepSec: number = model.station.intervalSec): Tick[] {
  const out: Tick[] = []
  const n = Math.floor((hours * 3600) / stepSec)
  for (let i = 0; i < n; i++) {
    const t = start + i * stepSec * 1000
    out.push({ t, sample: model.next(t) })
  }
  return out
}

/** Hourly means of `metric` over the online samples (NaN for an hour without data). */
export function hourlyMeans(ticks: readonly Tick[], metric: string): number[] {
  const sums = new Map<number, { s: number; n: number }>()
  for (const { t, sample } of ticks) {
    const v = sample?.values[metric]
    if (v === undefined) continue
    const h = Math.floor(t / 3600_000)
    const e = sums.get(h) ?? { s: 0, n: 0 }
    e.s += v
    e.n++
    sums.set(h, e)
  }
  return [...sums.values()].map((e) => e.s / e.n)
}

let cached: Station[] | undefined

/** The default demo stations (seed 1), built once per test file. */
export function demoSet(): Station[] {
  cached ??= buildDemoStations({ seed: 1 })
  return cached
}

/** One demo station by id (throws if absent). */
export function station(id: string): Station {
  const s = demoSet().find((x) => x.id === id)
  if (!s) throw new Error(`no demo station ${id}`)
  return s
}

/** Local-time instant `2026-01-15T08:00` style → epoch ms (China Standard Time). */
export function cst(local: string): number {
  return Date.parse(`${local}+08:00`)
}
