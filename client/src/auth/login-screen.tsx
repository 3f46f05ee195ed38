/**
 * The login form, shown while there is no session. Errors from the server (wrong password,
 * throttled) are shown as the server words them.
 */
import { useState } from 'react'
import { ApiError } from '../data/api'
import { setLang } from '../i18n/i18n'
import { useI18n } from '../i18n/use-i18n'
import { login } from './session'

/** Props of {@link LoginScreen}. */
export interface LoginScreenProps {
  expired?: boolean
}

/** The login page. */
export function LoginScreen({ expired }: LoginScreenProps) {
  const { t, lang } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await login(username.trim(), password)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
      setBusy(false)
    }
  }

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">envmon</span>
          <span className="brand-city">东莞环境监测</span>
        </div>
        <p className="muted login-intro">{t('login.intro')}</p>
        <h1>{t('login.title')}</h1>
        {expired && <p className="login-note">{t('login.expired')}</p>}
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            className="input"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="login-actions">
          <button
            type="button"
            className="btn btn-quiet"
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            aria-label={t('lang.switchLabel')}
          >
            {t('lang.switch')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('login.working') : t('login.submit')}
          </button>
        </div>
      </form>
    </main>
  )
}
