/**
 * Marker shapes per station kind, as SVG path data centred on (0, 0): circle for air, a drop for
 * drinking-water sources, a square for wastewater plants, a diamond for energy users. Sizes are
 * chosen so the four read as the same visual weight.
 */
import type { StationKind } from '../../../shared/src/domain/station'

const f = (n: number) => Number(n.toFixed(2))

/**
 * Path data of a kind's marker of nominal radius `r` (px).
 * @example markerPath('air', 6) // a circle of radius 6
 */
export function markerPath(kind: StationKind, r: number): string {
  switch (kind) {
    case 'air':
      return `M${f(r)},0A${f(r)},${f(r)} 0 1,1 ${f(-r)},0A${f(r)},${f(r)} 0 1,1 ${f(r)},0Z`
    case 'water': {
      const top = -1.45 * r
      const cy = 0.2 * r
      return `M0,${f(top)}C${f(0.35 * r)},${f(-0.85 * r)} ${f(r)},${f(-0.35 * r)} ${f(r)},${f(cy)}A${f(r)},${f(r)} 0 0,1 ${f(-r)},${f(cy)}C${f(-r)},${f(-0.35 * r)} ${f(-0.35 * r)},${f(-0.85 * r)} 0,${f(top)}Z`
    }
    case 'wastewater': {
      const h = 0.9 * r
      return `M${f(-h)},${f(-h)}H${f(h)}V${f(h)}H${f(-h)}Z`
    }
    case 'energy': {
      const h = 1.25 * r
      return `M0,${f(-h)}L${f(h)},0L0,${f(h)}L${f(-h)},0Z`
    }
  }
}

/** Radius of the alert ring around a marker of radius `r`. */
export function ringRadius(r: number): number {
  return r * 1.85
}
