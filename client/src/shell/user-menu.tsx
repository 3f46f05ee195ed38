/**
 * The user menu: who is logged in and with which role, and log out. A disclosure button with a
 * small popover; Esc or a click elsewhere closes it.
 */
import { useEffect, useRef, useState } from 'react'
import { logout, type SessionState } from '../auth/session'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'

/** Props of {@link UserMenu}. */
export interface UserMenuProps {
  session: SessionState & { state: 'authenticated' }
}

/** The menu button and popover. */
export function UserMenu({ session }: UserMenuProps) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('pointerdown', close)
    window.addEventListener('keydown', close)
    return () => {
      window.removeEventListener('pointerdown', close)
      window.removeEventListener('keydown', close)
    }
  }, [open])
  const u = session.user
  if (!u) return null
  const role = t(`role.${u.role}` as MessageKey)
  return (
    <div className="user-menu" ref={box}>
      <button
        type="button"
        className="btn btn-quiet btn-small user-button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen(!open)}
        data-testid="user-menu"
        data-role={u.role}
      >
        <span className="user-avatar" aria-hidden="true">
          {(u.name || u.username).slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{u.name || u.username}</span>
        <span className="user-role">{role}</span>
      </button>
      {open && (
        <div className="user-pop">
          <dl className="user-facts">
            <dt>{t('session.username')}</dt>
            <dd className="mono">{u.username}</dd>
            <dt>{t('session.role')}</dt>
            <dd>{role}</dd>
          </dl>
          <p className="muted user-rights">{t(`session.rights.${u.role}` as MessageKey)}</p>
          <button type="button" className="btn btn-small" onClick={() => void logout()} data-testid="logout">
            {t('session.logout')}
          </button>
        </div>
      )}
    </div>
  )
}
