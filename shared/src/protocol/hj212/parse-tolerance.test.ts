/**
 * Issue 12: what real loggers send and tolerant data centres accept. Each deviation has a test built
 * from a frame of that kind (real frames where one was found, else frames built here with correct
 * lengths and CRCs in the deviating style), and a wrong CRC under every known variant is refused.
 */
import { describe, expect, it } from 'vitest'
import { arcCrc, crcVariantOf, formatCrc, hj212Crc, modbusCrc } from './crc'
import { parseFrame } from './parse'
import { ARC_AIR_1, ARC_AIR_2, DATATIME_MS } from './test-fixtures'

const utf8 = new TextEncoder()

type CrcKind = 'appendix-a' | 'modbus-swapped' | 'arc'

/** The 4 hex digits a logger of `kind` writes after `data`. */
function crcOf(data: string, kind: CrcKind): string {
  const b = utf8.encode(data)
  if (kind === 'appendix-a') return formatCrc(hj212Crc(b))
  if (kind === 'arc') return formatCrc(arcCrc(b))
  const m = modbusCrc(b)
  return formatCrc(((m & 0xff) << 8) | (m >> 8))
}

/** A frame around `data` with its exact length, a CRC of `kind` and the given line end. */
function frameOf(data: string, kind: CrcKind = 'appendix-a', lineEnd = '\r\n'): string {
  return `##${String(utf8.encode(data).length).padStart(4, '0')}${data}${crcOf(data, kind)}${lineEnd}`
}

const AIR =
  'QN=20261124090000123;ST=22;CN=2011;PW=123456;MN=JLYP01_AIR01_0001;Flag=5;CP=&&DataTime=20261124080000;a34004-Rtd=35.2,a34004-Flag=N;a34002-Rtd=61,a34002-Flag=N&&'

describe('CRC variants', () => {
  it('swapped MODBUS is CRC-16/MODBUS with its two bytes exchanged (123456789: 4B37 sent as 374B)', () => {
    const b = utf8.encode('123456789')
    expect(modbusCrc(b)).toBe(0x4b37)
    expect(crcVariantOf(b, 0, b.length, 0x374b)).toBe('modbus-swapped')
    expect(crcVariantOf(b, 0, b.length, 0x4b37)).toBeUndefined() // MODBUS unswapped is no known variant
    expect(crcVariantOf(b, 0, b.length, 0x2f80)).toBe('appendix-a')
    expect(crcVariantOf(b, 0, b.length, 0xbb3d)).toBe('arc')
  })

  it.each([
    ['swapped MODBUS', 'modbus-swapped' as const, 'crc-modbus-swapped'],
    ['ARC', 'arc' as const, 'crc-arc'],
  ])('accepts a %s CRC and records it', (_name, kind, deviation) => {
    const frame = frameOf(AIR, kind)
    expect(crcOf(AIR, kind)).not.toBe(crcOf(AIR, 'appendix-a'))
    const r = parseFrame(frame)
    expect(r.ok && r.value).toMatchObject({
      mn: 'JLYP01_AIR01_0001',
      factors: { a34004: { Rtd: 35.2, Flag: 'N' } },
      deviations: [deviation],
    })
  })

  it.each([
    ['(5) MN 8888888826462285', ARC_AIR_1, 22, ['crc-arc', 'crc-lowercase', 'missing-qn', 'missing-flag']],
    ['(5) MN 8888888861748803', ARC_AIR_2, 20.6, ['crc-arc', 'missing-qn', 'missing-flag']],
  ])('accepts the live receiver log frame %s (CRC-16/ARC)', (_name, frame, temp, deviations) => {
    const r = parseFrame(frame)
    expect(r.ok && r.value).toMatchObject({ st: '22', cn: '2011', deviations })
    expect(r.ok && r.value.factors.TEMP).toEqual({ Rtd: temp })
  })

  it.each([
    ['CRLF', '\r\n'],
    ['LF only', '\n'],
    ['no line end', ''],
  ])('refuses a CRC that no variant matches (%s)', (_name, lineEnd) => {
    const good = new Set((['appendix-a', 'modbus-swapped', 'arc'] as const).map((k) => crcOf(AIR, k)))
    let wrong = 0x1234
    while (good.has(formatCrc(wrong))) wrong++
    const frame = `##${String(AIR.length).padStart(4, '0')}${AIR}${formatCrc(wrong)}${lineEnd}`
    expect(parseFrame(frame)).toMatchObject({ ok: false, reason: 'hj212-crc' })
  })

  it('refuses a frame whose data changed after a swapped-MODBUS CRC was computed', () => {
    const frame = frameOf(AIR, 'modbus-swapped').replace('35.2', '35.3')
    expect(parseFrame(frame)).toMatchObject({ ok: false, reason: 'hj212-crc' })
  })
})

