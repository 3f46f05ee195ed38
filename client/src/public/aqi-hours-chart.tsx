/**
 * The last 24 hours of a station's AQI as bars in their level colours (SVG, 24 bars: no canvas
 * needed), with the hour labels every six hours in China Standard Time.
 */
import type { PublicAqiHour } from '../../../shared/src/protocol/http/public'
import { cstHour } from './strings'

const W = 480
const H = 140
const TOP = 10
const BOTTOM = 22

export function AqiHoursChart({ hours, label }: { hours: readonly PublicAqiHour[]; label: string }) {
  const max = Math.max(100, ...hours.map((h) => h.aqi ?? 0))
  const bw = W / Math.max(1, hours.length)
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - v / max)
  return (
    <svg className="pub-hours" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="public-hours">
      {[50, 100, 150, 200, 300]
        .filter((v) => v <= max)
        .map((v) => (
          <g key={v} className="pub-grid">
            <line x1={0} x2={W} y1={y(v)} y2={y(v)} />
            <text x={2} y={y(v) - 2}>
              {v}
            </text>
          </g>
        ))}
      {hours.map((h, i) =>
        h.aqi === null ? null : (
          <rect
            key={h.ts}
            x={i * bw + 1}
            width={bw - 2}
            y={y(h.aqi)}
            height={H - BOTTOM - y(h.aqi)}
            fill={h.color ?? '#999'}
            data-testid="public-hour"
            data-aqi={h.aqi}
          >
            <title>{`${cstHour(h.ts)}  AQI ${h.aqi}`}</title>
          </rect>
        ),
      )}
      {hours.map((h, i) =>
        i % 6 === 0 ? (
          <text key={`l${h.ts}`} className="pub-axis" x={i * bw + 1} y={H - 6}>
            {cstHour(h.ts).slice(6)}
          </text>
        ) : null,
      )}
    </svg>
  )
}
