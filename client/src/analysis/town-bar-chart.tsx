/**
 * The ranked bar chart of bad air days per town: one horizontal bar per town with bad days,
 * stacked by AQI level in the official HJ 633-2012 colours, the count at the end, and a marker of
 * how many of them were also city bad days. D3 scales; a few dozen bars, so plain SVG.
 */
import { scaleBand, scaleLinear } from 'd3'
import { AQI_LEVELS } from '../../../shared/src/standards/aqi-table'
import { useI18n } from '../i18n/use-i18n'
import type { TownBadDays } from './bad-days'

/** Props of {@link TownBarChart}. */
export interface TownBarChartProps {
  towns: readonly TownBadDays[]
  name: (town: string) => string
}

const LEVELS = ['III', 'IV', 'V', 'VI'] as const
const COLOR = Object.fromEntries(AQI_LEVELS.map((l) => [l.level, l.hex])) as Record<string, string>
const ROW = 24
const LEFT = 120
const RIGHT = 130
const W = 600

/** The chart (towns with at least one bad day, best ranked first). */
export function TownBarChart({ towns, name }: TownBarChartProps) {
  const { t, lang } = useI18n()
  const shown = towns.filter((x) => x.badDays > 0)
  if (shown.length === 0)
    return (
      <p className="muted" data-testid="bad-days-chart">
        {t('badDays.noneBad')}
      </p>
    )
  const h = shown.length * ROW + 24
  const max = Math.max(...shown.map((x) => x.badDays))
  const x = scaleLinear()
    .domain([0, max])
    .range([0, W - LEFT - RIGHT])
  const y = scaleBand<string>()
    .domain(shown.map((s) => s.town))
    .range([0, shown.length * ROW])
    .padding(0.22)
  return (
    <svg className="town-bars" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={t('badDays.chartLabel')} data-testid="bad-days-chart">
      <g transform="translate(0,4)">
        {shown.map((s, i) => {
          let x0 = 0
          return (
            <g key={s.town} transform={`translate(0,${y(s.town)})`} data-testid="town-bar" data-town={s.town} data-bad={s.badDays}>
              <text className="bar-label" x={LEFT - 8} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end">
                {i + 1}. {name(s.town)}
              </text>
              {LEVELS.map((lv) => {
                const n = s.byLevel[lv]
                if (n === 0) return null
                const rect = (
                  <rect key={lv} x={LEFT + x(x0)} width={Math.max(1, x(x0 + n) - x(x0) - 1)} height={y.bandwidth()} fill={COLOR[lv]}>
                    <title>{`${name(s.town)} · ${AQI_LEVELS.find((l) => l.level === lv)![lang === 'zh' ? 'zh' : 'en']} ${n}`}</title>
                  </rect>
                )
                x0 += n
                return rect
              })}
              <text className="bar-value" x={LEFT + x(s.badDays) + 6} y={y.bandwidth() / 2} dy="0.35em">
                {s.badDays}
                <tspan className="bar-overlap"> ({t('badDays.overlapShort', { n: s.cityOverlap })})</tspan>
              </text>
            </g>
          )
        })}
      </g>
    </svg>
  )
}
