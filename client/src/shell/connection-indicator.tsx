/**
 * The connection indicator: what the live feed is really doing (live / reconnecting / offline),
 * whether the browser lost the server or the server lost the MQTT broker (`data-cause`).
 */
import { useConnectionCause, useConnectionState } from '../data/hooks'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'

/** A dot and a word, with a longer explanation as the title; announced politely on change. */
export function ConnectionIndicator() {
  const state = useConnectionState()
  const cause = useConnectionCause()
  const { t } = useI18n()
  const title = cause === 'broker' ? t('conn.title.broker') : t(`conn.title.${state}` as MessageKey)
  return (
    <div
      className={`conn conn-${state}`}
      data-testid="connection-state"
      data-state={state}
      data-cause={cause}
      title={title}
      role="status"
      aria-live="polite"
    >
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-text">{t(`conn.${state}` as MessageKey)}</span>
    </div>
  )
}
