/**
 * The inline form adjusting one rule: limit (and lower limit for a range rule), clear level(s),
 * severity, minimum duration in minutes, minimum count, enabled. Blank fields show what applies now
 * in grey. Wrong fields are named before anything is sent; the server's refusal is shown as is.
 */
import { useState } from 'react'
import { SEVERITIES } from '../../../shared/src/domain/alert'
import { ApiError } from '../data/api'
import type { Rule, RuleOverride } from '../data/admin-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import {
  formToOverride,
  MAX_DURATION_MIN,
  overrideToForm,
  type RuleFormContext,
  type RuleFormErrors,
  type RuleOverrideForm,
} from './rule-override-model'
import { formatNumber, msToMinutes } from './rule-text'

/** Props of {@link RuleForm}. */
export interface RuleFormProps {
  /** What applies now (the effective rule), shown in grey in blank fields; undefined when unknown. */
  now?: Partial<Rule>
  ctx: RuleFormContext
  title: string
  unit: string
  onSave: (override: RuleOverride) => Promise<void>
  onCancel: () => void
}

/** The form. */
export function RuleForm({ now, ctx, title, unit, onSave, onCancel }: RuleFormProps) {
  const { t } = useI18n()
  const [f, setF] = useState<RuleOverrideForm>(() => overrideToForm(ctx.own, ctx.inherited))
  const [errors, setErrors] = useState<RuleFormErrors>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const outside = ctx.comparison === 'outside'
  const set = <K extends keyof RuleOverrideForm>(k: K, v: RuleOverrideForm[K]) => setF((x) => ({ ...x, [k]: v }))
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const r = formToOverride(f, ctx)
    if (!r.ok) return setErrors(r.errors)
    setErrors({})
    setError(undefined)
    setBusy(true)
    try {
      await onSave(r.override)
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err))
    } finally {
      setBusy(false)
    }
  }
  const num = (
    k: 'limit' | 'low' | 'clear' | 'clearLow' | 'minDurationMin' | 'minCount',
    label: MessageKey,
    current: number | undefined,
    suffix = '',
  ) => (
    <label className="field rule-field">
      <span>
        {t(label)}
        {suffix && ` (${suffix})`}
      </span>
      <input
        className="input"
        name={k}
        inputMode="decimal"
        value={f[k]}
        placeholder={current === undefined ? '' : formatNumber(current)}
        onChange={(e) => set(k, e.target.value)}
        aria-invalid={!!errors[k]}
      />
      {errors[k] && <span className="error-text small">{t(`admin.r.err.${errors[k]}` as MessageKey, { max: MAX_DURATION_MIN })}</span>}
    </label>
  )
  return (
    <form className="rule-form" onSubmit={submit} data-testid="rule-form" aria-label={title}>
      <div className="rule-fields">
        {outside && num('low', 'admin.r.low', now?.low, unit)}
        {num('limit', 'admin.r.limit', now?.limit, unit)}
        {outside && num('clearLow', 'admin.r.clearLow', now?.clearLow ?? now?.low, unit)}
        {num('clear', 'admin.r.clear', now?.clear ?? now?.limit, unit)}
        <label className="field rule-field">
          <span>{t('admin.r.severity')}</span>
          <select
            className="input"
            name="severity"
            value={f.severity}
            onChange={(e) => set('severity', e.target.value as RuleOverrideForm['severity'])}
          >
            <option value="">{now?.severity ? t('admin.r.keep', { v: t(`severity.${now.severity}`) }) : '—'}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {num('minDurationMin', 'admin.r.minDuration', msToMinutes(now?.minDurationMs ?? 0))}
        {num('minCount', 'admin.r.minCount', now?.minCount ?? 1)}
        <label className="check field">
          <input type="checkbox" name="enabled" checked={f.enabled} onChange={(e) => set('enabled', e.target.checked)} />{' '}
          {t('admin.r.enabled')}
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
      <div className="rule-form-foot">
        <p className="muted small">{t('admin.r.blankHint')}</p>
        <div className="form-actions">
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            {t('alerts.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="rule-save">
            {busy ? t('alerts.working') : t('admin.save')}
          </button>
        </div>
      </div>
    </form>
  )
}
