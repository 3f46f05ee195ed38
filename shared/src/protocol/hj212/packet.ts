/**
 * The parsed form of one HJ 212-2017 frame (§6 通讯协议: 通讯包组成, 数据段结构, 数据区), the
 * field grammar shared by the parser and the encoder, and the closed set of tolerated deviations.
 */
import type { DataFlag } from '../../domain/reading'
import type { Hj212Flag } from './flag'

/**
 * Where a frame departs from HJ 212-2017 but is still accepted because its CRC checks.
 * - `length-counts-crc-crlf`: the declared length also counts the CRC and CRLF (6 more bytes),
 *   as in the vendor frame `##0131ST=22;...C241` (data segment 125 bytes).
 * - `length-skips-qn`: the declared length starts at `ST=`, leaving out `QN=...;`.
 * - `crc-lowercase`: the CRC is sent in lower-case hex (the standard's examples are upper-case).
 * - `missing-qn`, `missing-flag`: HJ/T 212-2005 style header without QN or Flag.
 * - `qn-nonstandard`: QN is not the 17 digits `YYYYMMDDhhmmsszzz` (kept as sent, echoed in acks).
 * - `data-over-1024`: the data segment exceeds the 1024 bytes the standard allows before splitting.
 * - `unknown-field`: a header field the standard does not define (kept in `extra`).
 * - `split-without-flag`: PNUM/PNO present while the Flag D bit is clear (or Flag is missing).
 * Issue 12, what real loggers send and tolerant data centres accept:
 * - `crc-modbus-swapped`, `crc-arc`: another CRC than Appendix A (see crc.ts, Hj212CrcVariant).
 * - `datatime-ms`: a 17-digit DataTime `YYYYMMDDhhmmsszzz` (milliseconds, dropped).
 * - `lf-only`, `no-line-end`: the frame ends with LF alone or with nothing after the CRC; accepted
 *   only when the declared length and the CRC both check (the frame's end is then certain).
 * - `st-nonstandard`: ST is not 2 digits (`ST=2`, `ST=022`); kept as sent.
 * - `flag-lowercase`: a lower-case data flag (`a34004-Flag=n`), read as its upper-case flag.
 * - `malformed-field`: one or more CP fields were malformed (`LA-Rtd-Rtd=50`, `a34004-Rtd=abc`)
 *   and dropped; the good fields are kept (`malformedFields` says which and why).
 */
export type Hj212Deviation =
  | 'length-counts-crc-crlf'
  | 'length-skips-qn'
  | 'crc-lowercase'
  | 'missing-qn'
  | 'missing-flag'
  | 'qn-nonstandard'
  | 'data-over-1024'
  | 'unknown-field'
  | 'split-without-flag'
  | 'crc-modbus-swapped'
  | 'crc-arc'
  | 'datatime-ms'
  | 'lf-only'
  | 'no-line-end'
  | 'st-nonstandard'
  | 'flag-lowercase'
  | 'malformed-field'

/** Every {@link Hj212Deviation}, in a stable order (metrics show each from the start). */
export const HJ212_DEVIATIONS: readonly Hj212Deviation[] = [
  'length-counts-crc-crlf',
  'length-skips-qn',
  'crc-lowercase',
  'missing-qn',
  'missing-flag',
  'qn-nonstandard',
  'data-over-1024',
  'unknown-field',
  'split-without-flag',
  'crc-modbus-swapped',
  'crc-arc',
  'datatime-ms',
  'lf-only',
  'no-line-end',
  'st-nonstandard',
  'flag-lowercase',
  'malformed-field',
]

/** A CP field dropped as malformed, and why (the rest of the frame is kept). */
export interface Hj212MalformedField {
  /** The field as sent (clipped to 40 characters). */
  field: string
  problem: string
}

/** CP field suffixes whose values are numbers (HJ 212-2017 §6 数据区: 实时值, 平均值, 最小值, 最大值, 累计值, 折算值). */
export const NUMERIC_SUFFIXES: ReadonlySet<string> = new Set(['Rtd', 'Avg', 'Min', 'Max', 'Cou', 'ZsRtd', 'ZsAvg', 'ZsMin', 'ZsMax'])

