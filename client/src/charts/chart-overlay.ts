/**
 * The SVG overlay of the trend chart: axes (D3 axis generators on CST ticks), the limit lines
 * (dashed, labelled, `data-testid="limit-line"`), and the hover read-out. D3 joins here are per
 * tick and per limit, never per data point.
 */
import { axisBottom, axisLeft, select, type ScaleLinear, type ScaleTime, type Selection } from 'd3'
import { CST_OFFSET_MS } from '../time/cst'
import { cstTickFormat } from './scales'

/** A limit line to draw. */
export interface ChartLimit {
  value: number
  label: string
}

/** Plot margins inside the chart box (px). */
export interface Margins {
  top: number
  right: number
  bottom: number
  left: number
}

type G = Selection<SVGGElement, unknown, null, undefined>

/** The overlay's persistent groups. */
export class ChartOverlay {
  private readonly root: G
  private readonly xAxis: G
  private readonly yAxis: G
  private readonly limits: G
  private readonly hover: G
  private readonly unitText: Selection<SVGTextElement, unknown, null, undefined>

  constructor(svg: SVGSVGElement) {
    const s = select(svg)
    s.selectAll('*').remove()
    this.root = s.append('g')
    this.yAxis = this.root.append('g').attr('class', 'axis axis-y')
    this.xAxis = this.root.append('g').attr('class', 'axis axis-x')
    this.limits = this.root.append('g').attr('class', 'limits')
    this.hover = this.root.append('g').attr('class', 'hover').style('display', 'none')
    this.hover.append('line').attr('class', 'hover-rule')
    this.hover.append('circle').attr('r', 4).attr('class', 'hover-dot')
    this.hover.append('rect').attr('class', 'hover-bg').attr('rx', 3)
    this.hover.append('text').attr('class', 'hover-text')
    this.unitText = this.root.append('text').attr('class', 'axis-unit')
  }

  /** Draw the axes for the current scales. */
  axes(x: ScaleTime<number, number>, y: ScaleLinear<number, number>, m: Margins, plotW: number, plotH: number, unit: string): void {
    this.root.attr('transform', `translate(${m.left},${m.top})`)
    const xTicks = Math.max(2, Math.floor(plotW / 90))
    this.xAxis.attr('transform', `translate(0,${plotH})`).call(
      axisBottom(x)
        .ticks(xTicks)
        .tickFormat((d) => cstTickFormat(d as Date))
        .tickSizeOuter(0),
    )
    this.yAxis.call(
      axisLeft(y)
        .ticks(Math.max(2, Math.floor(plotH / 40)))
        .tickSize(-plotW)
        .tickSizeOuter(0)
        .tickPadding(6),
    )
    this.unitText
      .attr('x', -m.left + 4)
      .attr('y', -12)
      .text(unit)
  }

  /** Draw the limit lines; `offscale` ones are pinned to the top (or bottom) edge with an arrow. */
  drawLimits(
    limits: readonly ChartLimit[],
    y: ScaleLinear<number, number>,
    offscale: ReadonlySet<number>,
    plotW: number,
    plotH: number,
  ): void {
    const [d0, d1] = y.domain() as [number, number]
    const g = this.limits
      .selectAll<SVGGElement, ChartLimit>('g.limit')
      .data(limits, (d) => `${d.value}|${d.label}`)
      .join((enter) => {
        const e = enter.append('g').attr('class', 'limit')
        e.append('line').attr('data-testid', 'limit-line').attr('class', 'limit-line')
        e.append('text').attr('class', 'limit-label').attr('text-anchor', 'end')
        return e
      })
    g.each(function (d) {
      const above = d.value > d1
      const off = offscale.has(d.value) || d.value > d1 || d.value < d0
      const py = off ? (above ? 0.5 : plotH - 0.5) : Math.round(y(d.value)) + 0.5
      const sel = select(this).classed('offscale', off)
      sel.select('line').attr('x1', 0).attr('x2', plotW).attr('y1', py).attr('y2', py).attr('data-value', d.value)
      const arrow = off ? (above ? '↑ ' : '↓ ') : ''
      sel
        .select('text')
        .attr('x', plotW - 4)
        .attr('y', off && !above ? py - 4 : py + (off ? 12 : -4))
        .text(`${arrow}${d.label}`)
    })
  }

  /** Show the hover read-out at plot (px, py) with `text`, or hide it (`text` undefined); `''` shows only the rule and dot. */
  showHover(px: number, py: number, plotW: number, plotH: number, text?: string): void {
    if (text === undefined || !Number.isFinite(py)) {
      this.hover.style('display', 'none')
      return
    }
    this.hover.style('display', null)
    this.hover.select('line').attr('x1', px).attr('x2', px).attr('y1', 0).attr('y2', plotH)
    this.hover.select('circle').attr('cx', px).attr('cy', py)
    // An empty text shows the rule and dot only (the caller shows the values elsewhere).
    this.hover.select('rect').style('display', text ? '' : 'none')
    const label = this.hover
      .select<SVGTextElement>('text')
      .text(text)
      .style('display', text ? '' : 'none')
    const w = (label.node()?.getComputedTextLength() ?? text.length * 7) + 12
    const left = px + 10 + w > plotW ? px - 10 - w : px + 10
    const top = Math.max(0, Math.min(plotH - 22, py - 28))
    label.attr('x', left + 6).attr('y', top + 15)
    this.hover.select('rect').attr('x', left).attr('y', top).attr('width', w).attr('height', 22)
  }
}

/** Plot x (px) of a time on a CST-shifted scale. */
export function xOf(x: ScaleTime<number, number>, t: number): number {
  return x(new Date(t + CST_OFFSET_MS))
}
