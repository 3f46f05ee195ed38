/**
 * Recipients and escalation: the recipients (channels, subscriptions, quiet hours), escalation
 * groups and policies with their steps, each listed with add, edit and delete. The server refuses
 * deleting what a group or policy still names (409 in-use); its message is shown.
 */
import { useState } from 'react'
import { adminApi } from '../data/admin-api'
import type { Group, Policy, Recipient } from '../data/admin-types'
import { reportError } from '../data/notices'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { GroupFormPanel } from './group-form'
import { EMPTY_FILTER, policyToForm, recipientToForm, type PolicyForm, type RecipientForm } from './notify-model'
import { channelsText, filterText, stepsText } from './notify-text'
import { PolicyFormPanel } from './policy-form'
import { RecipientFormPanel } from './recipient-form'
import { useAdminLoad } from './use-admin-load'

type Editing =
  | { what: 'recipient'; form: RecipientForm; editing: boolean }
  | { what: 'group'; group: Group; editing: boolean }
  | { what: 'policy'; form: PolicyForm; editing: boolean }

const NEW_RECIPIENT: RecipientForm = {
  id: '',
  name: '',
  enabled: true,
  channels: [{ type: 'email', to: '' }],
  subscriptions: [],
  quiet: false,
  quietStart: '22:00',
  quietEnd: '07:00',
  lateDigest: 'default',
}
const NEW_POLICY: PolicyForm = {
  id: '',
  name: '',
  match: EMPTY_FILTER,
  steps: [{ afterMin: '0', groups: [], recipients: [] }],
  reminderMin: '',
  maxReminders: '',
}

/** The notifications section. */
export function NotifyAdmin() {
  const { t } = useI18n()
  const load = useAdminLoad(async () => {
    const [r, g, p] = await Promise.all([adminApi.recipients(), adminApi.groups(), adminApi.policies()])
    return { recipients: r.recipients, groups: g.groups, policies: p.policies }
  }, 'GET /api/admin/notify')
  const [edit, setEdit] = useState<Editing>()
  const recipients = load.data?.recipients ?? []
  const groups = load.data?.groups ?? []
  const policies = load.data?.policies ?? []
  const nameOf = (id: string) => recipients.find((r) => r.id === id)?.name ?? groups.find((g) => g.id === id)?.name ?? id
  const word = (k: string) => t((['air', 'water', 'wastewater', 'energy'].includes(k) ? `kind.${k}` : `severity.${k}`) as MessageKey)
  const done = () => (setEdit(undefined), load.reload())
  const remove = async (what: string, id: string, f: () => Promise<unknown>) => {
    if (!window.confirm(t('admin.n.confirmDelete', { what, id }))) return
    try {
      await f()
      load.reload()
    } catch (e) {
      reportError(e, `DELETE ${what} ${id}`)
    }
  }
  const actions = (onEdit: () => void, onDelete: () => void) => (
    <td className="row-actions">
      <button type="button" className="btn btn-small" onClick={onEdit}>
        {t('admin.edit')}
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={onDelete}>
        {t('admin.delete')}
      </button>
    </td>
  )
  return (
    <section className="admin-section" aria-labelledby="adm-n-h">
      <div className="admin-bar">
        <h2 id="adm-n-h">{t('admin.notify')}</h2>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setEdit({ what: 'recipient', form: NEW_RECIPIENT, editing: false })}
          data-testid="recipient-add"
        >
          {t('admin.n.addRecipient')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setEdit({ what: 'group', group: { id: '', name: '', members: [] }, editing: false })}
        >
          {t('admin.n.addGroup')}
        </button>
        <button type="button" className="btn" onClick={() => setEdit({ what: 'policy', form: NEW_POLICY, editing: false })}>
          {t('admin.n.addPolicy')}
        </button>
      </div>
      <p className="muted small">{t('admin.n.intro')}</p>
      {load.error && <p className="form-error">{load.error}</p>}
      {edit?.what === 'recipient' && <RecipientFormPanel key={edit.form.id} initial={edit.form} editing={edit.editing} onDone={done} />}
      {edit?.what === 'group' && (
        <GroupFormPanel key={edit.group.id} initial={edit.group} editing={edit.editing} recipients={recipients} onDone={done} />
      )}
      {edit?.what === 'policy' && (
        <PolicyFormPanel
          key={edit.form.id}
          initial={edit.form}
          editing={edit.editing}
          recipients={recipients}
          groups={groups}
          onDone={done}
        />
      )}
      <h3>{t('admin.n.recipientsTitle', { n: recipients.length })}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid="recipients-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.n.id')}</th>
              <th scope="col">{t('admin.u.name')}</th>
              <th scope="col">{t('admin.n.channels')}</th>
              <th scope="col">{t('admin.n.subscriptions')}</th>
              <th scope="col">{t('admin.n.quiet')}</th>
              <th scope="col">{t('alerts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {recipients.map((r: Recipient) => (
              <tr key={r.id} data-recipient-id={r.id} className={r.enabled ? '' : 'row-disabled'}>
                <td className="mono">{r.id}</td>
                <td>
                  {r.name}
                  {!r.enabled && <span className="state-pill"> {t('admin.u.disabled')}</span>}
                </td>
                <td className="small">{channelsText(r.channels)}</td>
                <td className="small">
                  {r.subscriptions.length ? (
                    r.subscriptions.map((s) => filterText(s, word)).join(' | ')
                  ) : (
                    <span className="muted">{t('admin.n.onlyPolicies')}</span>
                  )}
                </td>
                <td className="small">{r.quietHours ? `${r.quietHours.start}–${r.quietHours.end}` : '—'}</td>
                {actions(
                  () => setEdit({ what: 'recipient', form: recipientToForm(r), editing: true }),
                  () => void remove(t('admin.n.recipient'), r.id, () => adminApi.deleteRecipient(r.id)),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('admin.n.groupsTitle', { n: groups.length })}</h3>
      <table className="data-table" data-testid="groups-table">
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td className="mono">{g.id}</td>
              <td>{g.name}</td>
              <td className="small">{g.members.map(nameOf).join(', ')}</td>
              {actions(
                () => setEdit({ what: 'group', group: g, editing: true }),
                () => void remove(t('admin.n.group'), g.id, () => adminApi.deleteGroup(g.id)),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('admin.n.policiesTitle', { n: policies.length })}</h3>
      <p className="muted small">{t('admin.n.policiesNote')}</p>
      <table className="data-table" data-testid="policies-table">
        <tbody>
          {policies.map((p: Policy) => (
            <tr key={p.id}>
              <td className="mono">{p.id}</td>
              <td>{p.name}</td>
              <td className="small">{filterText(p.match, word)}</td>
              <td className="small">
                {stepsText(p, nameOf, t('admin.n.minutes'))}
                {p.reminderEveryMs ? ` · ${t('admin.n.remindEvery', { n: p.reminderEveryMs / 60_000 })}` : ''}
              </td>
              {actions(
                () => setEdit({ what: 'policy', form: policyToForm(p), editing: true }),
                () => void remove(t('admin.n.policy'), p.id, () => adminApi.deletePolicy(p.id)),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
