/**
 * Parse one HJ 212-2017 frame (§6 通讯包组成): `##` + 4-digit decimal data-segment length + data
 * segment + 4 hex CRC (Appendix A) + CRC LF. Pure and total: any input gives a ParseResult.
 *
 * Leniency, only where the CRC checks (so the bytes are what the logger meant to send), each
 * recorded in `packet.deviations`: a declared length that also counts the CRC and CRLF, or that
 * starts at `ST=`; a lower-case CRC; a header without QN or Flag (HJ/T 212-2005 style). And what
 * real loggers send that tolerant data centres accept (issue 12): a swapped-MODBUS or ARC CRC in
 * place of Appendix A, a frame ended by LF alone or by nothing (its declared length then exact),
 * an ST not of 2 digits, a 17-digit DataTime, lower-case data flags, and malformed CP fields
 * (dropped, the rest kept). A CRC that no known variant matches is still refused.
 */
import type { ParseResult } from '../../domain/reading'
import { CR, HASH, LF, isDigit, isHex } from './ascii'
import { parseCp } from './cp'
import { crcVariantOf, hj212Crc, formatCrc } from './crc'
import { decodeFlag } from './flag'
import { editionOf } from './versions'
import { FIELD_PATTERNS, HJ212_MAX_DATA_SEGMENT, HJ212_MAX_DECLARABLE_LENGTH, type Hj212Deviation, type Hj212Packet } from './packet'

/**
 * The largest frame {@link parseFrame} considers: a 4-digit length declares at most 9999 bytes,
 * plus a `QN=...;` (≤ 24 bytes) a `length-skips-qn` logger leaves out, plus head and tail.
 */
export const HJ212_MAX_FRAME_BYTES = 6 + HJ212_MAX_DECLARABLE_LENGTH + 24 + 6

const SEMI = 0x3b
const UTF8 = new TextEncoder()
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true })
const HEADER_FIELDS = new Set(['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO'])

const reject = (reason: 'hj212-format' | 'hj212-length' | 'hj212-crc' | 'too-large', message: string): ParseResult<never> => ({
  ok: false,
  reason,
  message,
})

