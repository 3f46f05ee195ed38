/**
 * The review marks of what a chart shows (issue 13), for everyone who sees the chart: what was left
 * out or corrected, why, by whom; withdrawn marks struck through with who withdrew them. A reviewer
 * may withdraw a mark in force (recorded; refused on a signed-off day).
 */
import { useState } from 'react'
import type { StationKind } from '../../../shared/src/domain/station'
import type { MarkView } from '../../../shared/src/protocol/http/review'
import { metricLabel } from '../ui/labels'
import { reviewApi } from '../data/review-api'
import { reviewErrorText } from './review-error'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'
import { reasonText } from './reason-text'

/** Props of {@link MarksList}. */
export interface MarksListProps {
  marks: readonly MarkView[]
  kind: StationKind
  canWithdraw: boolean
  onChanged: () => void
}

/** A compact list, newest first. */
export function MarksList({ marks, kind, canWithdraw, onChanged }: MarksListProps) {
  const { t, lang } = useI18n()
  const [error, setError] = useState<string>()
  if (marks.length === 0) return null
  const withdraw = async (id: string) => {
    setError(undefined)
    try {
      await reviewApi.withdraw(id)
      onChanged()
    } catch (e) {
      setError(reviewErrorText(e, t))
    }
  }
  return (
    <div className="review-marks">
      <h4>{t('review.marks')}</h4>
      <ul>
        {[...marks]
          .sort((a, b) => b.seq - a.seq)
          .map((m) => (
            <li
              key={m.id}
              data-testid="review-mark"
              data-reason={m.reason}
              data-withdrawn={m.withdrawn ? '1' : '0'}
              className={m.withdrawn ? 'withdrawn' : undefined}
            >
              <span className={`review-chip review-${m.action}`}>{reasonText(m, t)}</span>
              <span>
                {formatCstShort(m.from)} – {formatCstShort(m.to)}
              </span>
              <span className="muted">
                {m.metrics.map((k) => metricLabel(kind, k, lang, t)).join(', ')} · {m.by}
                {m.note ? ` · ${m.note}` : ''}
                {m.withdrawn ? ` · ${t('review.withdrawnBy', { by: m.withdrawn.by })}` : ''}
              </span>
              {canWithdraw && !m.withdrawn && (
                <button type="button" className="btn btn-quiet btn-small" onClick={() => void withdraw(m.id)} data-testid="mark-withdraw">
                  {t('review.withdraw')}
                </button>
              )}
            </li>
          ))}
      </ul>
      {error && (
        <p className="review-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
