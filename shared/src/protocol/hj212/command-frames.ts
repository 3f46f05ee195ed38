/**
 * The upper computer's side of HJ 212-2017 (§6 命令编码表, and its 请求命令 / 上传命令 / 交互命令
 * flows): the commands a data centre sends to a data logger and the answers it gets back.
 *
 * Flow of a request (e.g. CN 2051 "extract minute data", 取污染物分钟历史数据):
 *   centre → logger  `ST=<system>;CN=2051;...;Flag=5;CP=&&BeginTime=...;EndTime=...&&` (QN = q)
 *   logger → centre  `ST=91;CN=9011;...;CP=&&QnRtn=1&&` (请求应答, QN = q)
 *   logger → centre  the data uploads, CN 2051 with QN = q (split packets PNUM/PNO allowed)
 *   logger → centre  `ST=91;CN=9012;...;CP=&&ExeRtn=1&&` (执行结果, QN = q)
 * CN 1011 (提取现场机时间) has the logger upload `CN=1011;CP=&&SystemTime=...&&` between 9011
 * and 9012; CN 1012 (设置现场机时间) carries `SystemTime` to the logger.
 *
 * HJ/T 212-2005 loggers put the request's QN in CP (`CP=&&QN=...;QnRtn=1&&`); both are read.
 * Version-dependent codes live here and in commands.ts only, so HJ 212-2025 can be added as data.
 * Pure: times come in as epoch ms.
 */
import { HJ212_CN, HJ212_ST } from './commands'
import { encodeFrame, type Hj212FrameFields } from './encode'
import { encodeFlag } from './flag'
import type { Hj212Packet } from './packet'
import { formatDataTime, parseDataTime } from './time'

/** Command codes (CN) of the centre's requests, HJ 212-2017 §6 命令编码表. */
export const HJ212_COMMAND_CN = {
  /** 提取现场机时间: the logger answers with CN 1011 and `SystemTime`. */
  getTime: '1011',
  /** 设置现场机时间: CP `SystemTime`. */
  setTime: '1012',
  /** 取污染物分钟历史数据 (CP BeginTime/EndTime). */
  minuteHistory: '2051',
  /** 取污染物小时历史数据. */
  hourlyHistory: '2061',
  /** 取污染物日历史数据. */
  dailyHistory: '2031',
} as const

/** The history the centre can ask for, by averaging period. */
export type Hj212HistoryKind = 'minute' | 'hourly' | 'daily'

/** The request CN of a history kind (the same CN the logger uploads that data with). */
export const HISTORY_CN: Readonly<Record<Hj212HistoryKind, string>> = { minute: '2051', hourly: '2061', daily: '2031' }

/**
 * 请求命令返回 (QnRtn), HJ 212-2017 §6: 1 ready to execute; anything else refuses the request.
 * (Table as reproduced by chenqi92/alltobs-hj212.)
 */
export const QN_RTN: Readonly<Record<string, string>> = {
  '1': 'ready to execute',
  '2': 'request refused',
  '3': 'wrong PW',
  '4': 'wrong MN',
  '5': 'wrong ST',
  '6': 'wrong Flag',
  '7': 'wrong QN',
  '8': 'wrong CN',
  '9': 'CRC error',
  '100': 'unknown error',
}

/** 执行结果定义 (ExeRtn), HJ 212-2017 §6: 1 success; 100 "no data" (nothing in the requested span). */
export const EXE_RTN: Readonly<Record<string, string>> = {
  '1': 'executed',
  '2': 'failed, reason unknown',
  '3': 'request condition error',
  '4': 'communication timeout',
  '5': 'system busy',
  '6': 'system fault',
  '100': 'no data',
}

/** What the centre needs to address a logger: its MN, PW and system code (as last seen from it). */
export interface Hj212Address {
  mn: string
  pw: string
  st: string
}

