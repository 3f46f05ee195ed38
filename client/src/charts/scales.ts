/**
 * Chart scales. The x axis ticks on China Standard Time whatever the browser's zone: a UTC scale
 * over times shifted by +8 h gives CST wall-clock ticks. The y domain covers the data and the
 * limit lines that are near it; a limit far above the data would flatten the series, so it stays
 * off-scale and is drawn pinned to the edge with an arrow instead.
 */
import { scaleLinear, scaleUtc, utcFormat, type ScaleLinear, type ScaleTime } from 'd3'
import { CST_OFFSET_MS } from '../time/cst'

/** A UTC time scale over [from, to] shifted to CST; use `x(new Date(t + CST_OFFSET_MS))`. */
export function cstTimeScale(from: number, to: number, width: number): ScaleTime<number, number> {
  return scaleUtc()
    .domain([new Date(from + CST_OFFSET_MS), new Date(to + CST_OFFSET_MS)])
    .range([0, width])
}

const hm = utcFormat('%H:%M')
const md = utcFormat('%m-%d')
const hms = utcFormat('%H:%M:%S')

/** Tick label of a shifted (CST) tick: the date at CST midnight, else HH:mm (HH:mm:ss below a minute). */
export function cstTickFormat(d: Date): string {
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return md(d)
  return d.getUTCSeconds() !== 0 ? hms(d) : hm(d)
}

/** The y domain and which limit values are drawn off-scale (pinned to the top or bottom edge). */
export interface YDomain {
  domain: [number, number]
  offscale: Set<number>
}

/** A limit further than this many data spans (or half the data's magnitude) beyond it stays off-scale. */
const NEAR = 1.5

/**
 * The y domain for the visible data extent and the limit values.
 * @example yDomain([10, 40], [75]) // includes 75: it is near the data
 */
export function yDomain(data: readonly [number, number], limits: readonly number[]): YDomain {
  let [lo, hi] = data
  const offscale = new Set<number>()
  const hasData = Number.isFinite(lo) && Number.isFinite(hi)
  if (!hasData) {
    const finite = limits.filter(Number.isFinite)
    if (finite.length === 0) return { domain: [0, 1], offscale }
    lo = Math.min(0, ...finite)
    hi = Math.max(...finite) * 1.1 || 1
    return { domain: nice(lo, hi), offscale }
  }
  const reach = Math.max((hi - lo) * NEAR, Math.abs(hi) * 0.5, 1e-9)
  for (const l of limits) {
    if (!Number.isFinite(l)) continue
    if (l > hi + reach || l < lo - reach) offscale.add(l)
    else {
      lo = Math.min(lo, l)
      hi = Math.max(hi, l)
    }
  }
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1
  const floor = data[0] >= 0 && lo - pad < 0 ? 0 : lo - pad
  return { domain: nice(floor, hi + pad), offscale }
}

function nice(lo: number, hi: number): [number, number] {
  const [a, b] = scaleLinear().domain([lo, hi]).nice(6).domain() as [number, number]
  return [a, b]
}

/** A linear y scale for a domain and a plot height (0 at the top). */
export function valueScale(domain: readonly [number, number], height: number): ScaleLinear<number, number> {
  return scaleLinear().domain(domain).range([height, 0])
}
