/**
 * Build HJ 212-2017 frames (§6 通讯包组成 / 数据段结构): the generic frame encoder, the data upload
 * builders (CN 2011 real-time; 2051 minute, 2061 hourly, 2031 daily) with packet splitting
 * (PNUM/PNO, Flag bit D; Appendix C 拆分包示例) and the 9014 data acknowledgement.
 *
 * Encoding is for envmon's own frames (acks, the simulator, tests): invalid fields are programming
 * errors and throw RangeError naming the field, unlike parsing, which never throws.
 */
import type { DataFlag } from '../../domain/reading'
import { HJ212_CN, HJ212_ST, type Hj212DataCn } from './commands'
import { formatCrc, hj212Crc } from './crc'
import { encodeFlag } from './flag'
import { FIELD_PATTERNS, HJ212_MAX_DATA_SEGMENT, HJ212_MAX_DECLARABLE_LENGTH } from './packet'
import { formatDataTime } from './time'

const UTF8 = new TextEncoder()

/** The header fields and CP body of one frame. Omit `qn` or `flag` only to imitate HJ/T 212-2005 loggers. */
export interface Hj212FrameFields {
  qn?: string
  st: string
  cn: string
  pw: string
  mn: string
  flag?: number
  pnum?: number
  pno?: number
  /** CP body, without the surrounding `&&`. */
  cp: string
}

function check(ok: boolean, name: string, value: unknown): void {
  if (!ok) throw new RangeError(`invalid ${name}: ${String(value).slice(0, 60)}`)
}

/**
 * The data segment for `fields` (`QN=...;ST=...;...;CP=&&...&&`), validated.
 *
 * @example
 * encodeDataSegment({ st: '91', cn: '9014', pw: '123456', mn: 'MN1', flag: 4, cp: '' }) // 'ST=91;CN=9014;PW=123456;MN=MN1;Flag=4;CP=&&&&'
 */
export function encodeDataSegment(fields: Hj212FrameFields): string {
  const { qn, st, cn, pw, mn, flag, pnum, pno, cp } = fields
  if (qn !== undefined) check(FIELD_PATTERNS.qnLenient.test(qn), 'qn', qn)
  check(FIELD_PATTERNS.st.test(st), 'st', st)
  check(FIELD_PATTERNS.cn.test(cn), 'cn', cn)
  check(FIELD_PATTERNS.pw.test(pw), 'pw', pw)
  check(FIELD_PATTERNS.mn.test(mn), 'mn', mn)
  if (flag !== undefined) check(Number.isInteger(flag) && flag >= 0 && flag <= 255, 'flag', flag)
  check((pnum === undefined) === (pno === undefined), 'pnum/pno', `${pnum}/${pno}`)
  if (pnum !== undefined && pno !== undefined)
    check(Number.isInteger(pnum) && Number.isInteger(pno) && pno >= 1 && pno <= pnum && pnum <= 9999, 'pnum/pno', `${pnum}/${pno}`)
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses: CP must not break the frame
  check(!/[\r\n]|&&|[\x00-\x1f\x7f]/.test(cp), 'cp', cp)
  let s = qn === undefined ? '' : `QN=${qn};`
  s += `ST=${st};CN=${cn};PW=${pw};MN=${mn};`
  if (flag !== undefined) s += `Flag=${flag};`
  if (pnum !== undefined) s += `PNUM=${pnum};PNO=${pno};`
  return `${s}CP=&&${cp}&&`
}

/**
 * Wrap a data segment into a frame: `##`, the 4-digit byte length, the segment, the upper-case
 * Appendix A CRC and CRLF. Throws RangeError when the segment exceeds 9999 bytes.
 *
 * @example
 * frameDataSegment('QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&')
 * // '##0101QN=...&&1C80\r\n'
 */
export function frameDataSegment(data: string): string {
  const bytes = UTF8.encode(data)
  check(bytes.length <= HJ212_MAX_DECLARABLE_LENGTH, 'data segment length', bytes.length)
  return `##${String(bytes.length).padStart(4, '0')}${data}${formatCrc(hj212Crc(bytes))}\r\n`
}

/**
 * Encode one frame from its fields.
 *
 * @example
 * encodeFrame({ qn: '20160801085857223', st: '32', cn: '1062', pw: '100000', mn: '010000A8900016F000169DC0', flag: 5, cp: 'RtdInterval=30' })
 * // '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n'
 */
export function encodeFrame(fields: Hj212FrameFields): string {
  return frameDataSegment(encodeDataSegment(fields))
}

/** One factor of a real-time upload (CN 2011). */
export interface RealtimeValues {
  Rtd: number
  Flag?: DataFlag
}

/** One factor of a minute, hourly or daily upload (CN 2051, 2061, 2031). */
export interface IntervalValues {
  Avg?: number
  Min?: number
  Max?: number
  Cou?: number
  Flag?: DataFlag
}

interface UploadCommon {
  qn: string
  st: string
  pw: string
  mn: string
  /** CP DataTime, epoch ms (written as UTC+8 local time). */
  dataTime: number
  /** Set Flag bit A: the logger wants a 9014 data acknowledgement. Default false. */
  ackRequired?: boolean
  /**
   * Largest data segment per frame, in bytes; a longer upload is split into PNUM packets, each
   * with the same QN and DataTime and a share of the factors. Default 1024, the standard's limit.
   */
  maxDataLength?: number
}

