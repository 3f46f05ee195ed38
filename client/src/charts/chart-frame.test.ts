import { afterEach, describe, expect, it } from 'vitest'
import { ChartFrame } from './chart-frame'

const MARGINS = { top: 20, right: 12, bottom: 24, left: 40 }

/** A canvas and an overlay as the frame sees them; the overlay is a real EventTarget. */
function box(left = 100) {
  const canvas = { width: 300, height: 150 }
  const attrs: Record<string, string> = {}
  const svg = Object.assign(new EventTarget(), {
    setAttribute: (k: string, v: string) => void (attrs[k] = v),
    getBoundingClientRect: () => ({ left }) as DOMRect,
  })
  return { canvas, svg, attrs }
}

function pointer(type: string, clientX: number): Event {
  return Object.assign(new Event(type), { clientX })
}

afterEach(() => {
  delete (globalThis as { devicePixelRatio?: number }).devicePixelRatio
})

describe('ChartFrame', () => {
  it.each([
    [undefined, 1, 640, 240],
    [1.5, 1.5, 960, 360],
    [3, 2, 1280, 480],
  ])('sizes the backing store at pixel ratio %s as %s (canvas %i×%i)', (ratio, dpr, w, h) => {
    if (ratio !== undefined) (globalThis as { devicePixelRatio?: number }).devicePixelRatio = ratio
    const { canvas, svg, attrs } = box()
    const frame = new ChartFrame(canvas, svg, MARGINS)
    expect(frame.resize(640, 240)).toBe(true)
    expect([frame.dpr, canvas.width, canvas.height]).toEqual([dpr, w, h])
    expect(attrs).toEqual({ width: '640', height: '240' })
  })

  it('reports no change when neither the size nor the pixel ratio changed', () => {
    const { canvas, svg } = box()
    const frame = new ChartFrame(canvas, svg, MARGINS)
    frame.resize(640, 240)
    expect(frame.resize(640, 240)).toBe(false)
    ;(globalThis as { devicePixelRatio?: number }).devicePixelRatio = 2
    expect(frame.resize(640, 240)).toBe(true)
  })

  it('keeps a one-pixel canvas when the box is hidden', () => {
    const { canvas, svg } = box()
    const frame = new ChartFrame(canvas, svg, MARGINS)
    frame.resize(640, 240)
    expect(frame.resize(0, 0)).toBe(true)
    expect([canvas.width, canvas.height]).toEqual([1, 1])
  })

  it.each([
    [640, 240, 588, 196],
    [30, 30, 10, 10],
  ])('puts the plot box of a %i×%i chart inside the margins (%i×%i, at least 10)', (w, h, pw, ph) => {
    const { canvas, svg } = box()
    const frame = new ChartFrame(canvas, svg, MARGINS)
    frame.resize(w, h)
    expect([frame.plotW, frame.plotH]).toEqual([pw, ph])
  })

  it('clears the whole box in CSS px at the pixel ratio', () => {
    ;(globalThis as { devicePixelRatio?: number }).devicePixelRatio = 2
    const { canvas, svg } = box()
    const frame = new ChartFrame(canvas, svg, MARGINS)
    frame.resize(640, 240)
    const calls: unknown[][] = []
    frame.clear({
      setTransform: (...a: unknown[]) => void calls.push(['setTransform', ...a]),
      clearRect: (...a: unknown[]) => void calls.push(['clearRect', ...a]),
    } as never)
    expect(calls).toEqual([
      ['setTransform', 2, 0, 0, 2, 0, 0],
      ['clearRect', 0, 0, 640, 240],
    ])
  })

  it('gives the pointer x inside the plot box', () => {
    const { canvas, svg } = box(100)
    const frame = new ChartFrame(canvas, svg, MARGINS)
    expect(frame.plotX({ clientX: 150 })).toBe(10)
    expect(frame.plotX({ clientX: 120 })).toBe(-20)
  })

  it('forwards the overlay pointer events until destroyed', () => {
    const { canvas, svg } = box()
    const seen: string[] = []
    const frame = new ChartFrame(canvas, svg, MARGINS, {
      move: (e) => void seen.push(`move ${e.clientX}`),
      leave: () => void seen.push('leave'),
    })
    svg.dispatchEvent(pointer('pointermove', 7))
    svg.dispatchEvent(pointer('pointerleave', 0))
    frame.destroy()
    svg.dispatchEvent(pointer('pointermove', 8))
    svg.dispatchEvent(pointer('pointerleave', 0))
    expect(seen).toEqual(['move 7', 'leave'])
  })
})
