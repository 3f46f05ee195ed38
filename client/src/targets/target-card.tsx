/**
 * One target on the board: title, status (colour and word), current value against the target with
 * a bar, the trend over the period so far, how it was computed, and the drill-down.
 */
import { useState } from 'react'
import type { TargetView } from '../data/targets-types'
import { useI18n } from '../i18n/use-i18n'
import { Sparkline } from './sparkline'
import { TargetDrill } from './target-drill'
import { barPositions, boardStatus, formatTargetValue, statusLook, targetText } from './target-status'

/** Props of {@link TargetCard}. */
export interface TargetCardProps {
  target: TargetView
  /** The board is still computing (TargetsBody `computing`). */
  computing?: boolean
  trend?: { t: number[]; values: (number | null)[]; done: boolean }
  month: string
}

/** A target card. */
export function TargetCard({ target: x, computing, trend, month }: TargetCardProps) {
  const { t, lang } = useI18n()
  const [open, setOpen] = useState(false)
  const status = boardStatus(x, computing)
  const look = statusLook(status)
  const bar = barPositions(x)
  const drillId = `drill-${x.id}`
  return (
    <article
      className={`card target-card ${look.cls}`}
      data-testid="target-card"
      data-target-id={x.id}
      data-status={status}
      aria-labelledby={`t-${x.id}`}
    >
      <header className="target-head">
        <h2 id={`t-${x.id}`}>{x.title[lang]}</h2>
        <span className="target-status" data-testid="target-status">
          <span className="target-dot" aria-hidden="true" />
          {t(look.key)}
        </span>
      </header>
      <div className="target-figures">
        <span className="target-value" data-testid="target-value">
          {formatTargetValue(x.value, x.unit)}
        </span>
        <span className="target-goal">
          {t('targets.goal')} {targetText(x)}
        </span>
        {x.review && (
          <span
            className={`review-chip review-${x.review.finality}`}
            data-testid="target-finality"
            data-finality={x.review.finality}
            title={t('review.targetShare', { signed: x.review.signedOffDays, total: x.review.totalDays })}
          >
            {t(x.review.finality === 'final' ? 'review.final' : 'review.provisional')}
          </span>
        )}
      </div>
      {bar && (
        <div className="target-bar" aria-hidden="true">
          <span className="target-bar-fill" style={{ width: `${bar.value * 100}%` }} />
          <span className="target-bar-goal" style={{ left: `${bar.target * 100}%` }} />
        </div>
      )}
      <div className="target-trend">
        {trend ? (
          <Sparkline
            t={trend.t}
            values={trend.values}
            target={x.target}
            unit={x.unit}
            label={trend.done ? t('targets.trendNone') : t('targets.trendLoading')}
          />
        ) : (
          <div className="sparkline-empty muted small">{t('targets.trendLoading')}</div>
        )}
      </div>
      <details className="target-method">
        <summary>{t('targets.method')}</summary>
        <p className="small">{x.method}</p>
      </details>
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        aria-controls={drillId}
        onClick={() => setOpen(!open)}
        data-testid="target-drill-toggle"
      >
        {open ? t('targets.drillHide') : t('targets.drillShow')}
      </button>
      <div id={drillId}>{open && <TargetDrill target={x} month={month} />}</div>
    </article>
  )
}
