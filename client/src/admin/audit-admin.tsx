/**
 * The audit trail (issue 13): every state-changing action, newest first, with who, when (CST),
 * from which address, what and on what, the status, and what changed (before → after, secrets
 * never shown: the server keeps none). Filter by user, action (or a family such as `station.*`)
 * and time; page through; download the filtered trail as CSV.
 */
import { Fragment, useEffect, useState } from 'react'
import type { AuditPage } from '../../../shared/src/protocol/http/audit'
import { request } from '../data/api'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime } from '../time/cst'
import { AUDIT_ACTIONS, LABELLED_ACTIONS, NO_AUDIT_FILTER, auditChanges, auditQuery, auditValue, type AuditFilterForm } from './audit-model'

const PAGE = 50

/** The audit section. */
export function AuditAdmin() {
  const { t } = useI18n()
  const [form, setForm] = useState<AuditFilterForm>(NO_AUDIT_FILTER)
  const [applied, setApplied] = useState<AuditFilterForm>(NO_AUDIT_FILTER)
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<AuditPage>()
  const [error, setError] = useState<string>()
  const [open, setOpen] = useState<string>()
  const [n, setN] = useState(0)
  useEffect(() => {
    let live = true
    request<AuditPage>(`/api/audit?${auditQuery(applied, { offset, limit: PAGE })}`)
      .then((p) => live && (setPage(p), setError(undefined)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [applied, offset, n])
  const apply = () => {
    setApplied(form)
    setOffset(0)
    setN((x) => x + 1)
  }
  const set = (patch: Partial<AuditFilterForm>) => setForm((f) => ({ ...f, ...patch }))
  const records = page?.records ?? []
  const csv = `/api/audit?${auditQuery(applied, undefined, 'csv')}`

  return (
    <section className="admin-section" aria-labelledby="adm-audit-h">
      <div className="admin-bar">
        <h2 id="adm-audit-h">{t('admin.audit')}</h2>
        {page && <span className="muted small">{t('admin.count', { n: page.total })}</span>}
        <a className="btn btn-small" href={csv} download="envmon-audit.csv" data-testid="audit-csv">
          {t('admin.au.csv')}
        </a>
      </div>
      <p className="muted small">{t('admin.au.intro')}</p>
      <form
        className="filter-fields"
        onSubmit={(e) => {
          e.preventDefault()
          apply()
        }}
      >
        <label className="field-inline">
          <span>{t('admin.au.user')}</span>
          <input
            className="input"
            type="search"
            value={form.user}
            onChange={(e) => set({ user: e.target.value })}
            data-testid="audit-user"
          />
        </label>
        <label className="field-inline">
          <span>{t('admin.au.action')}</span>
          <input
            className="input"
            type="search"
            list="audit-actions"
            value={form.action}
            onChange={(e) => set({ action: e.target.value })}
            placeholder="station.*"
            data-testid="audit-action"
          />
          <datalist id="audit-actions">
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field-inline">
          <span>{t('admin.au.from')}</span>
          <input
            className="input"
            type="datetime-local"
            value={form.from}
            onChange={(e) => set({ from: e.target.value })}
            data-testid="audit-from"
          />
        </label>
        <label className="field-inline">
          <span>{t('admin.au.to')}</span>
          <input
            className="input"
            type="datetime-local"
            value={form.to}
            onChange={(e) => set({ to: e.target.value })}
            data-testid="audit-to"
          />
        </label>
        <button type="submit" className="btn btn-small" data-testid="audit-apply">
          {t('admin.au.apply')}
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {page && records.length === 0 && <p className="empty-state">{t('admin.au.none')}</p>}
      {records.length > 0 && (
        <div className="table-wrap">
          <table className="data-table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.au.time')}</th>
                <th scope="col">{t('admin.au.user')}</th>
                <th scope="col">{t('admin.au.address')}</th>
                <th scope="col">{t('admin.au.action')}</th>
                <th scope="col">{t('admin.au.target')}</th>
                <th scope="col">{t('admin.au.status')}</th>
                <th scope="col">{t('admin.au.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => {
                const key = `${r.node}:${r.seq}`
                const changes = auditChanges(r)
                return (
                  <Fragment key={key}>
                    <tr data-action={r.action} data-user={r.user}>
                      <td className="num">{formatCstDateTime(r.ts)}</td>
                      <td>
                        {r.user}
                        {r.role && <span className="muted small"> ({t(`role.${r.role}` as MessageKey)})</span>}
                      </td>
                      <td className="num">{r.address}</td>
                      <td>
                        {LABELLED_ACTIONS.has(r.action) && <span>{t(`admin.au.a.${r.action}` as MessageKey)} </span>}
                        <code className="muted small">{r.action}</code>
                      </td>
                      <td>{r.target ?? r.path}</td>
                      <td className="num">{r.complete ? r.status : `${r.status} ${t('admin.au.incomplete')}`}</td>
                      <td>
                        {changes.length === 0 && !r.body ? (
                          '–'
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-expanded={open === key}
                            onClick={() => setOpen(open === key ? undefined : key)}
                          >
                            {changes.length > 0 ? t('admin.au.nChanges', { n: changes.length }) : t('admin.au.request')}
                          </button>
                        )}
                      </td>
                    </tr>
                    {open === key && (
                      <tr className="audit-detail">
                        <td colSpan={7}>
                          {changes.length > 0 && (
                            <table className="data-table">
                              <thead>
                                <tr>
                                  <th scope="col">{t('admin.au.field')}</th>
                                  <th scope="col">{t('admin.au.before')}</th>
                                  <th scope="col">{t('admin.au.after')}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {changes.map((c) => (
                                  <tr key={c.field}>
                                    <td>{c.field || '–'}</td>
                                    <td>
                                      <code>{auditValue(c.before)}</code>
                                    </td>
                                    <td>
                                      <code>{auditValue(c.after)}</code>
                                    </td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          )}
                          <p className="muted small">
                            {r.method} {r.route ?? r.path} · {t('admin.au.node', { node: r.node, seq: r.seq })}
                          </p>
                          {r.body !== undefined && <pre className="audit-body">{JSON.stringify(r.body, null, 1)}</pre>}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > PAGE && (
        <div className="admin-bar">
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('admin.au.newer')}
          </button>
          <span className="muted small">
            {t('admin.au.range', { from: offset + 1, to: Math.min(offset + PAGE, page.total), total: page.total })}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={offset + PAGE >= page.total}
            onClick={() => setOffset(offset + PAGE)}
            data-testid="audit-older"
          >
            {t('admin.au.older')}
          </button>
        </div>
      )}
    </section>
  )
}