describe('line ends', () => {
  it.each([
    ['LF only', '\n', 'lf-only'],
    ['no line end', '', 'no-line-end'],
  ])('accepts a frame ended by %s when its length and CRC check', (_name, lineEnd, deviation) => {
    const r = parseFrame(frameOf(AIR, 'appendix-a', lineEnd))
    expect(r.ok && r.value.deviations).toEqual([deviation])
  })

  it('records both a swapped-MODBUS CRC and a missing line end', () => {
    const r = parseFrame(frameOf(AIR, 'modbus-swapped', ''))
    expect(r.ok && r.value.deviations).toEqual(['crc-modbus-swapped', 'no-line-end'])
  })

  it('needs an exact length without CRLF: a length that counts the CRC is refused there', () => {
    const n = utf8.encode(AIR).length
    const frame = `##${String(n + 6).padStart(4, '0')}${AIR}${crcOf(AIR, 'appendix-a')}\n`
    expect(parseFrame(frame)).toMatchObject({ ok: false, reason: 'hj212-length' })
  })
})

describe('fields', () => {
  it.each([
    ['ST=2', 'ST=2;'],
    ['ST=022', 'ST=022;'],
  ])('accepts %s and keeps it as sent', (_name, st) => {
    const r = parseFrame(frameOf(AIR.replace('ST=22;', st)))
    expect(r.ok && r.value).toMatchObject({ st: st.slice(3, -1), deviations: ['st-nonstandard'] })
  })

  it('still refuses an ST that is not a number', () => {
    expect(parseFrame(frameOf(AIR.replace('ST=22;', 'ST=AB;')))).toMatchObject({
      ok: false,
      reason: 'hj212-format',
      message: expect.stringContaining('ST must be 2 digits'),
    })
  })

  it('reads lower-case data flags', () => {
    const r = parseFrame(frameOf(AIR.replace('a34004-Flag=N', 'a34004-Flag=n')))
    expect(r.ok && r.value).toMatchObject({ factors: { a34004: { Flag: 'N' } }, deviations: ['flag-lowercase'] })
  })

  it('(4) the hj-t212-parser frame with a 17-digit DataTime parses at its second', () => {
    const r = parseFrame(DATATIME_MS)
    expect(r.ok && r.value).toMatchObject({
      dataTime: Date.parse('2016-08-24T00:38:17+08:00'),
      deviations: ['missing-qn', 'missing-flag', 'datatime-ms'],
    })
    expect(r.ok && r.value.factors['011']).toEqual({ Rtd: 231, Flag: 'N' })
  })

  it('keeps the good fields of a frame with one malformed field (LA-Rtd-Rtd) and lists the bad one', () => {
    const data = AIR.replace('&&DataTime=20261124080000;', '&&DataTime=20261124080000;LA-Rtd-Rtd=50.1,LA-Flag=N;')
    const r = parseFrame(frameOf(data))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.deviations).toEqual(['malformed-field'])
    expect(r.value.malformedFields).toEqual([{ field: 'LA-Rtd-Rtd=50.1', problem: 'invalid CP field name' }])
    expect(r.value.factors).toEqual({ LA: { Flag: 'N' }, a34004: { Rtd: 35.2, Flag: 'N' }, a34002: { Rtd: 61, Flag: 'N' } })
  })
})
