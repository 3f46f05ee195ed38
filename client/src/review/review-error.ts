/**
 * A review refusal in the user's language (issue 13): the server's error code mapped to a message
 * of the dictionary; the server's own message (English, with the details) for anything else.
 */
import { ApiError } from '../data/api'
import type { MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

const CODES = [
  'signed-off',
  'future-range',
  'unknown-metric',
  'empty-reason',
  'bad-range',
  'bad-value',
  'outside-remit',
  'already-withdrawn',
  'already-signed-off',
  'not-signed-off',
  'period-not-over',
  'bad-period',
] as const

/** The message to show for a failed review action. */
export function reviewErrorText(e: unknown, t: Translate): string {
  if (e instanceof ApiError && (CODES as readonly string[]).includes(e.code)) return t(`review.error.${e.code}` as MessageKey)
  return e instanceof Error ? e.message : String(e)
}
