/**
 * The confirm dialog of an alert action: a modal <dialog> (focus kept inside, Esc closes) with
 * the alert summary, an optional note, and the server's error if the request fails.
 */
import { useEffect, useRef, useState } from 'react'
import { ApiError } from '../data/api'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { cancelAlertAction, confirmAlertAction, usePendingAction } from './alert-actions'
import { alertStationName, metricAndWindow, valueVsLimit } from './alert-text'

/** Mounted once in the app; shows itself when an action is pending. */
export function ActionDialog() {
  const pending = usePendingAction()
  const { t, lang } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (pending && !d.open) {
      setNote('')
      setError(undefined)
      setBusy(false)
      d.showModal()
    } else if (!pending && d.open) d.close()
  }, [pending])

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await confirmAlertAction(note)
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err))
    } finally {
      setBusy(false)
    }
  }

  const a = pending?.alert
  const title = pending?.action === 'resolve' ? t('alerts.resolveTitle') : t('alerts.ackTitle')
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="action-title" onCancel={(e) => (e.preventDefault(), cancelAlertAction())}>
      {a && (
        <form onSubmit={submit} method="dialog">
          <h2 id="action-title">{title}</h2>
          <dl className="dialog-summary">
            <dt>{t('alerts.station')}</dt>
            <dd>{alertStationName(a, lang)}</dd>
            <dt>{t('alerts.metric')}</dt>
            <dd>{metricAndWindow(a, lang, t)}</dd>
            <dt>{t('alerts.value')}</dt>
            <dd>{valueVsLimit(a)}</dd>
            <dt>{t('alerts.state')}</dt>
            <dd>
              {t(`state.${a.state}`)} · {t('alerts.opened', { time: formatCstDateTime(a.openedAt) })}
            </dd>
          </dl>
          <label className="field">
            <span>{t('alerts.note')}</span>
            <textarea
              className="input"
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('alerts.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
              autoFocus
            />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn btn-quiet" onClick={cancelAlertAction} disabled={busy}>
              {t('alerts.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="action-confirm">
              {busy ? t('alerts.working') : title}
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
