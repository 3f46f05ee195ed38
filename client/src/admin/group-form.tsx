/**
 * Add or edit an escalation group: an id, a name and its member recipients.
 */
import { useState } from 'react'
import { ApiError } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { Group, Recipient } from '../data/admin-types'
import { useI18n } from '../i18n/use-i18n'
import { NOTIFY_ID } from './notify-model'
import { PickList } from './pick-list'

/** Props of {@link GroupFormPanel}. */
export interface GroupFormPanelProps {
  initial: Group
  editing: boolean
  recipients: readonly Recipient[]
  onDone: () => void
}

/** The form. */
export function GroupFormPanel({ initial, editing, recipients, onDone }: GroupFormPanelProps) {
  const { t } = useI18n()
  const [g, setG] = useState(initial)
  const [error, setError] = useState<string>()
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!NOTIFY_ID.test(g.id) || !g.name.trim() || g.members.length === 0) return setError(t('admin.err.group'))
    try {
      await adminApi.putGroup({ ...g, name: g.name.trim() })
      onDone()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }
  return (
    <form className="card admin-form" onSubmit={submit} data-testid="group-form" aria-label={t('admin.n.group')}>
      <h3>{editing ? t('admin.n.editGroup', { id: g.id }) : t('admin.n.addGroup')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('admin.n.id')}</span>
          <input className="input" value={g.id} readOnly={editing} onChange={(e) => setG({ ...g, id: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.u.name')}</span>
          <input className="input" value={g.name} onChange={(e) => setG({ ...g, name: e.target.value })} />
        </label>
      </div>
      <PickList label={t('admin.n.members')} options={recipients} value={g.members} onChange={(members) => setG({ ...g, members })} />
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
