/**
 * Test-only builders for the standards evaluator tests: stations of each kind and readings on a
 * regular grid. Not used by production code.
 */
import type { DataFlag, Reading } from '../domain/reading'
import type { Station, StationKind } from '../domain/station'
import type { Observation } from './alert-book'
import { mulberry32 } from '../random/prng'

export const MIN = 60_000
export const HOUR = 3_600_000
/** 2026-03-01 00:00 CST, a CST midnight. */
export const T0 = Date.parse('2026-03-01T00:00:00+08:00')

/** A station of `kind` reporting every `intervalSec` (default 60 s). */
export function stationOf(kind: StationKind, extra: Partial<Station> = {}): Station {
  return {
    id: `T-${kind}`,
    kind,
    nameZh: kind,
    nameEn: kind,
    lon: 113.75,
    lat: 23.02,
    town: '莞城街道',
    approx: true,
    intervalSec: 60,
    ...extra,
  }
}

type Values = Record<string, number>

/**
 * Readings every `stepMs` from `from` (`count` of them); `values(i, t)` gives the values (undefined
 * = no reading), `flags(i, t)` optional flags.
 */
export function grid(
  station: Station,
  from: number,
  count: number,
  stepMs: number,
  values: (i: number, t: number) => Values | undefined,
  flags?: (i: number, t: number) => Record<string, DataFlag> | undefined,
): Reading[] {
  const out: Reading[] = []
  for (let i = 0; i < count; i++) {
    const t = from + i * stepMs
    const v = values(i, t)
    if (!v) continue
    const r: Reading = { stationId: station.id, kind: station.kind, ts: t, values: v }
    const f = flags?.(i, t)
    if (f) r.flags = f
    out.push(r)
  }
  return out
}

/**
 * One-minute readings for `hours` hours from `from`: `perHour(h)` gives the values of hour h (the
 * same every minute) or undefined for a silent hour; `minutes` samples per hour (default 60).
 */
export function hourly(station: Station, from: number, hours: number, perHour: (h: number) => Values | undefined, minutes = 60): Reading[] {
  const out: Reading[] = []
  for (let h = 0; h < hours; h++) {
    const v = perHour(h)
    if (!v) continue
    for (let m = 0; m < minutes; m++)
      out.push({ stationId: station.id, kind: station.kind, ts: from + h * HOUR + m * MIN, values: { ...v } })
  }
  return out
}

/** A reading that closes the hour before `t` (its values are irrelevant to the closed hour). */
export function tick(station: Station, t: number, values: Values = {}): Reading {
  return { stationId: station.id, kind: station.kind, ts: t, values }
}

/** Observations of one rule, as [value, hours since T0 of the observation time]. */
export function valuesOf(obs: Observation[], ruleId: string, from = T0): [number, number][] {
  return obs.filter((o) => o.rule.id === ruleId).map((o) => [round(o.value), (o.ts - from) / HOUR])
}

/** Round to 6 decimals (comparisons of float means). */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

/** A small deterministic pseudo-random generator (mulberry32) for varied test data. */
export const rng = mulberry32
