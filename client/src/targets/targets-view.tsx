/**
 * The targets board (`#/targets`): every target of the city's plan for the chosen period (month,
 * quarter, year to date, year), each with its value against the target, status, trend so far, the
 * method and a drill-down. The month is live (socket `targets`); other periods are fetched.
 */
import { useState } from 'react'
import { TARGET_PERIODS, type TargetsPeriod } from '../data/targets-types'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDate, formatCstDateTime } from '../time/cst'
import { TargetCard } from './target-card'
import { STATUS_ORDER, boardStatus, statusLook } from './target-status'
import { useTargetTrend } from './use-target-trend'
import { useTargets } from './use-targets'

/** The board. */
export function TargetsView() {
  const { t } = useI18n()
  const [period, setPeriod] = useState<TargetsPeriod>('month')
  const s = useTargets(period)
  const body = s.state === 'ready' ? s.body : undefined
  const trend = useTargetTrend(body)
  const counts = new Map<string, number>()
  for (const x of body?.targets ?? []) {
    const st = boardStatus(x, body?.computing)
    counts.set(st, (counts.get(st) ?? 0) + 1)
  }
  const month = body ? body.period.from.slice(0, 7) : ''
  return (
    <div className="page targets-page" data-testid="targets-view">
      <div className="page-head targets-head">
        <h1>{t('targets.title')}</h1>
        <div className="segmented" role="group" aria-label={t('targets.period')}>
          {TARGET_PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={period === p} onClick={() => setPeriod(p)} data-period={p}>
              {t(`targets.period.${p}` as MessageKey)}
            </button>
          ))}
        </div>
        {body && (
          <span className="muted small" data-testid="targets-period">
            {t('targets.range', {
              from: formatCstDate(body.period.from),
              to: formatCstDate(Date.parse(body.period.to) - 1),
              days: body.period.completedDays,
            })}{' '}
            · {t('targets.computedAt', { time: formatCstDateTime(body.computedAt) })}
            {s.state === 'ready' && s.live && <span className="live-tag"> · {t('targets.live')}</span>}
          </span>
        )}
      </div>
      {body && (
        <ul className="target-summary" aria-label={t('targets.summary')}>
          {STATUS_ORDER.map((st) => (
            <li key={st} className={statusLook(st).cls}>
              <span className="target-dot" aria-hidden="true" />
              {t(statusLook(st).key)} <strong>{counts.get(st) ?? 0}</strong>
            </li>
          ))}
        </ul>
      )}
      {s.state === 'loading' && <p className="muted">{t('targets.loading')}</p>}
      {s.state === 'error' && <p className="form-error">{s.message}</p>}
      {body && (
        <div className="target-grid">
          {body.targets.map((x) => (
            <TargetCard
              key={x.id}
              target={x}
              computing={body.computing}
              month={month}
              trend={trend && { t: trend.t, values: trend.values.get(x.id) ?? [], done: trend.done }}
            />
          ))}
        </div>
      )}
      {body && (
        <p className="muted small">
          {t('targets.trendNote', { n: trend ? trend.t.length - 1 : 0 })}
          {trend && trend.failed > 0 && ` ${t('targets.trendFailed', { n: trend.failed })}`} {t('targets.statusNote')}
        </p>
      )}
    </div>
  )
}
