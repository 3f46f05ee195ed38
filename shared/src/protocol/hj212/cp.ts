/**
 * The CP data area (HJ 212-2017 §6 数据区): `&&` + fields + `&&`, where `;` separates groups and
 * `,` separates fields of one factor, each field `name=value`. A factor field is `code-Suffix`
 * (`a34004-Rtd=35.2`); a field without `-` is a parameter (`DataTime=20160801085857`).
 */
import { DATA_FLAGS, type DataFlag, type ParseResult } from '../../domain/reading'
import { FIELD_PATTERNS, NUMERIC_SUFFIXES, type Hj212Deviation, type Hj212FactorValues, type Hj212MalformedField } from './packet'
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
/** A decimal number as loggers write it (`35`, `-0.5`, `.5`, `1.2E-3`); no hex, no `Infinity`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
/** Most malformed fields listed on one packet (a body of garbage still gives a bounded list). */
const MAX_MALFORMED_LISTED = 16

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s)
const fail = (message: string): ParseResult<never> => ({ ok: false, reason: 'hj212-format', message })

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
  const deviations: Hj212Deviation[] = []
  const malformedFields: Hj212MalformedField[] = []
  let malformed = 0
  const drop = (field: string, problem: string): void => {
    malformed++
    if (malformedFields.length < MAX_MALFORMED_LISTED) malformedFields.push({ field: clip(field), problem })
  }
  const note = (d: Hj212Deviation): void => {
    if (!deviations.includes(d)) deviations.push(d)
  }
  for (const group of body.split(';')) {
    if (group === '') continue
    for (const field of group.split(',')) {
      const eq = field.indexOf('=')
      if (eq <= 0) {
        drop(field, 'not name=value')
        continue
      }
      const name = field.slice(0, eq)
      const value = field.slice(eq + 1)
      const dash = name.lastIndexOf('-')
      if (dash < 0) {
        if (name === 'DataTime' && Object.hasOwn(params, name)) return fail('duplicate CP parameter DataTime')
        if (!FIELD_PATTERNS.cpName.test(name)) drop(field, 'invalid CP parameter name')
        else if (Object.hasOwn(params, name)) drop(field, `duplicate CP parameter ${name}`)
        else params[name] = value
        continue
      }
      const code = name.slice(0, dash)
      const suffix = name.slice(dash + 1)
      if (!FIELD_PATTERNS.cpName.test(code) || !FIELD_PATTERNS.cpSuffix.test(suffix)) {
        drop(field, 'invalid CP field name')
        continue
      }
      const entry = factors[code] ?? {}
      if (Object.hasOwn(entry, suffix)) {
        drop(field, `duplicate CP field ${name}`)
        continue
      }
      if (NUMERIC_SUFFIXES.has(suffix)) {
        const n = NUMBER.test(value) ? Number(value) : Number.NaN
        if (!Number.isFinite(n)) {
          drop(field, `${name} must be a decimal number`)
          continue
        }
        entry[suffix] = n
      } else if (suffix === 'Flag') {
        // HJ 212-2017 data flags (§6 数据标记): N F M S D C T B. HJ/T 212-2005's P (power failure)
        // has no 2017 equivalent. A flag not understood is dropped and marks the factor (below).
        const upper = value.toUpperCase()
        if (!FLAG_SET.has(upper)) {
          drop(field, `${name} must be one of ${DATA_FLAGS.join(',')}`)
          entry.Flag = undefined
          factors[code] = entry
          continue
        }
        if (upper !== value) note('flag-lowercase')
        entry.Flag = upper as DataFlag
      } else {
        entry[suffix] = value
      }
      factors[code] = entry
    }
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
