/**
 * Add or edit a notification recipient: name, enabled, channels (e-mail addresses and webhooks in
 * the generic, WeCom or DingTalk format; a webhook secret is write-only and kept when left blank),
 * subscriptions, and quiet hours in CST (only critical alerts go out then).
 */
import { useState } from 'react'
import { REPORT_KINDS } from '../../../shared/src/protocol/http/reports'
import { ApiError } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { ChannelInput } from '../data/admin-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { FilterFields } from './filter-fields'
import { EMPTY_FILTER, formToRecipient, type NotifyProblem, type RecipientForm } from './notify-model'

/** Props of {@link RecipientFormPanel}. */
export interface RecipientFormPanelProps {
  initial: RecipientForm
  editing: boolean
  onDone: () => void
}

/** The form. */
export function RecipientFormPanel({ initial, editing, onDone }: RecipientFormPanelProps) {
  const { t } = useI18n()
  const [f, setF] = useState(initial)
  const [problems, setProblems] = useState<NotifyProblem[]>([])
  const [error, setError] = useState<string>()
  const setChannel = (i: number, c: ChannelInput) => setF({ ...f, channels: f.channels.map((x, j) => (j === i ? c : x)) })
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const r = formToRecipient(f)
    if (!r.ok) return setProblems(r.problems)
    setProblems([])
    try {
      await adminApi.putRecipient(r.value)
      onDone()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    }
  }
  return (
    <form className="card admin-form" onSubmit={submit} data-testid="recipient-form" aria-label={t('admin.n.recipient')}>
      <h3>{editing ? t('admin.n.editRecipient', { id: f.id }) : t('admin.n.addRecipient')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('admin.n.id')}</span>
          <input className="input" name="id" value={f.id} readOnly={editing} onChange={(e) => setF({ ...f, id: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.u.name')}</span>
          <input className="input" name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </label>
        <label className="check field">
          <input type="checkbox" checked={f.enabled} onChange={(e) => setF({ ...f, enabled: e.target.checked })} /> {t('admin.n.enabled')}
        </label>
      </div>
      <h4>{t('admin.n.channels')}</h4>
      {f.channels.map((c, i) => (
        <div key={i} className="edit-row">
          <select
            className="input"
            value={c.type}
            aria-label={t('delivery.channel')}
            onChange={(e) =>
              setChannel(i, e.target.value === 'email' ? { type: 'email', to: '' } : { type: 'webhook', url: '', format: 'generic' })
            }
          >
            <option value="email">{t('admin.n.email')}</option>
            <option value="webhook">{t('admin.n.webhook')}</option>
          </select>
          {c.type === 'email' ? (
            <input
              className="input grow"
              type="email"
              name="email"
              placeholder="ops@example.cn"
              value={c.to}
              aria-label={t('admin.n.email')}
              onChange={(e) => setChannel(i, { ...c, to: e.target.value })}
            />
          ) : (
            <>
              <input
                className="input grow"
                name="url"
                placeholder="https://"
                value={c.url}
                aria-label="URL"
                onChange={(e) => setChannel(i, { ...c, url: e.target.value })}
              />
              <select
                className="input"
                value={c.format}
                aria-label={t('admin.n.format')}
                onChange={(e) => setChannel(i, { ...c, format: e.target.value as 'generic' })}
              >
                <option value="generic">JSON</option>
                <option value="wecom">{t('admin.n.wecom')}</option>
                <option value="dingtalk">{t('admin.n.dingtalk')}</option>
              </select>
              <input
                className="input"
                type="password"
                autoComplete="new-password"
                placeholder={c.hasSecret ? t('admin.n.secretKept') : t('admin.n.secret')}
                value={c.secret ?? ''}
                aria-label={t('admin.n.secret')}
                onChange={(e) => setChannel(i, { ...c, secret: e.target.value })}
              />
            </>
          )}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => setF({ ...f, channels: f.channels.filter((_, j) => j !== i) })}
            aria-label={t('admin.delete')}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => setF({ ...f, channels: [...f.channels, { type: 'email', to: '' }] })}>
        + {t('admin.n.addChannel')}
      </button>
      <h4>{t('admin.n.subscriptions')}</h4>
      <p className="muted small">{t('admin.n.subscriptionsNote')}</p>
      {f.subscriptions.map((s, i) => (
        <div key={i} className="edit-row">
          <FilterFields value={s} onChange={(x) => setF({ ...f, subscriptions: f.subscriptions.map((y, j) => (j === i ? x : y)) })} />
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => setF({ ...f, subscriptions: f.subscriptions.filter((_, j) => j !== i) })}
            aria-label={t('admin.delete')}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setF({ ...f, subscriptions: [...f.subscriptions, { ...EMPTY_FILTER, kinds: [] }] })}
      >
        + {t('admin.n.addSubscription')}
      </button>
      <h4>{t('admin.n.quiet')}</h4>
      <div className="edit-row">
        <label className="check">
          <input type="checkbox" checked={f.quiet} onChange={(e) => setF({ ...f, quiet: e.target.checked })} /> {t('admin.n.quietOn')}
        </label>
        <input
          className="input"
          type="time"
          value={f.quietStart}
          disabled={!f.quiet}
          aria-label={t('admin.n.quietStart')}
          onChange={(e) => setF({ ...f, quietStart: e.target.value })}
        />
        <span>–</span>
        <input
          className="input"
          type="time"
          value={f.quietEnd}
          disabled={!f.quiet}
          aria-label={t('admin.n.quietEnd')}
          onChange={(e) => setF({ ...f, quietEnd: e.target.value })}
        />
        <span className="muted small">CST</span>
      </div>
      <h4>{t('admin.n.lateDigest')}</h4>
      <div className="edit-row">
        <select
          className="input"
          data-testid="recipient-late-digest"
          value={f.lateDigest}
          aria-label={t('admin.n.lateDigest')}
          onChange={(e) => setF({ ...f, lateDigest: e.target.value as RecipientForm['lateDigest'] })}
        >
          <option value="default">{t('admin.n.lateDigestDefault')}</option>
          <option value="on">{t('admin.n.lateDigestOn')}</option>
          <option value="off">{t('admin.n.lateDigestOff')}</option>
        </select>
        <span className="muted small">{t('admin.n.lateDigestHelp')}</span>
      </div>
      <h4>{t('admin.n.reports')}</h4>
      <div className="edit-row" data-testid="recipient-reports">
        {REPORT_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={f.reports?.includes(k) ?? false}
              onChange={(e) =>
                setF({ ...f, reports: e.target.checked ? [...(f.reports ?? []), k] : (f.reports ?? []).filter((x) => x !== k) })
              }
            />{' '}
            {t(`reports.kind.${k}` as MessageKey)}
          </label>
        ))}
        <span className="muted small">{t('admin.n.reportsHelp')}</span>
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
        <button type="submit" className="btn btn-primary" data-testid="recipient-save">
          {t('admin.save')}
        </button>
      </div>
    </form>
  )
}
