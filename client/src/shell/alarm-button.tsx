/**
 * The alarm switch in the header: sound and desktop notifications on a new critical alert, on or
 * muted (remembered), and the button that asks the browser for notification permission (a click
 * is the user gesture browsers require).
 */
import { requestNotifyPermission, setMuted, useAlarm } from '../alerts/alarm'
import { useI18n } from '../i18n/use-i18n'

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
        onClick={() => setMuted(!alarm.muted)}
        title={alarm.muted ? t('alarm.mutedTitle') : t('alarm.onTitle')}
      >
        <span aria-hidden="true">{alarm.muted ? '🔕' : '🔔'}</span>
        <span className="alarm-text">{alarm.muted ? t('alarm.muted') : t('alarm.on')}</span>
      </button>
      {alarm.permission === 'default' && !alarm.muted && (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => void requestNotifyPermission()} title={t('alarm.enableTitle')}>
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
