/**
 * A target's value over the period so far as a small line, with the target as a dashed line.
 * D3 scales and line generator on a fixed viewBox; a dozen or thirty points, so plain SVG.
 */
import { line, scaleLinear } from 'd3'
import { formatCstDate } from '../time/cst'
import { formatTargetValue } from './target-status'

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  t: readonly number[]
  values: readonly (number | null)[]
  target: number
  unit: string
  /** Accessible summary. */
  label: string
}

const W = 240
const H = 48
const PAD = 4

/** The sparkline. */
export function Sparkline({ t, values, target, unit, label }: SparklineProps) {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (t.length < 2 || finite.length < 1) return <div className="sparkline-empty muted small">{label}</div>
  const lo = Math.min(target, ...finite)
  const hi = Math.max(target, ...finite)
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.05 || 1
  const x = scaleLinear()
    .domain([t[0]!, t[t.length - 1]!])
    .range([PAD, W - PAD])
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([H - PAD, PAD])
  const path = line<number>()
    .defined((i) => values[i] !== null && Number.isFinite(values[i]!))
    .x((i) => x(t[i]!))
    .y((i) => y(values[i]!))(t.map((_, i) => i))
  const last = values.length - 1
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-points={finite.length}
    >
      <line className="sparkline-target" x1={PAD} x2={W - PAD} y1={y(target)} y2={y(target)} vectorEffect="non-scaling-stroke" />
      <path className="sparkline-line" d={path ?? ''} vectorEffect="non-scaling-stroke" />
      {values.map((v, i) =>
        v === null ? null : (
          <circle key={i} className={i === last ? 'sparkline-last' : 'sparkline-dot'} cx={x(t[i]!)} cy={y(v)} r={i === last ? 2.6 : 1.4}>
            <title>{`${formatCstDate(t[i]!)} ${formatTargetValue(v, unit)}`}</title>
          </circle>
        ),
      )}
    </svg>
  )
}
