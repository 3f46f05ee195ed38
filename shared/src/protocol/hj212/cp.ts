/**
 * The CP data area (HJ 212-2017 §6 数据区): `&&` + fields + `&&`, where `;` separates groups and
 * `,` separates fields of one factor, each field `name=value`. A factor field is `code-Suffix`
 * (`a34004-Rtd=35.2`); a field without `-` is a parameter (`DataTime=20160801085857`).
 */
import { DATA_FLAGS, type DataFlag, type ParseResult } from '../../domain/reading'
import { NUMERIC_SUFFIXES, type Hj212Deviation, type Hj212FactorValues, type Hj212MalformedField } from './packet'
import { parseDataTime } from './time'

/** The parsed CP body. */
export interface Hj212Cp {
  /** `DataTime` in epoch ms, when present. */
  dataTime?: number
  factors: Record<string, Hj212FactorValues>
  params: Record<string, string>
  /** Tolerated departures found in CP: `datatime-ms`, `flag-lowercase`, `malformed-field`. */
  deviations: Hj212Deviation[]
  /** Fields dropped as malformed, with why; the rest of the body is kept. */
  malformedFields: Hj212MalformedField[]
}

const FLAG_SET: ReadonlySet<string> = new Set(DATA_FLAGS)
/** Most malformed fields listed on one packet (a body of garbage still gives a bounded list). */
const MAX_MALFORMED_LISTED = 16

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s)
const fail = (message: string): ParseResult<never> => ({ ok: false, reason: 'hj212-format', message })
const SEMI = 0x3b
const COMMA = 0x2c
const EQ = 0x3d
const DASH = 0x2d

/** What one parse of a CP body accumulates besides its fields. */
interface CpState {
  deviations: Hj212Deviation[]
  malformedFields: Hj212MalformedField[]
  malformed: number
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)

/**
 * Whether body[from, to) matches `FIELD_PATTERNS.cpName` (`dot`) or `.cpSuffix` (no dot) of packet.ts: a
 * letter or digit, then letters, digits, `_` (and `.` for a name), at most `max` characters.
 */
function isCpWord(body: string, from: number, to: number, max: number, dot: boolean): boolean {
  if (to <= from || to - from > max || !isAlnum(body.charCodeAt(from))) return false
  for (let i = from + 1; i < to; i++) {
    const c = body.charCodeAt(i)
    if (!isAlnum(c) && c !== 0x5f && !(dot && c === 0x2e)) return false
  }
  return true
}

/**
 * Whether body[from, to) is a decimal number as loggers write it (`35`, `-0.5`, `.5`, `5.`,
 * `1.2E-3`; `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`): no hex, no `Infinity`.
 */
function isDecimal(body: string, from: number, to: number): boolean {
  let i = from
  if (i < to && (body.charCodeAt(i) === 0x2b || body.charCodeAt(i) === DASH)) i++
  const intAt = i
  while (i < to && isDigitCode(body.charCodeAt(i))) i++
  let digits = i - intAt
  if (i < to && body.charCodeAt(i) === 0x2e) {
    const fracAt = ++i
    while (i < to && isDigitCode(body.charCodeAt(i))) i++
    digits += i - fracAt
  }
  if (digits === 0) return false
  if (i < to && (body.charCodeAt(i) | 0x20) === 0x65) {
    i++
    if (i < to && (body.charCodeAt(i) === 0x2b || body.charCodeAt(i) === DASH)) i++
    const expAt = i
    while (i < to && isDigitCode(body.charCodeAt(i))) i++
    if (i === expAt) return false
  }
  return i === to
}

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39

function drop(st: CpState, field: string, problem: string): void {
  st.malformed++
  if (st.malformedFields.length < MAX_MALFORMED_LISTED) st.malformedFields.push({ field: clip(field), problem })
}

/**
 * One field body[from, to) into `factors` or `params`; a malformed one is dropped into `st`.
 * Returns the message that rejects the whole body (a repeated DataTime), else undefined.
 */
