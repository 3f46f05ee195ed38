/**
 * One rule in the rules table: title (UI language), id and source; metric and window; limit and
 * clear level with the unit (the standard value beside an overridden limit); severity with its
 * steps; minimum duration and count; what is adjusted and where (this station, all stations, or the
 * standard); edit (the inline form below the row) and reset to the standard.
 */
import type { StationKind } from '../../../shared/src/domain/station'
import { applyOverride } from '../../../shared/src/rules/standard-overrides'
import type { Rule, RuleOverride } from '../data/admin-types'
import { useI18n } from '../i18n/use-i18n'
import { windowLabel } from '../ui/labels'
import { RuleForm } from './rule-form'
import { isOverridden, type RuleRow } from './rule-rows'
import {
  describeOverride,
  formatNumber,
  formatRuleClear,
  formatRuleFactor,
  formatRuleLimit,
  msToMinutes,
  ruleFactors,
  ruleMetricLabel,
  ruleUnit,
  standardSource,
  standardValue,
} from './rule-text'

/** Columns of the table (the form row spans them). */
export const RULE_COLUMNS = 8

/** Props of {@link RuleRowView}. */
export interface RuleRowViewProps {
  row: RuleRow
  /** The rule's description when the row has no effective rule (switched off earlier in the session). */
  known?: Rule
  /** The station's kind (undefined on the all-stations page: the rule's own). */
  kind?: StationKind
  /** The all-stations page: limits are per station unless `*` sets them. */
  all: boolean
  stationLabel: string
  open: boolean
  saved: boolean
  onToggle: () => void
  onSave: (override: RuleOverride) => Promise<void>
  onReset: () => void
}

/** The row, and the form below it when open. */
export function RuleRowView({ row, known, kind, all, stationLabel, open, saved, onToggle, onSave, onReset }: RuleRowViewProps) {
  const { t, lang } = useI18n()
  const meta = row.rule ?? known
  const k: StationKind = kind ?? (meta && meta.kind !== '*' ? meta.kind : 'air')
  const unit = meta ? ruleUnit(k, meta.metric) : ''
  const title = meta ? meta.title[lang] : row.id
  const own = isOverridden(row)
  const inherited = !all && row.inherited !== undefined && Object.keys(row.inherited).length > 0
  // On the all-stations page a sample station's limits mean nothing: show the `*` setting applied to it, or "per station".
  const base = all ? meta : row.rule
  const applied = base && all ? applyOverride(base, { ...row.own, enabled: true }) : base
  const now: Partial<Rule> | undefined =
    all && applied ? { ...applied, limit: row.own?.limit, low: row.own?.low, clear: row.own?.clear, clearLow: row.own?.clearLow } : applied
  const shown = row.state === 'active' ? applied : undefined
  const perStation = all && row.own?.limit === undefined && row.own?.low === undefined
  const perStationClear = perStation && row.own?.clear === undefined && row.own?.clearLow === undefined
  const limitCell = () => {
    if (!shown) return '—'
    if (perStation) return <span className="muted">{t('admin.r.byStation')}</span>
    const std =
      !all && (row.own?.limit ?? row.own?.low ?? row.inherited?.limit ?? row.inherited?.low) !== undefined
        ? standardValue(shown.source)
        : undefined
    return (
      <>
        <span className="num">{formatRuleLimit(shown, unit)}</span>
        {std && <div className="cell-sub">{t('admin.r.standardWas', { v: std })}</div>}
      </>
    )
  }
  const clearCell = () => {
    if (!shown) return '—'
    if (perStationClear) return <span className="muted">{t('admin.r.byStation')}</span>
    return <span className="num">{formatRuleClear(shown, unit)}</span>
  }
  const duration = shown
    ? [
        shown.minDurationMs ? t('admin.r.minutes', { n: formatNumber(msToMinutes(shown.minDurationMs)) }) : '',
        (shown.minCount ?? 1) > 1 ? t('admin.r.times', { n: shown.minCount! }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : ''
  return (
    <>
      <tr
        data-rule-id={row.id}
        data-state={row.state}
        data-overridden={own ? 'own' : inherited ? 'inherited' : 'none'}
        className={`${row.state !== 'active' ? 'row-disabled' : ''}${saved ? ' row-saved' : ''}`}
      >
        <td>
          <div>{title}</div>
          <div className="cell-sub mono">{row.id}</div>
          {meta && <div className="cell-sub">{standardSource(meta.source)}</div>}
          {meta && ruleFactors(meta.source).length > 0 && (
            <ul className="cell-sub rule-factors" aria-label={t('admin.r.factors')} data-testid="rule-factors">
              {ruleFactors(meta.source).map((x) => (
                <li key={x.name}>{formatRuleFactor(x, lang, t)}</li>
              ))}
            </ul>
          )}
        </td>
        <td>{meta ? `${ruleMetricLabel(k, meta.metric, lang, t)} · ${windowLabel(meta.window, t)}` : '—'}</td>
        <td className="nowrap">{limitCell()}</td>
        <td className="nowrap">{clearCell()}</td>
        <td>
          {shown ? (
            <span className="rule-sev">
              <span className={`sev-dot sev-${shown.severity}`} aria-hidden="true" /> {t(`severity.${shown.severity}`)}
              {(shown.steps ?? []).map((s) => (
                <span key={`${s.at}-${s.severity}`} className="cell-sub">
                  {t(`severity.${s.severity}`)} {shown.comparison === 'below' ? '<' : '>'} {formatNumber(s.at)}
                </span>
              ))}
            </span>
          ) : (
            '—'
          )}
        </td>
        <td>{duration || <span className="muted">—</span>}</td>
        <td>
          {row.state === 'disabled' && <span className="badge rule-badge-off">{t('admin.r.disabled')}</span>}
          {row.state === 'absent' && <span className="badge rule-badge-off">{t(all ? 'admin.r.absentAll' : 'admin.r.absent')}</span>}
          {own && (
            <div>
              <span className="badge rule-badge-own">{t(all ? 'admin.r.ownAll' : 'admin.r.own')}</span>
              <div className="cell-sub">{describeOverride(row.own, unit, t)}</div>
            </div>
          )}
          {inherited && (
            <div>
              <span className="badge rule-badge-all">{t('admin.r.inherited')}</span>
              <div className="cell-sub">{describeOverride(row.inherited, unit, t)}</div>
            </div>
          )}
          {!own && !inherited && row.state === 'active' && <span className="muted small">{t('admin.r.standard')}</span>}
        </td>
        <td className="row-actions">
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={onToggle} data-testid="rule-edit">
            {t('admin.edit')}
          </button>
          {own && (
            <button type="button" className="btn btn-small btn-quiet" onClick={onReset} data-testid="rule-reset">
              {t('admin.r.reset')}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="row-expand">
          <td colSpan={RULE_COLUMNS}>
            <RuleForm
              now={now}
              ctx={{
                comparison: meta?.comparison ?? 'above',
                limit: now?.limit,
                low: now?.low,
                own: row.own,
                inherited: all ? undefined : row.inherited,
              }}
              title={t('admin.r.editTitle', { rule: title, station: stationLabel })}
              unit={unit}
              onSave={onSave}
              onCancel={onToggle}
            />
          </td>
        </tr>
      )}
    </>
  )
}
