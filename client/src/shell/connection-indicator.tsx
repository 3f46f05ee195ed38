/**
 * The connection indicator: what the socket is really doing (live / reconnecting / offline).
 */
import { useConnectionState } from '../data/hooks'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'

/** A dot and a word, with a longer explanation as the title; announced politely on change. */
export function ConnectionIndicator() {
  const state = useConnectionState()
  const { t } = useI18n()
  return (
    <div className={`conn conn-${state}`} data-testid="connection-state" data-state={state} title={t(`conn.title.${state}` as MessageKey)} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-text">{t(`conn.${state}` as MessageKey)}</span>
    </div>
  )
}
