/**
 * Live or historical (issue 10): a historical exceedance came from late data and was already over
 * when its data arrived (recorded, nobody paged); a live alert opened by late data began before
 * its data arrived. The badge says which, the filter selects by it. See docs/standards.md,
 * "Late data and backlogs".
 */
import type { AlertEvent } from '../../../shared/src/domain/alert'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'

/** Origin filter values. */
export type OriginFilter = 'all' | 'live' | 'historical'
export const ORIGIN_FILTERS: readonly OriginFilter[] = ['all', 'live', 'historical']

/** A live alert counts as opened by late data when detected this long after its data's time. */
export const LATE_BADGE_MS = 10 * 60_000

/** Whether an alert passes an origin filter. */
export function originMatches(a: Pick<AlertEvent, 'historical'>, f: OriginFilter): boolean {
  return f === 'all' || (f === 'historical') === (a.historical === true)
}

/** Whether a live alert began well before it was detected (opened by late data). */
export function openedLate(a: Pick<AlertEvent, 'historical' | 'openedAt' | 'detectedAt'>): boolean {
  return !a.historical && a.detectedAt !== undefined && Date.parse(a.detectedAt) - Date.parse(a.openedAt) > LATE_BADGE_MS
}

/** The badge: "historical", "late", or nothing for an ordinary live alert. */
export function AlertOriginBadge({ alert: a }: { alert: AlertEvent }) {
  const { t } = useI18n()
  if (a.historical) {
    return (
      <span className="origin-pill origin-historical" data-testid="alert-historical" title={t('alerts.historicalTitle')}>
        {t('alerts.historical')}
      </span>
    )
  }
  if (openedLate(a)) {
    return (
      <span
        className="origin-pill origin-late"
        title={t('alerts.lateTitle', { opened: formatCstShort(a.openedAt), detected: formatCstShort(a.detectedAt) })}
      >
        {t('alerts.late')}
      </span>
    )
  }
  return null
}
