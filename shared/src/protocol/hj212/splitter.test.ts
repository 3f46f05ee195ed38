import { describe, expect, it } from 'vitest'
import { FrameSplitter, type SplitResult } from './splitter'
import { STANDARD_EXAMPLE, VENDOR_AIR, WATER_2005 } from './test-fixtures'

const utf8 = new TextEncoder()
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

/** Push each chunk and concatenate the results. */
function pushAll(splitter: FrameSplitter, chunks: (string | Uint8Array)[]): SplitResult {
  const out: SplitResult = { frames: [], garbage: [] }
  for (const c of chunks) {
    const r = splitter.push(typeof c === 'string' ? utf8.encode(c) : c)
    out.frames.push(...r.frames)
    out.garbage.push(...r.garbage)
  }
  return out
}

const garbageOf = (r: SplitResult): [string, string][] => r.garbage.map((g) => [g.reason, text(g.bytes)])

describe('FrameSplitter: complete and partial frames', () => {
  it.each([
    ['(1) standard example', STANDARD_EXAMPLE],
    ['(2) 2005-style water', WATER_2005],
    ['(3) vendor air, declared length 6 too long', VENDOR_AIR],
  ])('emits %s pushed in one chunk', (_name, frame) => {
    expect(pushAll(new FrameSplitter(), [frame])).toEqual({ frames: [frame], garbage: [] })
  })

  it.each([
    ['(1)', STANDARD_EXAMPLE],
    ['(3)', VENDOR_AIR],
  ])('emits %s pushed one byte at a time, once complete', (_name, frame) => {
    const s = new FrameSplitter()
    const chunks = [...frame].map((c) => c)
    const early = pushAll(s, chunks.slice(0, -1))
    expect(early).toEqual({ frames: [], garbage: [] })
    expect(pushAll(s, chunks.slice(-1))).toEqual({ frames: [frame], garbage: [] })
  })

  it('emits a frame split across many writes of uneven size', () => {
    const f = STANDARD_EXAMPLE
    expect(pushAll(new FrameSplitter(), [f.slice(0, 1), f.slice(1, 5), f.slice(5, 50), f.slice(50, 104), f.slice(104)])).toEqual({
      frames: [f],
      garbage: [],
    })
  })

  it('emits several frames from one chunk, in order', () => {
    expect(pushAll(new FrameSplitter(), [STANDARD_EXAMPLE + WATER_2005 + VENDOR_AIR + STANDARD_EXAMPLE]).frames).toEqual([
      STANDARD_EXAMPLE,
      WATER_2005,
      VENDOR_AIR,
      STANDARD_EXAMPLE,
    ])
  })

  it('emits a frame whose CRC is wrong (the parser rejects it, not the splitter)', () => {
    const bad = `${STANDARD_EXAMPLE.slice(0, -6)}0000\r\n`
    expect(pushAll(new FrameSplitter(), [bad]).frames).toEqual([bad])
  })

  it('keeps a partial frame buffered between pushes', () => {
    const s = new FrameSplitter()
    s.push(utf8.encode(STANDARD_EXAMPLE.slice(0, 40)))
    expect(s.buffered).toBe(40)
  })
})

