/**
 * Pick N demo stations: fewer than the default set → a deterministic subset that covers every
 * kind (round-robin over the kinds, real stations first); more → generate the rest.
 */
import { STATION_KINDS, type Station } from '../../shared/src/domain/station'
import { buildDemoStations } from './stations'

/**
 * The demo stations for `n` (the CLI's `--stations N`); all of them when `n` is undefined.
 * @example
 * demoStations(4, 1).map((s) => s.kind) // ['air', 'water', 'wastewater', 'energy']
 */
export function demoStations(n: number | undefined, seed: number): Station[] {
  const all = buildDemoStations({ seed })
  if (n === undefined || n === all.length) return all
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid stations: ${n}`)
  if (n > all.length) return buildDemoStations({ seed, extra: n - all.length })
  const byKind = STATION_KINDS.map((k) => all.filter((s) => s.kind === k))
  const out: Station[] = []
  for (let i = 0; out.length < n; i++) {
    for (const list of byKind) {
      if (i < list.length && out.length < n) out.push(list[i]!)
    }
  }
  return out
}
