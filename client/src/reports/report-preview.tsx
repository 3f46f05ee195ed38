/**
 * The preview of one report: its data status, and per section the completeness, key figures and
 * tables (the first rows; all on request), as the XLSX and PDF show them.
 */
import { useState } from 'react'
import type { Bilingual, Cell, Column, ReportDoc, Section } from '../../../shared/src/protocol/http/reports'
import { useI18n } from '../i18n/use-i18n'

/** Rows shown before "show all". */
const FIRST_ROWS = 15

function text(b: Bilingual, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? b.zh : b.en
}

function cell(v: Cell, c: Column | undefined, lang: 'zh' | 'en'): string {
  if (v === null) return '—'
  if (typeof v === 'number') return c?.digits !== undefined ? v.toFixed(c.digits) : String(Math.round(v * 1000) / 1000)
  return typeof v === 'string' ? v : text(v, lang)
}

function SectionView({ s }: { s: Section }) {
  const { t, lang } = useI18n()
  const [all, setAll] = useState<Record<string, boolean>>({})
  return (
    <section className="report-section" data-testid={`report-section-${s.id}`}>
      <h3>{text(s.title, lang)}</h3>
      <p className="small">
        <span className={`report-status report-status-${s.dataStatus}`}>
          {t(s.dataStatus === 'reviewed' ? 'reports.reviewed' : 'reports.provisional')}
        </span>{' '}
        {t('reports.completeness', {
          pct: s.completeness.pct === null ? '—' : s.completeness.pct.toFixed(1),
          received: s.completeness.received,
          expected: s.completeness.expected,
        })}
      </p>
      {s.dataStatus === 'provisional' && <p className="muted small">{text(s.statusNote, lang)}</p>}
      <dl className="report-figures">
        {s.figures.map((f) => (
          <div key={f.key}>
            <dt>{text(f.label, lang)}</dt>
            <dd data-figure={f.key}>
              {f.value === null ? '—' : f.digits !== undefined ? f.value.toFixed(f.digits) : f.value} {f.unit ?? ''}
            </dd>
          </div>
        ))}
      </dl>
      {s.tables.map((tb) => {
        const rows = all[tb.id] ? tb.rows : tb.rows.slice(0, FIRST_ROWS)
        return (
          <div key={tb.id} className="report-table-wrap">
            <h4>{text(tb.title, lang)}</h4>
            <table className="report-table">
              <thead>
                <tr>
                  {tb.columns.map((c) => (
                    <th key={c.key} scope="col">
                      {text(c.label, lang)}
                      {c.unit ? ` (${c.unit})` : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    {tb.columns.map((c, j) => (
                      <td key={c.key} className={typeof r[j] === 'number' ? 'num' : undefined}>
                        {cell(r[j] ?? null, c, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {tb.rows.length > FIRST_ROWS && (
              <button type="button" className="btn btn-quiet small" onClick={() => setAll({ ...all, [tb.id]: !all[tb.id] })}>
                {all[tb.id] ? t('reports.showFirst', { n: FIRST_ROWS }) : t('reports.showAll', { n: tb.rows.length })}
              </button>
            )}
          </div>
        )
      })}
      {s.notes.map((n, i) => (
        <p key={i} className="muted small">
          {text(n, lang)}
        </p>
      ))}
    </section>
  )
}

/** A report's preview. */
export function ReportPreview({ doc }: { doc: ReportDoc }) {
  const { lang } = useI18n()
  return (
    <article className="report-preview" data-testid="report-preview">
      <h2>{text(doc.title, lang)}</h2>
      {doc.sections.map((s) => (
        <SectionView key={s.id} s={s} />
      ))}
    </article>
  )
}