describe('FrameSplitter: garbage and resynchronisation', () => {
  it('drops bytes before the first ## as no-header', () => {
    const r = pushAll(new FrameSplitter(), [`hello\r\n${STANDARD_EXAMPLE}`])
    expect(r.frames).toEqual([STANDARD_EXAMPLE])
    expect(garbageOf(r)).toEqual([['no-header', 'hello\r\n']])
  })

  it('drops bytes between frames and keeps both frames', () => {
    const r = pushAll(new FrameSplitter(), [`${STANDARD_EXAMPLE}\x00\x00ju#nk${WATER_2005}`])
    expect(r.frames).toEqual([STANDARD_EXAMPLE, WATER_2005])
    expect(garbageOf(r)).toEqual([['no-header', '\x00\x00ju#nk']])
  })

  it('drops a frame cut short by the next ## as truncated', () => {
    const cut = STANDARD_EXAMPLE.slice(0, 50)
    const r = pushAll(new FrameSplitter(), [cut, WATER_2005])
    expect(r.frames).toEqual([WATER_2005])
    expect(garbageOf(r)).toEqual([['truncated', cut]])
  })

  it('drops ## without a decimal length as bad-length-field', () => {
    const r = pushAll(new FrameSplitter(), [`##ABCD${STANDARD_EXAMPLE}`])
    expect(r.frames).toEqual([STANDARD_EXAMPLE])
    expect(garbageOf(r)).toEqual([['bad-length-field', '##ABCD']])
  })

  it('resyncs on ### by dropping one #', () => {
    const r = pushAll(new FrameSplitter(), [`#${STANDARD_EXAMPLE}`])
    expect(r.frames).toEqual([STANDARD_EXAMPLE])
    expect(garbageOf(r)).toEqual([['bad-length-field', '#']])
  })

  it('waits on a trailing # that may start a frame', () => {
    const s = new FrameSplitter()
    const r1 = pushAll(s, ['xyz#'])
    expect(garbageOf(r1)).toEqual([['no-header', 'xyz']])
    expect(pushAll(s, [STANDARD_EXAMPLE.slice(1)]).frames).toEqual([STANDARD_EXAMPLE])
  })

  it('drops a complete frame that is not UTF-8 as invalid-utf8', () => {
    const bytes = utf8.encode(STANDARD_EXAMPLE)
    bytes[30] = 0xff
    const r = new FrameSplitter().push(bytes)
    expect(r.frames).toEqual([])
    expect(r.garbage.map((g) => [g.reason, g.bytes.length])).toEqual([['invalid-utf8', bytes.length]])
  })

  it('finish() returns what is still buffered as incomplete', () => {
    const s = new FrameSplitter()
    s.push(utf8.encode(STANDARD_EXAMPLE.slice(0, 30)))
    expect(garbageOf(s.finish())).toEqual([['incomplete', STANDARD_EXAMPLE.slice(0, 30)]])
    expect(s.buffered).toBe(0)
  })
})

describe('FrameSplitter: bounded memory', () => {
  it('drops a frame whose end never arrives once maxFrameBytes is buffered', () => {
    const s = new FrameSplitter({ maxFrameBytes: 256 })
    const r = pushAll(s, [`##0500${'x'.repeat(300)}`])
    expect(r.garbage.map((g) => g.reason)).toContain('oversized')
    expect(s.buffered).toBeLessThan(256)
  })

  it('labels the rest of an oversized frame oversized and recovers on the next frame', () => {
    const s = new FrameSplitter({ maxFrameBytes: 256 })
    const r = pushAll(s, [`##0500${'x'.repeat(300)}`, 'y'.repeat(100), STANDARD_EXAMPLE])
    expect(r.frames).toEqual([STANDARD_EXAMPLE])
    expect(new Set(r.garbage.map((g) => g.reason))).toEqual(new Set(['oversized']))
    expect(r.garbage.reduce((n, g) => n + g.bytes.length, 0)).toBe(406)
  })

  it.each([
    ['random junk without ##', (i: number) => String.fromCharCode(65 + (i % 26))],
    ['a header that never ends', (i: number) => (i === 0 ? '##0100' : 'z')],
  ])('never buffers more than maxFrameBytes on 1 MB of %s', (_name, gen) => {
    const s = new FrameSplitter({ maxFrameBytes: 1024 })
    let max = 0
    for (let i = 0; i < 1024; i++) {
      s.push(utf8.encode(Array.from({ length: 1024 }, (_, j) => gen(i * 1024 + j)).join('')))
      max = Math.max(max, s.buffered)
    }
    expect(max).toBeLessThanOrEqual(1024)
  })

  it.each([[0], [15], [1.5]])('rejects maxFrameBytes %s', (maxFrameBytes) => {
    expect(() => new FrameSplitter({ maxFrameBytes })).toThrow(RangeError)
  })
})
