/**
 * Add or edit an escalation policy: which alerts it applies to (match), its steps (minutes after
 * the alert opened; the first at 0, increasing; each names groups or recipients), and reminders
 * while the alert stays unacknowledged.
 */
import { useState } from 'react'
import { ApiError } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { Group, Recipient } from '../data/admin-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { FilterFields } from './filter-fields'
import { formToPolicy, type NotifyProblem, type PolicyForm } from './notify-model'
import { PickList } from './pick-list'

/** Props of {@link PolicyFormPanel}. */
export interface PolicyFormPanelProps {
  initial: PolicyForm
  editing: boolean
  recipients: readonly Recipient[]
  groups: readonly Group[]
  onDone: () => void
}

/** The form. */
export function PolicyFormPanel({ initial, editing, recipients, groups, onDone }: PolicyFormPanelProps) {
  const { t } = useI18n()
  const [f, setF] = useState(initial)
  const [problems, setProblems] = useState<NotifyProblem[]>([])
  const [error, setError] = useState<string>()
  const setStep = (i: number, patch: Partial<PolicyForm['steps'][number]>) =>
    setF({ ...f, steps: f.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const r = formToPolicy(f)
    if (!r.ok) return setProblems(r.problems)
    setProblems([])
    try {
      await adminApi.putPolicy(r.value)
      onDone()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }
  return (
    <form className="card admin-form" onSubmit={submit} data-testid="policy-form" aria-label={t('admin.n.policy')}>
      <h3>{editing ? t('admin.n.editPolicy', { id: f.id }) : t('admin.n.addPolicy')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('admin.n.id')}</span>
          <input className="input" value={f.id} readOnly={editing} onChange={(e) => setF({ ...f, id: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.u.name')}</span>
          <input className="input" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </label>
      </div>
      <h4>{t('admin.n.match')}</h4>
      <FilterFields value={f.match} onChange={(match) => setF({ ...f, match })} />
      <h4>{t('admin.n.steps')}</h4>
      <ol className="step-list">
        {f.steps.map((s, i) => (
          <li key={i} className="edit-row">
            <label className="field-inline">
              <span>{t('admin.n.after')}</span>
              <input
                className="input narrow"
                inputMode="numeric"
                value={s.afterMin}
                onChange={(e) => setStep(i, { afterMin: e.target.value })}
              />
              <span>{t('admin.n.minutes')}</span>
            </label>
            <PickList label={t('admin.n.groups')} options={groups} value={s.groups} onChange={(x) => setStep(i, { groups: x })} />
            <PickList
              label={t('admin.n.recipients')}
              options={recipients}
              value={s.recipients}
              onChange={(x) => setStep(i, { recipients: x })}
            />
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => setF({ ...f, steps: f.steps.filter((_, j) => j !== i) })}
              aria-label={t('admin.delete')}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          setF({
            ...f,
            steps: [
              ...f.steps,
              { afterMin: f.steps.length ? String(Number(f.steps.at(-1)!.afterMin) + 15) : '0', groups: [], recipients: [] },
            ],
          })
        }
      >
        + {t('admin.n.addStep')}
      </button>
      <div className="edit-row">
        <label className="field-inline">
          <span>{t('admin.n.reminder')}</span>
          <input
            className="input narrow"
            inputMode="numeric"
            value={f.reminderMin}
            onChange={(e) => setF({ ...f, reminderMin: e.target.value })}
          />
          <span>{t('admin.n.minutes')}</span>
        </label>
        <label className="field-inline">
          <span>{t('admin.n.maxReminders')}</span>
          <input
            className="input narrow"
            inputMode="numeric"
            value={f.maxReminders}
            onChange={(e) => setF({ ...f, maxReminders: e.target.value })}
          />
        </label>
      </div>
      {problems.length > 0 && (
        <p className="form-error" role="alert">
          {problems.map((p) => t(`admin.err.${p}` as MessageKey)).join(' ')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-quiet" onClick={onDone}>
          {t('alerts.cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('admin.save')}
        </button>
      </div>
    </form>
  )
}