function command(to: Hj212Address, qn: string, cn: string, cp: string): string {
  // Flag bit A: the centre wants the 9011 request answer (HJ 212-2017 Flag table).
  const fields: Hj212FrameFields = { qn, st: to.st, cn, pw: to.pw, mn: to.mn, flag: encodeFlag({ ackRequired: true }), cp }
  return encodeFrame(fields)
}

/**
 * A history request: CN 2051/2061/2031 with `BeginTime` and `EndTime` (both inclusive, UTC+8
 * `YYYYMMDDhhmmss`). Throws RangeError when `end < begin`.
 *
 * @example
 * buildHistoryRequest({ mn: 'DG0001', pw: '123456', st: '22' }, '20260101080000000', 'minute', t0, t0 + 29 * 60_000)
 * // '##....QN=20260101080000000;ST=22;CN=2051;PW=123456;MN=DG0001;Flag=5;CP=&&BeginTime=...;EndTime=...&&<CRC>\r\n'
 */
export function buildHistoryRequest(to: Hj212Address, qn: string, kind: Hj212HistoryKind, begin: number, end: number): string {
  if (!(end >= begin)) throw new RangeError(`invalid history span: ${begin}..${end}`)
  return command(to, qn, HISTORY_CN[kind], `BeginTime=${formatDataTime(begin)};EndTime=${formatDataTime(end)}`)
}

/** CN 1011, read the logger's clock. */
export function buildGetTime(to: Hj212Address, qn: string): string {
  return command(to, qn, HJ212_COMMAND_CN.getTime, '')
}

/** CN 1012, set the logger's clock to `time` (epoch ms, written as UTC+8 `SystemTime`). */
export function buildSetTime(to: Hj212Address, qn: string, time: number): string {
  return command(to, qn, HJ212_COMMAND_CN.setTime, `SystemTime=${formatDataTime(time)}`)
}

/** The logger's side (simulator, tests): 9011 request answer with `QnRtn`. */
export function buildRequestAnswer(from: { mn: string; pw: string }, qn: string, qnRtn: number | string): string {
  return encodeFrame({
    qn,
    st: HJ212_ST.system,
    cn: HJ212_CN.requestAck,
    pw: from.pw,
    mn: from.mn,
    flag: encodeFlag({}),
    cp: `QnRtn=${qnRtn}`,
  })
}

/** The logger's side: 9012 execution result with `ExeRtn`. */
export function buildExecResult(from: { mn: string; pw: string }, qn: string, exeRtn: number | string): string {
  return encodeFrame({
    qn,
    st: HJ212_ST.system,
    cn: HJ212_CN.execResult,
    pw: from.pw,
    mn: from.mn,
    flag: encodeFlag({}),
    cp: `ExeRtn=${exeRtn}`,
  })
}

/** The logger's side: its clock, CN 1011 with `SystemTime`, under the request's QN. */
export function buildTimeUpload(from: Hj212Address, qn: string, time: number): string {
  return encodeFrame({
    qn,
    st: from.st,
    cn: HJ212_COMMAND_CN.getTime,
    pw: from.pw,
    mn: from.mn,
    flag: encodeFlag({}),
    cp: `SystemTime=${formatDataTime(time)}`,
  })
}

/** A parsed frame read as part of a command exchange. */
export type Hj212CommandAnswer =
  | { type: 'request-answer'; qn: string; qnRtn: string; ok: boolean; meaning: string }
  | { type: 'exec-result'; qn: string; exeRtn: string; ok: boolean; noData: boolean; meaning: string }
  | { type: 'time'; qn: string; systemTime: number }
  | { type: 'invalid'; qn: string | undefined; message: string }

/** The QN a command answer refers to: the header's, else an HJ/T 212-2005 logger's CP `QN`. */
function answerQn(p: Hj212Packet): string | undefined {
  return p.params.QN ?? p.qn
}

/**
 * Read a frame as a command answer: 9011 (QnRtn), 9012 (ExeRtn) or a 1011 time upload
 * (SystemTime); undefined when the frame is none of these (data uploads, other commands).
 * A 9011/9012/1011 without its QN or with a missing or malformed value is `invalid`, with why.
 *
 * @example
 * readCommandAnswer(parseFrame('##...CN=9011;...CP=&&QnRtn=1&&...').value) // { type: 'request-answer', qn, qnRtn: '1', ok: true, ... }
 */
