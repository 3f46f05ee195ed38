/**
 * What a mark did, in words: the reason of an invalid mark, or the corrected value.
 */
import type { MarkView } from '../../../shared/src/protocol/http/review'
import type { MessageKey } from '../i18n/dict'
import type { Translate } from '../i18n/i18n'

/** e.g. "校准" / "Calibration", or "更正为 35" / "Corrected to 35". */
export function reasonText(m: Pick<MarkView, 'action' | 'reason' | 'value'>, t: Translate): string {
  return m.action === 'invalid' ? t(`review.reason.${m.reason}` as MessageKey) : t('review.correctedTo', { value: m.value ?? '' })
}