/**
 * One factor's fields in CP, by suffix: `a34004-Rtd=35.2,a34004-Flag=N` → `{ Rtd: 35.2, Flag: 'N' }`.
 * Numeric suffixes ({@link NUMERIC_SUFFIXES}) are numbers, `Flag` is a {@link DataFlag}, any other
 * suffix (`EFlag`, `SampleTime`, `RS`, `Info`...) is kept as the string sent.
 */
export interface Hj212FactorValues {
  Rtd?: number
  Avg?: number
  Min?: number
  Max?: number
  Cou?: number
  ZsRtd?: number
  ZsAvg?: number
  ZsMin?: number
  ZsMax?: number
  Flag?: DataFlag
  [suffix: string]: number | string | undefined
}

/** One parsed HJ 212 frame. Field names follow the standard's header fields. */
export interface Hj212Packet {
  /** Request number `YYYYMMDDhhmmsszzz`; absent in HJ/T 212-2005 style frames. */
  qn?: string
  /** System code (21 surface water, 22 air quality, 31/32 pollution sources, 91 system). */
  st: string
  /** Command code (2011 real-time data, 2051 minute, 2061 hourly, 2031 daily, 9014 data ack...). */
  cn: string
  pw: string
  /** The data logger's unique id; maps to a registered station. */
  mn: string
  flag: Hj212Flag
  /** Split packets only: total packets and this packet's number (1-based). */
  pnum?: number
  pno?: number
  /** The CP body as sent, between `CP=&&` and the closing `&&`. */
  cp: string
  /** CP `DataTime` in epoch ms (sent as UTC+8 local time); always present on data uploads. */
  dataTime?: number
  /** CP factor fields by factor code, in the order sent. */
  factors: Record<string, Hj212FactorValues>
  /** CP fields without a factor code (`DataTime`, `RtdInterval`, `SystemTime`...), as sent. */
  params: Record<string, string>
  /** Header fields the standard does not define, as sent. */
  extra: Record<string, string>
  /** Tolerated departures from the standard, in the order found; empty for a conforming frame. */
  deviations: Hj212Deviation[]
  /** CP fields dropped as malformed (deviation `malformed-field`); absent or empty when none. */
  malformedFields?: Hj212MalformedField[]
}

/**
 * Field grammar (§6 数据段结构: QN 20 chars incl. `QN=`, ST 2 digits, CN 4 digits, PW 6 chars,
 * MN 24 chars, Flag ≤ 255, PNUM/PNO 4 digits). The parser is lenient where loggers differ (MN of
 * HJ/T 212-2005 is 14 chars, PW lengths vary) but never accepts a delimiter inside a value.
 */
export const FIELD_PATTERNS = {
  qn: /^\d{17}$/,
  qnLenient: /^[0-9A-Za-z]{1,20}$/,
  st: /^\d{2}$/,
  cn: /^\d{4}$/,
  /** Printable ASCII except the delimiters `&`, `,`, `;`, `=`. */
  pw: /^[\x21-\x25\x27-\x2b\x2d-\x3a\x3c\x3e-\x7e]{0,32}$/,
  mn: /^[0-9A-Za-z_-]{1,24}$/,
  flag: /^\d{1,3}$/,
  packetNo: /^\d{1,4}$/,
  /** A CP factor code or parameter name; must start with a letter or digit (never `__proto__`). */
  cpName: /^[0-9A-Za-z][0-9A-Za-z_.]{0,31}$/,
  cpSuffix: /^[0-9A-Za-z][0-9A-Za-z_]{0,15}$/,
} as const

/** The data segment limit before a packet must be split (§6 通讯包组成: 数据段 0 ≤ n ≤ 1024). */
export const HJ212_MAX_DATA_SEGMENT = 1024

/** The largest data segment a 4-digit length field can declare. */
export const HJ212_MAX_DECLARABLE_LENGTH = 9999
