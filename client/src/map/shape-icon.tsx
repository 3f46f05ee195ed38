/**
 * A small SVG of a kind's marker shape, for the filter chips and the legend.
 */
import type { StationKind } from '../../../shared/src/domain/station'
import { markerPath } from './marker-shapes'

/** Props of {@link ShapeIcon}. */
export interface ShapeIconProps {
  kind: StationKind
  fill?: string
  stroke?: string
  size?: number
}

/** The marker shape of `kind`. */
export function ShapeIcon({ kind, fill = 'currentColor', stroke = 'none', size = 14 }: ShapeIconProps) {
  const r = size * 0.3
  return (
    <svg className="shape-icon" width={size} height={size} viewBox={`${-size / 2} ${-size / 2} ${size} ${size}`} aria-hidden="true">
      <path d={markerPath(kind, r)} fill={fill} stroke={stroke} strokeWidth={stroke === 'none' ? 0 : 1.5} />
    </svg>
  )
}
