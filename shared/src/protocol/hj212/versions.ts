/**
 * Everything in the HJ 212 codec that depends on the edition a logger speaks, in one place: which
 * Flag version bits mean which edition, the system (ST) and command (CN) code tables, and the
 * field formats, strict (what the edition prescribes) and tolerated (what real loggers send and a
 * tolerant data centre accepts, each recorded as a deviation).
 *
 * HJ 212-2025 replaces HJ 212-2017 from 2026-01-01. Its text was not available, so nothing of it is
 * guessed here: a frame whose Flag carries a version this table does not know is parsed with the
 * 2017 rules and its version is recorded per station (admin), so the 2025 edition can be added as
 * one more row of {@link HJ212_EDITIONS} once its text is at hand, not by a rewrite.
 */
import { HJ212_CN, HJ212_ST, dataKindOf } from './commands'
import { FIELD_PATTERNS } from './packet'

/** The editions envmon knows; `unknown` is any other Flag version (HJ 212-2025 is not described yet). */
export type Hj212EditionId = 'HJ/T 212-2005' | 'HJ 212-2017' | 'unknown'

/** What one edition prescribes, as the codec uses it. */
export interface Hj212Edition {
  id: Hj212EditionId
  /** The Flag version bits (bits 2-7) a logger of this edition sends; undefined: no Flag field. */
  flagVersion: number | undefined
  /** System codes (ST) with a name envmon interprets. */
  st: Readonly<Record<string, string>>
  /** Command codes (CN) envmon sends or interprets. */
  cn: Readonly<Record<string, string>>
  /** The data kind of a CN (real-time, minute, hourly, daily) or undefined. */
  dataKindOf: (cn: string) => ReturnType<typeof dataKindOf>
  /** Field formats the edition prescribes (the encoder writes these). */
  fields: typeof FIELD_PATTERNS
  /** Field formats tolerated on receipt, each departure from `fields` recorded as a deviation. */
  tolerated: {
    /** ST not 2 digits (`ST=2`, `ST=022`): loggers that print the code as a number or pad it. */
    st: RegExp
    /** DataTime `YYYYMMDDhhmmss` or, with milliseconds, `YYYYMMDDhhmmsszzz` (17 digits). */
    dataTime: RegExp
  }
}

const TOLERATED = { st: /^\d{1,4}$/, dataTime: /^\d{14}(\d{3})?$/ } as const

/**
 * HJ 212-2017 (§6 数据段结构, Flag bit table: bits 2-7 = 1) and HJ/T 212-2005 (no Flag field, read
 * as version 0). Both share the 2017 code tables as far as envmon interprets them (the 2005 water
 * factor codes are mapped in to-readings.ts).
 */
export const HJ212_EDITIONS: readonly Hj212Edition[] = [
  { id: 'HJ 212-2017', flagVersion: 1, st: HJ212_ST, cn: HJ212_CN, dataKindOf, fields: FIELD_PATTERNS, tolerated: TOLERATED },
  { id: 'HJ/T 212-2005', flagVersion: undefined, st: HJ212_ST, cn: HJ212_CN, dataKindOf, fields: FIELD_PATTERNS, tolerated: TOLERATED },
]

const HJ212_2017 = HJ212_EDITIONS[0]!

/**
 * The edition of a frame from its Flag field (undefined when the frame has none). A version no row
 * describes gives `unknown`, parsed with the 2017 rules.
 *
 * @example
 * editionOf(5) // HJ 212-2017 (version bits 1)
 * editionOf(undefined) // HJ/T 212-2005
 */
export function editionOf(flagRaw: number | undefined): Hj212Edition {
  const version = flagRaw === undefined ? undefined : flagRaw >> 2
  const found = HJ212_EDITIONS.find((e) => e.flagVersion === version)
  if (found) return found
  return { ...HJ212_2017, id: 'unknown', flagVersion: version }
}

/** A short label of what a station speaks: `HJ 212-2017`, `HJ/T 212-2005`, or `Flag version 2`. */
export function editionLabel(flagRaw: number | undefined): string {
  const e = editionOf(flagRaw)
  return e.id === 'unknown' ? `Flag version ${e.flagVersion}` : e.id
}