/** A data upload: factor code → values, typed by CN. */
export type DataUploadOptions =
  | (UploadCommon & { cn: '2011'; factors: Record<string, RealtimeValues> })
  | (UploadCommon & { cn: Exclude<Hj212DataCn, '2011'>; factors: Record<string, IntervalValues> })

const REALTIME_FIELDS = ['Rtd', 'Flag'] as const
const INTERVAL_FIELDS = ['Avg', 'Min', 'Max', 'Cou', 'Flag'] as const

/**
 * A number as loggers write it: plain decimal, never exponent notation (which HJ 212 does not
 * define). Throws RangeError for non-finite values and magnitudes ≥ 1e21.
 */
export function formatHj212Number(v: number): string {
  check(Number.isFinite(v) && Math.abs(v) < 1e21, 'value', v)
  const s = String(v)
  if (!/e/i.test(s)) return s
  // Tiny magnitudes: print enough fixed digits, then drop trailing zeros.
  return v.toFixed(20).replace(/\.?0+$/, '')
}

function factorGroup(code: string, values: Readonly<Record<string, number | string | undefined>>, fields: readonly string[]): string {
  check(FIELD_PATTERNS.cpName.test(code), 'factor code', code)
  const parts: string[] = []
  for (const f of fields) {
    const v = values[f]
    if (v === undefined) continue
    parts.push(`${code}-${f}=${typeof v === 'number' ? formatHj212Number(v) : v}`)
  }
  check(parts.length > 0, `values of ${code}`, 'none')
  return parts.join(',')
}

/**
 * Build the frames of one data upload (CN 2011/2051/2061/2031); one frame unless the data segment
 * would exceed `maxDataLength`, then a split set with Flag bit D, PNUM and PNO (each packet carries
 * its own DataTime, so each parses to readings on its own).
 *
 * @example
 * buildDataUpload({ cn: '2011', qn: formatQn(now), st: '22', pw: '123456', mn: 'DG0001', dataTime: now, ackRequired: true,
 *   factors: { a34004: { Rtd: 35.2, Flag: 'N' } } }) // one frame: '##0122QN=...;Flag=5;CP=&&DataTime=...;a34004-Rtd=35.2,a34004-Flag=N&&<CRC>\r\n'
 */
export function buildDataUpload(opts: DataUploadOptions): string[] {
  const fields = opts.cn === HJ212_CN.realtime ? REALTIME_FIELDS : INTERVAL_FIELDS
  const groups = Object.entries(opts.factors as Record<string, Record<string, number | string | undefined>>).map(([code, v]) =>
    factorGroup(code, v, fields),
  )
  const dataTime = `DataTime=${formatDataTime(opts.dataTime)}`
  const base = { qn: opts.qn, st: opts.st, cn: opts.cn, pw: opts.pw, mn: opts.mn }
  const ackRequired = opts.ackRequired ?? false
  const max = opts.maxDataLength ?? HJ212_MAX_DATA_SEGMENT

  const whole = encodeDataSegment({ ...base, flag: encodeFlag({ ackRequired }), cp: [dataTime, ...groups].join(';') })
  if (UTF8.encode(whole).length <= max) return [frameDataSegment(whole)]

  // Split: budget each packet with the widest PNUM/PNO so the count cannot push a packet over.
  const flag = encodeFlag({ ackRequired, split: true })
  const overhead = UTF8.encode(encodeDataSegment({ ...base, flag, pnum: 9999, pno: 9999, cp: dataTime })).length
  const chunks: string[][] = []
  let current: string[] = []
  let size = overhead
  for (const g of groups) {
    const add = UTF8.encode(g).length + 1 // the ';' before it
    check(overhead + add <= max, `factor group longer than maxDataLength ${max}`, g)
    if (size + add > max) {
      chunks.push(current)
      current = []
      size = overhead
    }
    current.push(g)
    size += add
  }
  chunks.push(current)
  return chunks.map((c, i) =>
    frameDataSegment(encodeDataSegment({ ...base, flag, pnum: chunks.length, pno: i + 1, cp: [dataTime, ...c].join(';') })),
  )
}

/**
 * The server's 9014 data acknowledgement (数据应答) for a frame whose Flag has bit A set: ST=91,
 * CN=9014, the request's QN, PW and MN, Flag=4 (HJ 212-2017, no ack wanted), empty CP.
 *
 * @example
 * buildDataAck({ qn: '20160801085857223', pw: '100000', mn: '010000A8900016F000169DC0' })
 * // '##0087QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&71C0\r\n'
 */
export function buildDataAck(request: { qn?: string; pw: string; mn: string }): string {
  const fields: Hj212FrameFields = {
    st: HJ212_ST.system,
    cn: HJ212_CN.dataAck,
    pw: request.pw,
    mn: request.mn,
    flag: encodeFlag({}),
    cp: '',
  }
  if (request.qn !== undefined) fields.qn = request.qn
  return encodeFrame(fields)
}
