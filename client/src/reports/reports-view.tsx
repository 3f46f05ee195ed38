/**
 * The reports page (`#/reports`, `#/reports/<id>`): the stored reports (every version, filtered by
 * kind), a preview of the chosen one, its XLSX and PDF in Chinese or English, and, for analysts, the
 * generation of a report for any past period.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { REPORT_KINDS, type ReportDoc, type ReportEntry, type ReportKind } from '../../../shared/src/protocol/http/reports'
import { canAnalyze, useSession } from '../auth/session'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { navigate } from '../shell/route'
import { formatCstDateTime } from '../time/cst'
import { ReportPreview } from './report-preview'
import { reportsApi } from './reports-api'

/** A sensible default period of a kind: the last completed one (China Standard Time). */
export function defaultPeriod(kind: ReportKind, now: number): string {
  const d = new Date(now + 8 * 3_600_000)
  const ymd = (x: Date) => x.toISOString().slice(0, 10)
  if (kind === 'daily-air') return ymd(new Date(d.getTime() - 86_400_000))
  if (kind === 'annual') return String(d.getUTCFullYear() - 1)
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1))
  return ymd(prev).slice(0, 7)
}

/** The page. */
export function ReportsView({ reportId }: { reportId?: string }) {
  const { t, lang } = useI18n()
  const session = useSession()
  const [kind, setKind] = useState<ReportKind | ''>('')
  const [list, setList] = useState<ReportEntry[] | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [doc, setDoc] = useState<ReportDoc | undefined>()
  const [genKind, setGenKind] = useState<ReportKind>('monthly')
  const [period, setPeriod] = useState(() => defaultPeriod('monthly', Date.now()))
  const [busy, setBusy] = useState(false)
  const [reload, setReload] = useState(0)

  useEffect(() => {
    const ctl = new AbortController()
    reportsApi
      .list(kind || undefined, ctl.signal)
      .then((b) => setList(b.reports))
      .catch((e: unknown) => !ctl.signal.aborted && setError(e instanceof Error ? e.message : String(e)))
    return () => ctl.abort()
  }, [kind, reload])

  useEffect(() => {
    setDoc(undefined)
    if (!reportId) return
    const ctl = new AbortController()
    reportsApi
      .get(reportId, ctl.signal)
      .then(setDoc)
      .catch((e: unknown) => !ctl.signal.aborted && setError(e instanceof Error ? e.message : String(e)))
    return () => ctl.abort()
  }, [reportId])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const r = await reportsApi.generate({ kind: genKind, period: period.trim() })
      setReload((x) => x + 1)
      navigate({ view: 'reports', reportId: r.id })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="page reports-page" data-testid="reports-view">
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
        <label className="small">
          {t('reports.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind | '')} data-testid="reports-kind">
            <option value="">{t('reports.allKinds')}</option>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {canAnalyze(session) && (
        <form className="reports-generate" onSubmit={(e) => void submit(e)} data-testid="reports-generate">
          <strong>{t('reports.generate')}</strong>
          <select
            value={genKind}
            onChange={(e) => {
              const k = e.target.value as ReportKind
              setGenKind(k)
              setPeriod(defaultPeriod(k, Date.now()))
            }}
            aria-label={t('reports.kind')}
          >
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
          <input
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            aria-label={t('reports.period')}
            placeholder="YYYY-MM-DD / YYYY-MM / YYYY"
            pattern="\d{4}(-\d{2}){0,2}"
            size={12}
          />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t('reports.generating') : t('reports.generateButton')}
          </button>
          <span className="muted small">{t('reports.periodHint')}</span>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}
      <div className="reports-layout">
        <table className="reports-list" aria-label={t('reports.list')}>
          <thead>
            <tr>
              <th scope="col">{t('reports.kind')}</th>
              <th scope="col">{t('reports.period')}</th>
              <th scope="col">{t('reports.version')}</th>
              <th scope="col">{t('reports.generatedAt')}</th>
              <th scope="col">{t('reports.status')}</th>
              <th scope="col">{t('reports.download')}</th>
            </tr>
          </thead>
          <tbody>
            {list?.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('reports.none')}
                </td>
              </tr>
            )}
            {list?.map((r) => (
              <tr
                key={r.id}
                aria-current={r.id === reportId ? 'true' : undefined}
                className={r.superseded ? 'superseded' : undefined}
                data-report={r.id}
              >
                <td>
                  <a href={`#/reports/${encodeURIComponent(r.id)}`}>{t(`reports.kind.${r.kind}` as MessageKey)}</a>
                </td>
                <td>{r.period}</td>
                <td>
                  v{r.version}
                  {r.superseded ? ` (${t('reports.superseded')})` : ''}
                </td>
                <td>{formatCstDateTime(r.generatedAt)}</td>
                <td>{t(r.dataStatus === 'reviewed' ? 'reports.reviewed' : 'reports.provisional')}</td>
                <td>
                  <a href={reportsApi.fileUrl(r.id, 'pdf', lang)} download>
                    PDF
                  </a>{' '}
                  <a href={reportsApi.fileUrl(r.id, 'xlsx', lang)} download>
                    XLSX
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {reportId && !doc && !error && <p className="muted">{t('reports.loading')}</p>}
        {doc && <ReportPreview doc={doc} />}
      </div>
    </div>
  )
}
