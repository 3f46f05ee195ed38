import { describe, expect, it } from 'vitest'
import { AQI_LEVELS } from '../../../shared/src/standards/aqi-table'
import { MARKER_COLORS, RING_COLORS, markerStyle, styleKey } from './marker-style'

describe('markerStyle', () => {
  it.each([
    [25, '#00e400'],
    [75, '#ffff00'],
    [120, '#ff7e00'],
    [180, '#ff0000'],
    [250, '#99004c'],
    [420, '#7e0023'],
  ])('colours an air station with AQI %i by its HJ 633-2012 level', (aqi, hex) => {
    expect(markerStyle({ kind: 'air', status: 'online', aqi }).fill).toBe(hex)
  })

  it('uses the official table, not a copy', () => {
    expect(markerStyle({ kind: 'air', status: 'online', aqi: 10 }).fill).toBe(AQI_LEVELS[0]!.hex)
  })

  it('rounds a fractional AQI onto a level (50.4 is still level I)', () => {
    expect(markerStyle({ kind: 'air', status: 'online', aqi: 50.4 }).fill).toBe(AQI_LEVELS[0]!.hex)
  })

  it('shows an air station without AQI in the neutral air colour', () => {
    expect(markerStyle({ kind: 'air', status: 'online' }).fill).toBe(MARKER_COLORS.airNoAqi)
  })

  it.each([
    [undefined, MARKER_COLORS.ok],
    [{ count: 1, worst: 'info' as const, open: 1 }, MARKER_COLORS.warning],
    [{ count: 1, worst: 'warning' as const, open: 1 }, MARKER_COLORS.warning],
    [{ count: 2, worst: 'critical' as const, open: 0 }, MARKER_COLORS.critical],
  ])('colours water and wastewater by their worst active alert (%j)', (alerts, fill) => {
    expect(markerStyle({ kind: 'water', status: 'online', alerts }).fill).toBe(fill)
    expect(markerStyle({ kind: 'wastewater', status: 'online', alerts }).fill).toBe(fill)
  })

  it('keeps energy units neutral', () => {
    expect(markerStyle({ kind: 'energy', status: 'online' }).fill).toBe(MARKER_COLORS.energy)
  })

  it('greys out offline stations of every kind, even with an AQI', () => {
    for (const kind of ['air', 'water', 'wastewater', 'energy'] as const)
      expect(markerStyle({ kind, status: 'offline', aqi: 300 }).fill).toBe(MARKER_COLORS.offline)
  })

  it('outlines a stale station in the colour it would have', () => {
    const s = markerStyle({ kind: 'air', status: 'stale', aqi: 120 })
    expect(s).toMatchObject({ hollow: true, stroke: '#ff7e00', fill: MARKER_COLORS.hollowFill })
  })

  it('rings a station with active alerts in the worst severity colour, dashed once all are acknowledged', () => {
    expect(markerStyle({ kind: 'energy', status: 'online', alerts: { count: 1, worst: 'critical', open: 1 } }).ring).toEqual({
      color: RING_COLORS.critical,
      dashed: false,
    })
    expect(markerStyle({ kind: 'energy', status: 'online', alerts: { count: 1, worst: 'warning', open: 0 } }).ring).toEqual({
      color: RING_COLORS.warning,
      dashed: true,
    })
    expect(markerStyle({ kind: 'energy', status: 'online' }).ring).toBeUndefined()
  })

  it('changes the style key only when the look changes', () => {
    const a = markerStyle({ kind: 'air', status: 'online', aqi: 20 })
    const b = markerStyle({ kind: 'air', status: 'online', aqi: 30 })
    const c = markerStyle({ kind: 'air', status: 'online', aqi: 60 })
    expect(styleKey(a)).toBe(styleKey(b))
    expect(styleKey(a)).not.toBe(styleKey(c))
  })
})
