/**
 * The label of an HJ 212 deviation (shared Hj212Deviation, issue 12) in the UI language; checked by
 * the compiler against the shared union, so a new kind needs its words here.
 */
import type { Hj212Deviation } from '../../../shared/src/protocol/hj212/packet'
import type { MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

const LABELS: Readonly<Record<Hj212Deviation, MessageKey>> = {
  'length-counts-crc-crlf': 'admin.st.hj212.d.length-counts-crc-crlf',
  'length-skips-qn': 'admin.st.hj212.d.length-skips-qn',
  'crc-lowercase': 'admin.st.hj212.d.crc-lowercase',
  'missing-qn': 'admin.st.hj212.d.missing-qn',
  'missing-flag': 'admin.st.hj212.d.missing-flag',
  'qn-nonstandard': 'admin.st.hj212.d.qn-nonstandard',
  'data-over-1024': 'admin.st.hj212.d.data-over-1024',
  'unknown-field': 'admin.st.hj212.d.unknown-field',
  'split-without-flag': 'admin.st.hj212.d.split-without-flag',
  'crc-modbus-swapped': 'admin.st.hj212.d.crc-modbus-swapped',
  'crc-arc': 'admin.st.hj212.d.crc-arc',
  'datatime-ms': 'admin.st.hj212.d.datatime-ms',
  'lf-only': 'admin.st.hj212.d.lf-only',
  'no-line-end': 'admin.st.hj212.d.no-line-end',
  'st-nonstandard': 'admin.st.hj212.d.st-nonstandard',
  'flag-lowercase': 'admin.st.hj212.d.flag-lowercase',
  'malformed-field': 'admin.st.hj212.d.malformed-field',
}

/**
 * A deviation's label; an unknown kind (a newer server) shows as sent.
 * @example deviationLabel('crc-arc', translator('en')) === 'CRC-16/ARC'
 */
export function deviationLabel(kind: string, t: Translate): string {
  const k = (LABELS as Readonly<Record<string, MessageKey>>)[kind]
  return k ? t(k) : kind
}
