/**
 * The reviewer's mark form (issue 13), opened by dragging across a station's chart: the stretch
 * (CST minutes, editable), the metrics (the one shown, or all of the station's), and either
 * "invalid" with a reason from the closed list or a corrected value; a note (required for "other"
 * and for a correction). The server's refusal (future range, signed-off day, outside the remit...)
 * is shown as it comes.
 */
import { useState, type FormEvent } from 'react'
import { INVALID_REASONS, type InvalidReason, type MarkAction } from '../../../shared/src/review/marks'
import { reviewApi } from '../data/review-api'
import { reviewErrorText } from './review-error'
import { useI18n } from '../i18n/use-i18n'
import { formatCstMinute, parseCstMinute } from './review-model'

/** Props of {@link MarkForm}. */
export interface MarkFormProps {
  stationId: string
  metric: string
  /** Every metric of the station (for "all metrics"). */
  allMetrics: readonly string[]
  from: number
  to: number
  onDone: () => void
  onCancel: () => void
}

/** The form; submits POST /api/review/marks. */
export function MarkForm({ stationId, metric, allMetrics, from, to, onDone, onCancel }: MarkFormProps) {
  const { t } = useI18n()
  const [fromText, setFrom] = useState(formatCstMinute(from))
  const [toText, setTo] = useState(formatCstMinute(to))
  const [all, setAll] = useState(false)
  const [action, setAction] = useState<MarkAction>('invalid')
  const [reason, setReason] = useState<InvalidReason>('calibration')
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const f = parseCstMinute(fromText)
    const tt = parseCstMinute(toText)
    if (f === undefined || tt === undefined) return setError(t('review.form.badTime'))
    const v = Number(value)
    if (action === 'correct' && (value.trim() === '' || !Number.isFinite(v))) return setError(t('review.form.badValue'))
    setBusy(true)
    setError(undefined)
    try {
      await reviewApi.mark({
        stationId,
        metrics: all ? [...allMetrics] : [metric],
        from: new Date(f).toISOString(),
        to: new Date(tt).toISOString(),
        action,
        reason: action === 'invalid' ? reason : 'correction',
        ...(action === 'correct' ? { value: v } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      onDone()
    } catch (err) {
      setError(reviewErrorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="review-form" onSubmit={(e) => void submit(e)} data-testid="mark-form" aria-label={t('review.form.title')}>
      <h4>{t('review.form.title')}</h4>
      <div className="review-form-row">
        <label className="field">
          <span>{t('review.form.from')}</span>
          <input className="input" value={fromText} onChange={(e) => setFrom(e.target.value)} name="from" placeholder="YYYY-MM-DD HH:mm" />
        </label>
        <label className="field">
          <span>{t('review.form.to')}</span>
          <input className="input" value={toText} onChange={(e) => setTo(e.target.value)} name="to" placeholder="YYYY-MM-DD HH:mm" />
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} name="all" />
          <span>{t('review.form.allMetrics')}</span>
        </label>
      </div>
      <div className="review-form-row">
        <label className="field">
          <span>{t('review.form.action')}</span>
          <select className="input" value={action} onChange={(e) => setAction(e.target.value as MarkAction)} name="action">
            <option value="invalid">{t('review.action.invalid')}</option>
            <option value="correct">{t('review.action.correct')}</option>
          </select>
        </label>
        {action === 'invalid' ? (
          <label className="field">
            <span>{t('review.form.reason')}</span>
            <select className="input" value={reason} onChange={(e) => setReason(e.target.value as InvalidReason)} name="reason">
              {INVALID_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`review.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            <span>{t('review.form.value')}</span>
            <input className="input" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} name="value" />
          </label>
        )}
        <label className="field review-note">
          <span>{action === 'correct' || reason === 'other' ? t('review.form.noteRequired') : t('review.form.note')}</span>
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} name="note" maxLength={2000} />
        </label>
      </div>
      {error && (
        <p className="review-error" role="alert" data-testid="mark-error">
          {error}
        </p>
      )}
      <div className="review-form-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="mark-submit">
          {t('review.form.apply')}
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={onCancel}>
          {t('review.form.cancel')}
        </button>
      </div>
    </form>
  )
}