function parseField(
  body: string,
  from: number,
  to: number,
  factors: Record<string, Hj212FactorValues>,
  params: Record<string, string>,
  st: CpState,
): string | undefined {
  let eq = -1
  for (let i = from; i < to; i++)
    if (body.charCodeAt(i) === EQ) {
      eq = i
      break
    }
  if (eq <= from) {
    drop(st, body.slice(from, to), 'not name=value')
    return undefined
  }
  let dash = -1
  for (let i = eq - 1; i >= from; i--)
    if (body.charCodeAt(i) === DASH) {
      dash = i
      break
    }
  if (dash < 0) {
    const name = body.slice(from, eq)
    if (name === 'DataTime' && Object.hasOwn(params, name)) return 'duplicate CP parameter DataTime'
    if (!isCpWord(body, from, eq, 32, true)) drop(st, body.slice(from, to), 'invalid CP parameter name')
    else if (Object.hasOwn(params, name)) drop(st, body.slice(from, to), `duplicate CP parameter ${name}`)
    else params[name] = body.slice(eq + 1, to)
    return undefined
  }
  if (!isCpWord(body, from, dash, 32, true) || !isCpWord(body, dash + 1, eq, 16, false)) {
    drop(st, body.slice(from, to), 'invalid CP field name')
    return undefined
  }
  const code = body.slice(from, dash)
  const suffix = body.slice(dash + 1, eq)
  const entry = factors[code] ?? {}
  if (Object.hasOwn(entry, suffix)) {
    drop(st, body.slice(from, to), `duplicate CP field ${body.slice(from, eq)}`)
    return undefined
  }
  if (NUMERIC_SUFFIXES.has(suffix)) {
    const v = isDecimal(body, eq + 1, to) ? Number(body.slice(eq + 1, to)) : Number.NaN
    if (!Number.isFinite(v)) {
      drop(st, body.slice(from, to), `${body.slice(from, eq)} must be a decimal number`)
      return undefined
    }
    entry[suffix] = v
  } else if (suffix === 'Flag') {
    // HJ 212-2017 data flags (§6 数据标记): N F M S D C T B. HJ/T 212-2005's P (power failure)
    // has no 2017 equivalent. A flag not understood is dropped and marks the factor (parseCp).
    const value = body.slice(eq + 1, to)
    const upper = value.toUpperCase()
    if (!FLAG_SET.has(upper)) {
      drop(st, body.slice(from, to), `${body.slice(from, eq)} must be one of ${DATA_FLAGS.join(',')}`)
      entry.Flag = undefined
      factors[code] = entry
      return undefined
    }
    if (upper !== value && !st.deviations.includes('flag-lowercase')) st.deviations.push('flag-lowercase')
    entry.Flag = upper as DataFlag
  } else {
    entry[suffix] = body.slice(eq + 1, to)
  }
  factors[code] = entry
  return undefined
}

/**
 * Parse a CP body (the text between `CP=&&` and the closing `&&`). Never throws.
 *
 * One malformed field no longer rejects the frame (issue 12: real loggers send `LA-Rtd-Rtd=50`):
 * a field without `=`, a bad name, a non-numeric value in a numeric field, an unknown data flag or
 * a repeated field is dropped and listed in `malformedFields` (deviation `malformed-field`), the
 * good fields are kept. Only `DataTime` still rejects the whole body (`hj212-format`) when it is
 * bad or repeated: without a sure time no value of the frame can be stored. A lower-case data flag
 * is read as its flag (`flag-lowercase`); a 17-digit DataTime as its second (`datatime-ms`).
 * Empty groups are skipped.
 *
 * @example
 * parseCp('DataTime=20160801085857;a34004-Rtd=35.2,a34004-Flag=N')
 * // { ok: true, value: { dataTime: 1470013137000, factors: { a34004: { Rtd: 35.2, Flag: 'N' } }, params: { DataTime: '20160801085857' }, deviations: [], malformedFields: [] } }
 */
export function parseCp(body: string): ParseResult<Hj212Cp> {
  const factors: Record<string, Hj212FactorValues> = {}
  const params: Record<string, string> = {}
  const st: CpState = { deviations: [], malformedFields: [], malformed: 0 }
  // One pass over the body (issue 16): groups end at ';', fields at ',' or ';'; names, suffixes and
  // numbers are checked on char codes, with no split arrays and no regular expressions.
  const n = body.length
  let groupStart = 0
  let fieldStart = 0
  for (let i = 0; i <= n; i++) {
    const c = i < n ? body.charCodeAt(i) : SEMI
    if (c !== SEMI && c !== COMMA) continue
    // Empty groups (`;;`, a leading or trailing `;`) are skipped; an empty field within a group is malformed.
    if (!(c === SEMI && i === groupStart)) {
      const failed = parseField(body, fieldStart, i, factors, params, st)
      if (failed !== undefined) return fail(failed)
    }
    fieldStart = i + 1
    if (c === SEMI) groupStart = i + 1
  }
  const { deviations, malformedFields } = st
  const malformed = st.malformed
  const note = (d: Hj212Deviation): void => {
    if (!deviations.includes(d)) deviations.push(d)
  }
  // A factor whose flag was dropped has an unknown state: its values must not count as valid (absent
  // flag = N), so they go with it.
  for (const code of Object.keys(factors)) {
    const entry = factors[code]!
    if (Object.hasOwn(entry, 'Flag') && entry.Flag === undefined) delete factors[code]
  }
  if (malformed > 0) note('malformed-field')
  if (malformed > malformedFields.length)
    malformedFields.push({ field: '...', problem: `and ${malformed - malformedFields.length} more malformed fields` })
  const cp: Hj212Cp = { factors, params, deviations, malformedFields }
  if (Object.hasOwn(params, 'DataTime')) {
    const t = parseDataTime(params.DataTime!)
    if (t === undefined) return fail(`DataTime must be YYYYMMDDhhmmss (a real UTC+8 time), got "${clip(params.DataTime!)}"`)
    if (params.DataTime!.length === 17) note('datatime-ms')
    cp.dataTime = t
  }
  return { ok: true, value: cp }
}