export function readCommandAnswer(p: Hj212Packet): Hj212CommandAnswer | undefined {
  const qn = answerQn(p)
  const invalid = (message: string): Hj212CommandAnswer => ({ type: 'invalid', qn, message: `MN ${p.mn} CN ${p.cn}: ${message}` })
  switch (p.cn) {
    case HJ212_CN.requestAck: {
      if (qn === undefined) return invalid('request answer without QN')
      const v = p.params.QnRtn
      if (v === undefined || !/^\d{1,3}$/.test(v)) return invalid(`request answer without a valid QnRtn (${String(v).slice(0, 20)})`)
      return { type: 'request-answer', qn, qnRtn: v, ok: v === '1', meaning: QN_RTN[v] ?? `QnRtn ${v}` }
    }
    case HJ212_CN.execResult: {
      if (qn === undefined) return invalid('execution result without QN')
      const v = p.params.ExeRtn
      if (v === undefined || !/^\d{1,3}$/.test(v)) return invalid(`execution result without a valid ExeRtn (${String(v).slice(0, 20)})`)
      return { type: 'exec-result', qn, exeRtn: v, ok: v === '1', noData: v === '100', meaning: EXE_RTN[v] ?? `ExeRtn ${v}` }
    }
    case HJ212_COMMAND_CN.getTime: {
      if (qn === undefined) return invalid('time upload without QN')
      const raw = p.params.SystemTime
      const t = raw === undefined ? undefined : parseDataTime(raw)
      if (t === undefined) return invalid(`time upload without a valid SystemTime (${String(raw).slice(0, 20)})`)
      return { type: 'time', qn, systemTime: t }
    }
    default:
      return undefined
  }
}

/**
 * A centre's request as the logger reads it (simulator): history span, clock set or clock read;
 * undefined for anything else.
 */
export type Hj212Request =
  | { type: 'history'; qn: string; kind: Hj212HistoryKind; begin: number; end: number }
  | { type: 'get-time'; qn: string }
  | { type: 'set-time'; qn: string; time: number }
  | { type: 'invalid'; qn: string | undefined; message: string }

const KIND_BY_CN: Readonly<Record<string, Hj212HistoryKind>> = { '2051': 'minute', '2061': 'hourly', '2031': 'daily' }

/**
 * Read a frame from the centre as a request: a history request needs BeginTime ≤ EndTime, a
 * clock set a valid SystemTime; a data-CN frame without BeginTime/EndTime is not a request.
 */
export function readRequest(p: Hj212Packet): Hj212Request | undefined {
  const qn = p.qn
  if (p.cn === HJ212_COMMAND_CN.getTime && p.params.SystemTime === undefined)
    return qn === undefined ? { type: 'invalid', qn, message: 'no QN' } : { type: 'get-time', qn }
  if (p.cn === HJ212_COMMAND_CN.setTime) {
    const t = p.params.SystemTime === undefined ? undefined : parseDataTime(p.params.SystemTime)
    if (qn === undefined || t === undefined) return { type: 'invalid', qn, message: 'clock set without QN or valid SystemTime' }
    return { type: 'set-time', qn, time: t }
  }
  const kind = Object.hasOwn(KIND_BY_CN, p.cn) ? KIND_BY_CN[p.cn] : undefined
  if (kind === undefined || (p.params.BeginTime === undefined && p.params.EndTime === undefined)) return undefined
  const begin = parseDataTime(p.params.BeginTime ?? '')
  const end = parseDataTime(p.params.EndTime ?? '')
  if (qn === undefined || begin === undefined || end === undefined || end < begin)
    return { type: 'invalid', qn, message: 'history request without QN or valid BeginTime/EndTime' }
  return { type: 'history', qn, kind, begin, end }
}