/** Printable rendering of a few bytes for a message (non-printables as \xNN). */
function show(bytes: Uint8Array, start: number, end: number): string {
  let s = ''
  for (let i = start; i < end && i < bytes.length && i < start + 24; i++) {
    const b = bytes[i]!
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`
  }
  return s
}

/**
 * Parse one frame, given as text or bytes, including its trailing CRLF (or LF, or nothing).
 *
 * Rejects (never throws): `too-large` above {@link HJ212_MAX_FRAME_BYTES}; `hj212-format` for a
 * missing `##`, a non-decimal length, a missing CRLF or trailing bytes, a non-hex CRC, control
 * characters or invalid UTF-8, a bad header or CP field, a data upload without DataTime;
 * `hj212-length` for a truncated frame or a length no known deviation explains; `hj212-crc` when
 * the CRC does not match (the message says expected vs got).
 *
 * @example
 * const r = parseFrame('##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n')
 * if (r.ok) r.value.params.RtdInterval // '30'
 */
export function parseFrame(frame: string | Uint8Array): ParseResult<Hj212Packet> {
  // A UTF-16 code unit encodes to at least one byte, so a long string is too large before encoding.
  if (typeof frame === 'string' && frame.length > HJ212_MAX_FRAME_BYTES)
    return reject('too-large', `frame of ${frame.length} characters exceeds ${HJ212_MAX_FRAME_BYTES} bytes`)
  const bytes = typeof frame === 'string' ? UTF8.encode(frame) : frame
  const n = bytes.length
  if (n > HJ212_MAX_FRAME_BYTES) return reject('too-large', `frame of ${n} bytes exceeds ${HJ212_MAX_FRAME_BYTES} bytes`)
  if (n === 0) return reject('hj212-format', 'empty frame')
  if (bytes[0] !== HASH || (n > 1 && bytes[1] !== HASH))
    return reject('hj212-format', `frame must start with "##", got "${show(bytes, 0, 2)}"`)
  if (n < 6) return reject('hj212-length', `truncated frame: ${n} bytes, the header alone is 6`)
  for (let i = 2; i < 6; i++) {
    if (!isDigit(bytes[i]!)) return reject('hj212-format', `data segment length must be 4 decimal digits, got "${show(bytes, 2, 6)}"`)
  }
  const declared = Number(String.fromCharCode(bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!))
  // Where the CRC ends: before the CRLF the standard puts there, or (issue 12: real loggers) before
  // a lone LF or at the very end. Without CRLF only the declared length says where the frame ends,
  // so it must be exact (no length deviation) and the CRC must check.
  const crlf = indexOfCrlf(bytes, 6)
  let lineEnd: 'crlf' | 'lf' | 'none' = 'crlf'
  if (crlf >= 0) {
    if (crlf + 2 !== n) return reject('hj212-format', `${n - crlf - 2} bytes after the CRLF at offset ${crlf}: pass one frame at a time`)
  } else {
    lineEnd = bytes[n - 1] === LF ? 'lf' : 'none'
    const crcEnd = lineEnd === 'lf' ? n - 1 : n
    if (crcEnd < declared + 10)
      return reject('hj212-length', `truncated frame: declared data length ${declared} needs ${declared + 12} bytes, got ${n} and no CRLF`)
    if (crcEnd > declared + 10) return reject('hj212-format', 'frame does not end with CRLF')
  }
  const crcEnd = lineEnd === 'crlf' ? n - 2 : lineEnd === 'lf' ? n - 1 : n
  if (crcEnd < 10) return reject('hj212-length', `truncated frame: ${n} bytes, a frame has at least 12`)
  const crcAt = crcEnd - 4
  for (let i = crcAt; i < crcEnd; i++) {
    if (!isHex(bytes[i]!)) return reject('hj212-format', `CRC must be 4 hex digits before CRLF, got "${show(bytes, crcAt, crcEnd)}"`)
  }
  const crcText = String.fromCharCode(bytes[crcAt]!, bytes[crcAt + 1]!, bytes[crcAt + 2]!, bytes[crcAt + 3]!)
  const got = parseInt(crcText, 16)
  const dataLength = crcAt - 6
  const lengthDeviations = lineEnd === 'crlf' ? explainLength(bytes, declared, dataLength) : declared === dataLength ? [] : undefined
  const variant = crcVariantOf(bytes, 6, crcAt, got)
  if (variant === undefined) {
    const crcMsg = `CRC mismatch: expected ${formatCrc(hj212Crc(bytes, 6, crcAt))}, got ${crcText}`
    if (lengthDeviations === undefined)
      return reject('hj212-length', `declared data length ${declared} does not match the ${dataLength}-byte data segment (${crcMsg})`)
    return reject('hj212-crc', crcMsg)
  }
  if (lengthDeviations === undefined)
    return reject(
      'hj212-length',
      `declared data length ${declared} does not match the ${dataLength}-byte data segment, and no known logger deviation explains it`,
    )

  const deviations: Hj212Deviation[] = [...lengthDeviations]
  if (variant !== 'appendix-a') deviations.push(variant === 'arc' ? 'crc-arc' : 'crc-modbus-swapped')
  if (crcText !== crcText.toUpperCase()) deviations.push('crc-lowercase')
  if (lineEnd !== 'crlf') deviations.push(lineEnd === 'lf' ? 'lf-only' : 'no-line-end')
  if (dataLength > HJ212_MAX_DATA_SEGMENT) deviations.push('data-over-1024')
  for (let i = 6; i < crcAt; i++) {
    const b = bytes[i]!
    if (b < 0x20 || b === 0x7f)
      return reject('hj212-format', `control character \\x${b.toString(16).padStart(2, '0')} at offset ${i} of the data segment`)
  }
  let data: string
  try {
    data = UTF8_STRICT.decode(bytes.subarray(6, crcAt))
  } catch {
    return reject('hj212-format', 'data segment is not valid UTF-8')
  }
  return parseDataSegment(data, deviations)
}

function indexOfCrlf(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (bytes[i] === CR && bytes[i + 1] === LF) return i
  }
  return -1
}

/**
 * Which deviations, if any, make the declared length agree with the data segment: undefined when
 * none does. Lengths counted from `ST=` leave out a leading `QN=...;`.
 */
function explainLength(bytes: Uint8Array, declared: number, dataLength: number): Hj212Deviation[] | undefined {
  if (declared === dataLength) return []
  if (declared === dataLength + 6) return ['length-counts-crc-crlf']
  const qnLength = leadingQnLength(bytes)
  if (qnLength > 0 && declared === dataLength - qnLength) return ['length-skips-qn']
  if (qnLength > 0 && declared === dataLength - qnLength + 6) return ['length-skips-qn', 'length-counts-crc-crlf']
  return undefined
}

/** Bytes of a leading `QN=...;` in the data segment (starts at offset 6), or 0. */
function leadingQnLength(bytes: Uint8Array): number {
  if (bytes[6] !== 0x51 || bytes[7] !== 0x4e || bytes[8] !== 0x3d) return 0
  for (let i = 9; i < bytes.length && i < 6 + 32; i++) if (bytes[i] === SEMI) return i - 6 + 1
  return 0
}

function parseDataSegment(data: string, deviations: Hj212Deviation[]): ParseResult<Hj212Packet> {
  // CP is the last field and its body may hold ';' and '=', so find it before splitting the header.
  let cpAt = 0
  if (!data.startsWith('CP=&&')) {
    const i = data.indexOf(';CP=&&')
    if (i < 0) return reject('hj212-format', 'data segment has no "CP=&&" field')
    cpAt = i + 1
  }
  if (!data.endsWith('&&') || data.length < cpAt + 7) return reject('hj212-format', 'CP must end with "&&" at the end of the data segment')
  const cpBody = data.slice(cpAt + 5, data.length - 2)

  const header: Record<string, string> = {}
  const extra: Record<string, string> = {}
  const headerText = cpAt > 0 ? data.slice(0, cpAt - 1) : ''
  for (const field of headerText === '' ? [] : headerText.split(';')) {
    const eq = field.indexOf('=')
    if (eq <= 0) return reject('hj212-format', `header field "${field.slice(0, 40)}" is not name=value`)
    const name = field.slice(0, eq)
    const value = field.slice(eq + 1)
    if (!FIELD_PATTERNS.cpName.test(name)) return reject('hj212-format', `invalid header field name "${name.slice(0, 40)}"`)
    const target = HEADER_FIELDS.has(name) ? header : extra
    if (Object.hasOwn(target, name)) return reject('hj212-format', `duplicate header field ${name}`)
    target[name] = value
  }
  if (Object.keys(extra).length > 0) deviations.push('unknown-field')

  for (const required of ['ST', 'CN', 'PW', 'MN'] as const) {
    if (header[required] === undefined) return reject('hj212-format', `missing header field ${required}`)
  }
  const st = header.ST!
  const cn = header.CN!
  const pw = header.PW!
  const mn = header.MN!
  if (!FIELD_PATTERNS.cn.test(cn)) return reject('hj212-format', `CN must be 4 digits, got "${cn.slice(0, 40)}"`)
  if (!FIELD_PATTERNS.pw.test(pw)) return reject('hj212-format', 'PW must be up to 32 printable characters')
  if (!FIELD_PATTERNS.mn.test(mn)) return reject('hj212-format', `MN must be 1-24 letters, digits, "_" or "-", got "${mn.slice(0, 40)}"`)

  const qn = header.QN
  if (qn === undefined) deviations.push('missing-qn')
  else if (!FIELD_PATTERNS.qn.test(qn)) {
    if (!FIELD_PATTERNS.qnLenient.test(qn)) return reject('hj212-format', `QN must be YYYYMMDDhhmmsszzz, got "${qn.slice(0, 40)}"`)
    deviations.push('qn-nonstandard')
  }

  let flagRaw: number | undefined
  if (header.Flag === undefined) deviations.push('missing-flag')
  else {
    flagRaw = FIELD_PATTERNS.flag.test(header.Flag) ? Number(header.Flag) : Number.NaN
    if (!(flagRaw <= 255)) return reject('hj212-format', `Flag must be an integer 0-255, got "${header.Flag.slice(0, 40)}"`)
  }
  const flag = decodeFlag(flagRaw)
  // Field formats by edition (versions.ts): ST other than 2 digits is tolerated and recorded.
  const edition = editionOf(flagRaw)
  if (!edition.fields.st.test(st)) {
    if (!edition.tolerated.st.test(st)) return reject('hj212-format', `ST must be 2 digits, got "${st.slice(0, 40)}"`)
    deviations.push('st-nonstandard')
  }

  let pnum: number | undefined
  let pno: number | undefined
  if (header.PNUM !== undefined || header.PNO !== undefined) {
    if (header.PNUM === undefined || header.PNO === undefined) return reject('hj212-format', 'PNUM and PNO must come together')
    pnum = FIELD_PATTERNS.packetNo.test(header.PNUM) ? Number(header.PNUM) : 0
    pno = FIELD_PATTERNS.packetNo.test(header.PNO) ? Number(header.PNO) : 0
    if (pnum < 1 || pno < 1 || pno > pnum)
      return reject('hj212-format', `PNO=${header.PNO.slice(0, 8)} of PNUM=${header.PNUM.slice(0, 8)} is not a packet number 1..PNUM`)
    if (!flag.split) deviations.push('split-without-flag')
  } else if (flag.split) {
    return reject('hj212-format', 'Flag marks a split packet (bit 1) but PNUM/PNO are missing')
  }

  const cp = parseCp(cpBody)
  if (!cp.ok) return cp
  deviations.push(...cp.value.deviations)
  const kind = edition.dataKindOf(cn)
  // A centre's history request (same CN, CP BeginTime/EndTime, command-frames.ts) carries no DataTime.
  const isRequest = Object.hasOwn(cp.value.params, 'BeginTime') || Object.hasOwn(cp.value.params, 'EndTime')
  if (kind !== undefined && cp.value.dataTime === undefined && !isRequest)
    return reject('hj212-format', `CN ${cn} (${kind} data) has no CP DataTime`)

  const packet: Hj212Packet = { st, cn, pw, mn, flag, cp: cpBody, factors: cp.value.factors, params: cp.value.params, extra, deviations }
  if (qn !== undefined) packet.qn = qn
  if (pnum !== undefined) packet.pnum = pnum
  if (pno !== undefined) packet.pno = pno
  if (cp.value.dataTime !== undefined) packet.dataTime = cp.value.dataTime
  if (cp.value.malformedFields.length > 0) packet.malformedFields = cp.value.malformedFields
  return { ok: true, value: packet }
}
