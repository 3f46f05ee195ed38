/**
 * On-screen toasts of new critical alerts (top right, over every view), so an operator who looks
 * away from the alert list still sees what just rang. Each links to the alert and can be dismissed;
 * acknowledging the alert removes its toast.
 */
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatCstTime } from '../time/cst'
import { dismissToast, useAlarm } from './alarm'
import { alertStationName, metricAndWindow, valueVsLimit } from './alert-text'

/** The toast stack. */
export function CriticalToasts() {
  const { t, lang } = useI18n()
  const { toasts } = useAlarm()
  if (toasts.length === 0) return null
  return (
    <div className="critical-toasts" role="alert" aria-live="assertive">
      {toasts.map((a) => (
        <div key={a.id} className="critical-toast" data-testid="critical-toast" data-alert-id={a.id}>
          <div className="critical-toast-head">
            <span className="sev-pill sev-critical">{t('severity.critical')}</span>
            <strong>{alertStationName(a, lang)}</strong>
            <span className="muted">{formatCstTime(a.openedAt)}</span>
          </div>
          <div>
            {metricAndWindow(a, lang, t)} · {valueVsLimit(a)}
          </div>
          <div className="critical-toast-actions">
            <a className="btn btn-small btn-primary" href={routeHref({ view: 'alerts', alertId: a.id })} onClick={() => dismissToast(a.id)}>
              {t('alarm.view')}
            </a>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => dismissToast(a.id)}>
              {t('error.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  )
}
