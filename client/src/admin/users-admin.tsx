/**
 * Users and roles: the list with each user's role, state and actions, and the form to create one
 * (password typed or generated, at least 10 characters as the server requires).
 */
import { useState } from 'react'
import { useSession } from '../auth/session'
import { ApiError, type SessionUser } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { generatePassword } from './password'
import { useAdminLoad } from './use-admin-load'
import { ROLES, UserRow } from './user-row'

/** The users section. */
export function UsersAdmin() {
  const { t } = useI18n()
  const session = useSession()
  const me = session.state === 'authenticated' ? session.user?.id : undefined
  const list = useAdminLoad(() => adminApi.users(), 'GET /api/admin/users')
  const [f, setF] = useState({ username: '', name: '', role: 'viewer' as SessionUser['role'], password: '' })
  const [error, setError] = useState<string>()
  const [created, setCreated] = useState<string>()
  const create = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(undefined)
    try {
      await adminApi.createUser({ username: f.username.trim(), name: f.name.trim() || undefined, role: f.role, password: f.password })
      setCreated(t('admin.u.created', { name: f.username.trim(), password: f.password }))
      setF({ username: '', name: '', role: 'viewer', password: '' })
      list.reload()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }
  return (
    <section className="admin-section" aria-labelledby="adm-u-h">
      <div className="admin-bar">
        <h2 id="adm-u-h">{t('admin.users')}</h2>
        <span className="muted small">{t('admin.count', { n: list.data?.users.length ?? 0 })}</span>
      </div>
      <form className="card admin-form" onSubmit={create} data-testid="user-form" aria-label={t('admin.u.add')}>
        <h3>{t('admin.u.add')}</h3>
        <div className="form-grid">
          <label className="field">
            <span>{t('login.username')}</span>
            <input
              className="input"
              name="username"
              required
              pattern="[A-Za-z0-9_.@\-]{2,64}"
              value={f.username}
              onChange={(e) => setF({ ...f, username: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('admin.u.name')}</span>
            <input className="input" name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('admin.u.role')}</span>
            <select
              className="input"
              name="role"
              value={f.role}
              onChange={(e) => setF({ ...f, role: e.target.value as SessionUser['role'] })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <span className="input-row">
              <input
                className="input mono"
                name="password"
                required
                minLength={10}
                value={f.password}
                onChange={(e) => setF({ ...f, password: e.target.value })}
              />
              <button type="button" className="btn btn-small" onClick={() => setF({ ...f, password: generatePassword() })}>
                {t('admin.generate')}
              </button>
            </span>
          </label>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {created && (
          <p className="note-box" data-testid="user-created">
            {created}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="user-create">
            {t('admin.u.create')}
          </button>
        </div>
      </form>
      {list.error && <p className="form-error">{list.error}</p>}
      <div className="table-wrap">
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('login.username')}</th>
              <th scope="col">{t('admin.u.name')}</th>
              <th scope="col">{t('admin.u.role')}</th>
              <th scope="col">{t('station.status')}</th>
              <th scope="col">{t('admin.u.createdAt')}</th>
              <th scope="col">{t('alerts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.users ?? []).map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me} onChanged={list.reload} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
