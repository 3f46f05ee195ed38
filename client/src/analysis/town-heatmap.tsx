/**
 * The month at a glance: one row per town (ranked as in the chart) and the city on top, one cell
 * per day in the colour of that day's AQI level; empty where the day has no valid AQI. About a
 * thousand static cells, drawn once per month as SVG (each has a title for hover and screen readers).
 */
import { aqiLevel } from '../../../shared/src/standards/aqi-table'
import { cstDate } from '../../../shared/src/standards/time'
import { useI18n } from '../i18n/use-i18n'
import type { BadDaysResult } from './bad-days'

/** Props of {@link TownHeatmap}. */
export interface TownHeatmapProps {
  result: BadDaysResult
  days: readonly number[]
  name: (town: string) => string
}

const CELL = 16
const LEFT = 112
const TOP = 18

/** The heatmap. */
export function TownHeatmap({ result, days, name }: TownHeatmapProps) {
  const { t } = useI18n()
  const rows = [
    { label: t('badDays.city'), aqi: result.cityAqi, city: true },
    ...result.towns.map((x) => ({ label: name(x.town), aqi: x.aqi, city: false })),
  ]
  const w = LEFT + days.length * CELL + 4
  const h = TOP + rows.length * CELL + 4
  return (
    <svg
      className="town-heatmap"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={t('badDays.heatmapLabel')}
      data-testid="bad-days-heatmap"
    >
      {days.map((d, j) =>
        j % 5 === 0 || j === days.length - 1 ? (
          <text key={d} className="heat-day" x={LEFT + j * CELL + CELL / 2} y={TOP - 6} textAnchor="middle">
            {cstDate(d).slice(8)}
          </text>
        ) : null,
      )}
      {rows.map((r, i) => (
        <g key={r.label} transform={`translate(0,${TOP + i * CELL})`} className={r.city ? 'heat-city' : undefined}>
          <text className="bar-label" x={LEFT - 8} y={CELL / 2} dy="0.35em" textAnchor="end">
            {r.label}
          </text>
          {days.map((d, j) => {
            const a = r.aqi[j]!
            const lv = Number.isFinite(a) ? aqiLevel(a) : undefined
            return (
              <rect
                key={d}
                x={LEFT + j * CELL}
                width={CELL - 2}
                height={CELL - 2}
                rx={2}
                fill={lv?.hex ?? 'transparent'}
                className={lv ? undefined : 'heat-empty'}
              >
                <title>{`${r.label} ${cstDate(d)}: ${lv ? `AQI ${a}` : t('badDays.noValidAqi')}`}</title>
              </rect>
            )
          })}
        </g>
      ))}
    </svg>
  )
}
