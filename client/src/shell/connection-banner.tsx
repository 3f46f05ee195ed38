/**
 * A banner under the header while the live feed is down, saying since when the screen has not
 * been updated, so an operator never mistakes a frozen map for a quiet city.
 */
import { useConnectionLostAt, useConnectionState } from '../data/hooks'
import { useI18n } from '../i18n/use-i18n'
import { formatCstTime } from '../time/cst'

/** The stale-data banner (nothing while live or before the first connection). */
export function ConnectionBanner() {
  const state = useConnectionState()
  const lostAt = useConnectionLostAt()
  const { t } = useI18n()
  if (state === 'live' || lostAt === undefined) return null
  return (
    <div className={`conn-banner conn-banner-${state}`} role="status">
      {t('conn.banner', { time: formatCstTime(lostAt) })}
    </div>
  )
}
