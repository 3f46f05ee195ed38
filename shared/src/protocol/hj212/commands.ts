/**
 * HJ 212-2017 system codes (ST, §6 "系统编码表") and command codes (CN, §6 "命令编码表"), limited to
 * what envmon sends or interprets. Any other code still parses; it is just not a data upload.
 * (Subclause numbers are not cited: only a preview of the standard's text was available.)
 */

/** System codes (ST) the bureau's stations use, and 91 for system interaction (acknowledgements). */
export const HJ212_ST = {
  surfaceWater: '21',
  airQuality: '22',
  airPollutionSource: '31',
  waterPollutionSource: '32',
  system: '91',
} as const

/** Command codes (CN) envmon sends or interprets. */
export const HJ212_CN = {
  /** 上传污染物实时数据: `code-Rtd`, `code-Flag`. */
  realtime: '2011',
  /** 上传污染物分钟数据: `code-Avg/Min/Max/Cou`, `code-Flag`. */
  minute: '2051',
  /** 上传污染物小时数据. */
  hourly: '2061',
  /** 上传污染物日历史数据. */
  daily: '2031',
  /** 请求应答 (request acknowledgement). */
  requestAck: '9011',
  /** 执行结果 (execution result). */
  execResult: '9012',
  /** 通知应答 (notification acknowledgement). */
  notifyAck: '9013',
  /** 数据应答: the server's reply to a data upload whose Flag has the A bit set. */
  dataAck: '9014',
} as const

/** The four data uploads that carry pollutant values, by averaging period. */
export type Hj212DataKind = 'realtime' | 'minute' | 'hourly' | 'daily'

/** The CN of a data upload. */
export type Hj212DataCn = '2011' | '2051' | '2061' | '2031'

const DATA_KIND_BY_CN: Readonly<Record<string, Hj212DataKind>> = { '2011': 'realtime', '2051': 'minute', '2061': 'hourly', '2031': 'daily' }

/**
 * The data kind of a CN, or undefined when the command is not a pollutant data upload
 * (parameter settings, status, acknowledgements...).
 *
 * @example
 * dataKindOf('2061') // 'hourly'
 * dataKindOf('9014') // undefined
 */
export function dataKindOf(cn: string): Hj212DataKind | undefined {
  return Object.hasOwn(DATA_KIND_BY_CN, cn) ? DATA_KIND_BY_CN[cn] : undefined
}

/**
 * The CP field that carries a data upload's value: `Rtd` for real-time data (CN 2011), `Avg` for
 * minute, hourly and daily data (CN 2051, 2061, 2031), per the HJ 212-2017 command table (§6).
 */
export function valueFieldOf(kind: Hj212DataKind): 'Rtd' | 'Avg' {
  return kind === 'realtime' ? 'Rtd' : 'Avg'
}
