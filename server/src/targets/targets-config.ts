/**
 * Settings of the targets board (validated in server/src/config.ts from the environment) and the
 * generated-sewage baseline.
 *
 * Generated-sewage baseline (m³/d, the denominator of the urban sewage treatment rate): the city's
 * generated domestic sewage is not measured by any station; officially it is estimated as domestic
 * water supply × a discharge coefficient (typically 0.8–0.9). Set it with
 * TARGET_SEWAGE_GENERATED_M3D. Without it the demo assumes 85 % of the registered plants' design
 * capacity (Station.capacityM3d): plants are sized for the sewage they receive and the simulator runs
 * them at 72–92 % load, so the demo rate lands a little above the 90 % target, with some days at risk.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { TargetMargins } from '../../../shared/src/protocol/http/targets'

/** Share of the plants' design capacity taken as the generated sewage when no baseline is configured (demo). */
export const DEFAULT_BASELINE_CAPACITY_SHARE = 0.85

export interface TargetsConfig {
  /** Generated domestic sewage, m³/d; undefined = the demo default from plant capacities. */
  sewageGeneratedM3d?: number
  /** Air good-days ratio target, % (national and provincial requirement; configurable). */
  airGoodDaysPct: number
  /** At-risk margins: percentage points for rates, % of the allowance for energy. */
  margins: TargetMargins
  /** Recompute and push at most this often, ms. */
  refreshMs: number
}

/** Defaults of the targets settings (the plan's targets and the shared formulas' margins). */
export const DEFAULT_TARGETS_CONFIG: TargetsConfig = {
  airGoodDaysPct: 90,
  margins: { air: 2, sewage: 2, reclaimed: 1, energy: 5 },
  refreshMs: 60_000,
}

/**
 * The generated-sewage baseline in use and where it came from.
 * @example sewageBaseline({ ...DEFAULT_TARGETS_CONFIG }, [{ capacityM3d: 100_000 }]).m3d // 85000
 */
export function sewageBaseline(
  cfg: Pick<TargetsConfig, 'sewageGeneratedM3d'>,
  plants: Pick<Station, 'capacityM3d'>[],
): { m3d: number; source: string } {
  if (cfg.sewageGeneratedM3d !== undefined)
    return { m3d: cfg.sewageGeneratedM3d, source: `configured ${cfg.sewageGeneratedM3d} m³/d (TARGET_SEWAGE_GENERATED_M3D)` }
  const known = plants.filter((p) => p.capacityM3d !== undefined && p.capacityM3d > 0)
  const capacity = known.reduce((s, p) => s + p.capacityM3d!, 0)
  const m3d = Math.round(DEFAULT_BASELINE_CAPACITY_SHARE * capacity)
  return {
    m3d,
    source: `demo default ${m3d} m³/d = ${DEFAULT_BASELINE_CAPACITY_SHARE * 100} % of the design capacity of ${known.length} plant(s) (${capacity} m³/d); set TARGET_SEWAGE_GENERATED_M3D to the city's estimate (domestic water supply × discharge coefficient)`,
  }
}
