/**
 * "Data invalidated by review" (issue 13): the badge of an alert whose data a review mark later
 * left out. The alert is kept as it was; the badge says why it may no longer stand.
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { alertStore } from '../data/live'
import { api } from '../data/api'
import { reportError } from '../data/notices'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'

/** The badge, or nothing. */
export function AlertReviewBadge({ alert: a }: { alert: Pick<AlertEvent, 'review'> }) {
  const { t } = useI18n()
  if (!a.review?.invalidated) return null
  return (
    <span
      className="review-invalidated"
      data-testid="alert-invalidated"
      title={t('review.alertInvalidated.title', { by: a.review.by, reason: t(`review.reason.${a.review.reason}` as MessageKey) })}
    >
      {t('review.alertInvalidated')}
    </span>
  )
}

/** After a review change: take the active alerts' annotations anew from the API. */
export function refreshAlertAnnotations(): void {
  api
    .alerts('active')
    .then((r) => alertStore.annotate(r.alerts))
    .catch((e: unknown) => reportError(e, 'GET /api/alerts (review annotations)'))
}
