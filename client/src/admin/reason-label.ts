/**
 * The label of a dead letter reason in the UI language: every reason the ingest knows has a
 * dictionary entry (checked by the compiler against the shared unions); an unknown one shows as sent.
 */
import type { DeadLetterReason } from '../data/admin-types'
import type { MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

const LABELS: Readonly<Record<DeadLetterReason, MessageKey>> = {
  'too-large': 'admin.dl.r.too-large',
  'invalid-utf8': 'admin.dl.r.invalid-utf8',
  'not-json': 'admin.dl.r.not-json',
  schema: 'admin.dl.r.schema',
  'non-finite': 'admin.dl.r.non-finite',
  'bad-timestamp': 'admin.dl.r.bad-timestamp',
  'ts-future': 'admin.dl.r.ts-future',
  'ts-too-old': 'admin.dl.r.ts-too-old',
  'bad-topic': 'admin.dl.r.bad-topic',
  'unknown-station': 'admin.dl.r.unknown-station',
  'kind-mismatch': 'admin.dl.r.kind-mismatch',
  'hj212-crc': 'admin.dl.r.hj212-crc',
  'hj212-length': 'admin.dl.r.hj212-length',
  'hj212-format': 'admin.dl.r.hj212-format',
  'hj212-password': 'admin.dl.r.hj212-password',
  unauthorized: 'admin.dl.r.unauthorized',
  'store-refused': 'admin.dl.r.store-refused',
  'connection-refused': 'admin.dl.r.connection-refused',
  'auth-timeout': 'admin.dl.r.auth-timeout',
  evicted: 'admin.dl.r.evicted',
  'hj212-command': 'admin.dl.r.hj212-command',
  'unknown-metric': 'admin.dl.r.unknown-metric',
  'hj212-deviation': 'admin.dl.r.hj212-deviation',
  'no-readings': 'admin.dl.r.no-readings',
  'implausible-value': 'admin.dl.r.implausible-value',
  internal: 'admin.dl.r.internal',
}

/**
 * A reason's label.
 * @example reasonLabel('not-json', translator('en')) === 'Not JSON'
 */
export function reasonLabel(reason: string, t: Translate): string {
  const k = (LABELS as Readonly<Record<string, MessageKey>>)[reason]
  return k ? t(k) : reason
}
