/**
 * One user in the users table: change role, disable or enable, reset the password (typed or
 * generated, shown until the row closes), delete. The server refuses an admin demoting, disabling
 * or deleting themselves; its message is shown.
 */
import { useState } from 'react'
import { ApiError, type SessionUser } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { AdminUser } from '../data/admin-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { generatePassword } from './password'

/** Roles in order of power. */
export const ROLES: readonly SessionUser['role'][] = ['viewer', 'operator', 'analyst', 'reviewer', 'admin']

/** Props of {@link UserRow}. */
export interface UserRowProps {
  user: AdminUser
  self: boolean
  onChanged: () => void
}

/** A table row (and its reset-password row when open). */
export function UserRow({ user: u, self, onChanged }: UserRowProps) {
  const { t } = useI18n()
  const [reset, setReset] = useState<string>()
  const [error, setError] = useState<string>()
  const act = async (f: () => Promise<unknown>, after?: () => void) => {
    setError(undefined)
    try {
      await f()
      after?.()
      onChanged()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <>
      <tr data-username={u.username} className={u.disabled ? 'row-disabled' : ''}>
        <td className="mono">{u.username}</td>
        <td>{u.name}</td>
        <td>
          <select
            className="input"
            value={u.role}
            aria-label={t('admin.u.role')}
            disabled={self}
            onChange={(e) => void act(() => adminApi.patchUser(u.id, { role: e.target.value as SessionUser['role'] }))}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </td>
        <td>{u.disabled ? <span className="state-pill">{t('admin.u.disabled')}</span> : t('admin.u.active')}</td>
        <td className="muted small">{formatCstDateTime(u.createdAt)}</td>
        <td className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={self}
            onClick={() => void act(() => adminApi.patchUser(u.id, { disabled: !u.disabled }))}
          >
            {u.disabled ? t('admin.u.enable') : t('admin.u.disable')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={reset !== undefined}
            onClick={() => setReset(reset === undefined ? '' : undefined)}
          >
            {t('admin.u.reset')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            disabled={self}
            onClick={() => window.confirm(t('admin.u.confirmDelete', { name: u.username })) && void act(() => adminApi.deleteUser(u.id))}
          >
            {t('admin.delete')}
          </button>
          {error && (
            <div className="error-text small" role="alert">
              {error}
            </div>
          )}
        </td>
      </tr>
      {reset !== undefined && (
        <tr className="row-expand">
          <td colSpan={6}>
            <form
              className="inline-form"
              onSubmit={(e) => (
                e.preventDefault(),
                void act(
                  () => adminApi.patchUser(u.id, { password: reset }),
                  () => setReset(undefined),
                )
              )}
            >
              <label className="field-inline">
                <span>{t('admin.u.newPassword', { name: u.username })}</span>
                <input className="input mono" value={reset} minLength={10} required onChange={(e) => setReset(e.target.value)} />
              </label>
              <button type="button" className="btn btn-small" onClick={() => setReset(generatePassword())}>
                {t('admin.generate')}
              </button>
              <button type="submit" className="btn btn-small btn-primary" disabled={reset.length < 10}>
                {t('admin.u.setPassword')}
              </button>
              <span className="muted small">{t('admin.u.resetNote')}</span>
            </form>
          </td>
        </tr>
      )}
    </>
  )
}
