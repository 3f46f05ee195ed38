/**
 * The CP data area (HJ 212-2017 §6 数据区): `&&` + fields + `&&`, where `;` separates groups and
 * `,` separates fields of one factor, each field `name=value`. A factor field is `code-Suffix`
 * (`a34004-Rtd=35.2`); a field without `-` is a parameter (`DataTime=20160801085857`).
 */
import { DATA_FLAGS, type DataFlag, type ParseResult } from '../../domain/reading'
import { FIELD_PATTERNS, NUMERIC_SUFFIXES, type Hj212FactorValues } from './packet'
import { parseDataTime } from './time'

/** The parsed CP body. */
export interface Hj212Cp {
  /** `DataTime` in epoch ms, when present. */
  dataTime?: number
  factors: Record<string, Hj212FactorValues>
  params: Record<string, string>
}

const FLAG_SET: ReadonlySet<string> = new Set(DATA_FLAGS)
/** A decimal number as loggers write it (`35`, `-0.5`, `.5`, `1.2E-3`); no hex, no `Infinity`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s)
const fail = (message: string): ParseResult<never> => ({ ok: false, reason: 'hj212-format', message })

/**
 * Parse a CP body (the text between `CP=&&` and the closing `&&`). Never throws: a field without
 * `=`, a bad name, a non-numeric value in a numeric field, an unknown data flag, a duplicate field or
 * a bad `DataTime` is `hj212-format` with the offending field named. Empty groups are skipped.
 *
 * @example
 * parseCp('DataTime=20160801085857;a34004-Rtd=35.2,a34004-Flag=N')
 * // { ok: true, value: { dataTime: 1470013137000, factors: { a34004: { Rtd: 35.2, Flag: 'N' } }, params: { DataTime: '20160801085857' } } }
 */
export function parseCp(body: string): ParseResult<Hj212Cp> {
  const factors: Record<string, Hj212FactorValues> = {}
  const params: Record<string, string> = {}
  for (const group of body.split(';')) {
    if (group === '') continue
    for (const field of group.split(',')) {
      const eq = field.indexOf('=')
      if (eq <= 0) return fail(`CP field "${clip(field)}" is not name=value`)
      const name = field.slice(0, eq)
      const value = field.slice(eq + 1)
      const dash = name.lastIndexOf('-')
      if (dash < 0) {
        if (!FIELD_PATTERNS.cpName.test(name)) return fail(`invalid CP parameter name "${clip(name)}"`)
        if (Object.hasOwn(params, name)) return fail(`duplicate CP parameter ${name}`)
        params[name] = value
        continue
      }
      const code = name.slice(0, dash)
      const suffix = name.slice(dash + 1)
      if (!FIELD_PATTERNS.cpName.test(code) || !FIELD_PATTERNS.cpSuffix.test(suffix)) return fail(`invalid CP field name "${clip(name)}"`)
      const entry = (factors[code] ??= {})
      if (Object.hasOwn(entry, suffix)) return fail(`duplicate CP field ${name}`)
      if (NUMERIC_SUFFIXES.has(suffix)) {
        const n = NUMBER.test(value) ? Number(value) : Number.NaN
        if (!Number.isFinite(n)) return fail(`${name} must be a decimal number, got "${clip(value)}"`)
        entry[suffix] = n
      } else if (suffix === 'Flag') {
        // HJ 212-2017 data flags (§6 数据标记): N F M S D C T B. HJ/T 212-2005's P (power failure)
        // has no 2017 equivalent; rejecting keeps an unknown state from counting as valid data.
        if (!FLAG_SET.has(value)) return fail(`${name} must be one of ${DATA_FLAGS.join(',')}, got "${clip(value)}"`)
        entry.Flag = value as DataFlag
      } else {
        entry[suffix] = value
      }
    }
  }
  const cp: Hj212Cp = { factors, params }
  if (Object.hasOwn(params, 'DataTime')) {
    const t = parseDataTime(params.DataTime!)
    if (t === undefined) return fail(`DataTime must be YYYYMMDDhhmmss (a real UTC+8 time), got "${clip(params.DataTime!)}"`)
    cp.dataTime = t
  }
  return { ok: true, value: cp }
}
