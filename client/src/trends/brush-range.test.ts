import { describe, expect, it } from 'vitest'
import { MIN_ZOOM_MS, brushToRange, fitInside, panRange, rangeToBrush, zoomRange } from './brush-range'

const H = 3_600_000
const domain: [number, number] = [0, 100 * H]

describe('brush to range', () => {
  it('maps brush pixels to times', () => {
    expect(brushToRange([25, 75], 1000, domain)).toEqual([2.5 * H, 7.5 * H])
  })

  it('accepts a brush drawn right to left', () => {
    expect(brushToRange([75, 25], 1000, domain)).toEqual([2.5 * H, 7.5 * H])
  })

  it('widens a tiny brush to the minimum zoom around its centre', () => {
    const [a, b] = brushToRange([500, 500], 1000, domain)
    expect(b - a).toBe(MIN_ZOOM_MS)
    expect((a + b) / 2).toBe(50 * H)
  })

  it('round-trips through rangeToBrush', () => {
    const r = brushToRange([100, 400], 800, domain)
    const px = rangeToBrush(r, 800, domain)
    expect(px[0]).toBeCloseTo(100)
    expect(px[1]).toBeCloseTo(400)
  })
})

describe('keyboard zoom and pan', () => {
  it('zooms around the centre', () => {
    expect(zoomRange([40 * H, 60 * H], 0.5, domain)).toEqual([45 * H, 55 * H])
  })

  it('zooming out stops at the domain', () => {
    expect(zoomRange([0, 80 * H], 2, domain)).toEqual([0, 100 * H])
  })

  it('pans without leaving the domain', () => {
    expect(panRange([80 * H, 90 * H], 0.5, domain)).toEqual([85 * H, 95 * H])
    expect(panRange([90 * H, 100 * H], 0.5, domain)).toEqual([90 * H, 100 * H])
    expect(fitInside([-5 * H, 5 * H], domain)).toEqual([0, 10 * H])
  })
})
