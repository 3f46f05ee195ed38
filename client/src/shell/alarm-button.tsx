/**
 * The alarm switch in the header: sound and desktop notifications on a new critical alert, on or
 * muted (remembered), and the button that asks the browser for notification permission (a click
 * is the user gesture browsers require).
 */
import { requestNotifyPermission, setMuted, useAlarm } from '../alerts/alarm'
import { useI18n } from '../i18n/use-i18n'

/** A bell, struck through when muted (inline SVG: no emoji font needed on operator PCs). */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="bell-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 1.5a4 4 0 0 0-4 4v2.8L2.5 11v1h11v-1L12 8.3V5.5a4 4 0 0 0-4-4Zm-1.6 11.5a1.6 1.6 0 0 0 3.2 0Z" fill="currentColor" />
      {muted && <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.6" />}
    </svg>
  )
}

/** The bell toggle and, while permission is not decided, the enable button. */
export function AlarmButton() {
  const { t } = useI18n()
  const alarm = useAlarm()
  return (
    <div className="alarm-box">
      <button
        type="button"
        className={`btn btn-quiet btn-small alarm-toggle${alarm.muted ? ' muted' : ''}`}
        aria-pressed={!alarm.muted}
        data-testid="alarm-toggle"
        data-rung={alarm.rung}
        onClick={() => setMuted(!alarm.muted)}
        title={alarm.muted ? t('alarm.mutedTitle') : t('alarm.onTitle')}
      >
        <BellIcon muted={alarm.muted} />
        <span className="alarm-text">{alarm.muted ? t('alarm.muted') : t('alarm.on')}</span>
      </button>
      {alarm.permission === 'default' && !alarm.muted && (
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => void requestNotifyPermission()}
          title={t('alarm.enableTitle')}
        >
          {t('alarm.enable')}
        </button>
      )}
      {alarm.permission === 'denied' && !alarm.muted && (
        <span className="muted alarm-denied" title={t('alarm.deniedTitle')}>
          {t('alarm.denied')}
        </span>
      )}
    </div>
  )
}
