/**
 * The one-time display of a station's new credentials: username and password with copy buttons
 * and the server's note. The password is never shown again; closing the dialog forgets it.
 */
import { useEffect, useRef, useState } from 'react'
import type { IssuedCredentials } from '../data/admin-types'
import { useI18n } from '../i18n/use-i18n'

/** Props of {@link CredentialsDialog}. */
export interface CredentialsDialogProps {
  creds: IssuedCredentials | undefined
  onClose: () => void
}

/** The modal. */
export function CredentialsDialog({ creds, onClose }: CredentialsDialogProps) {
  const { t } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  const [copied, setCopied] = useState<string>()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (creds && !d.open) {
      setCopied(undefined)
      d.showModal()
    } else if (!creds && d.open) d.close()
  }, [creds])
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(what)
    } catch {
      setCopied(`${what}:manual`)
    }
  }
  return (
    <dialog
      ref={ref}
      className="dialog creds-dialog"
      aria-labelledby="creds-h"
      onCancel={(e) => (e.preventDefault(), onClose())}
      data-testid="credentials-dialog"
    >
      {creds && (
        <div>
          <h2 id="creds-h">{t('admin.creds.title', { id: creds.stationId })}</h2>
          <p className="note-box">{t('admin.creds.once')}</p>
          <dl className="dialog-summary creds-list">
            <dt>{t('admin.creds.username')}</dt>
            <dd>
              <code data-testid="creds-username">{creds.username}</code>
              <button type="button" className="btn btn-small" onClick={() => void copy('user', creds.username)}>
                {copied === 'user' ? t('admin.copied') : t('admin.copy')}
              </button>
            </dd>
            <dt>{t('admin.creds.password')}</dt>
            <dd>
              <code data-testid="creds-password" className="creds-password">
                {creds.password}
              </code>
              <button type="button" className="btn btn-small" onClick={() => void copy('pw', creds.password)} data-testid="creds-copy">
                {copied === 'pw' ? t('admin.copied') : t('admin.copy')}
              </button>
            </dd>
          </dl>
          {copied?.endsWith(':manual') && <p className="muted small">{t('admin.copyManual')}</p>}
          <p className="muted small">{creds.note}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
              {t('admin.creds.done')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  )
}
