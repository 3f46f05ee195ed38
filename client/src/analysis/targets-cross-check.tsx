/**
 * The targets board's good-days ratio for the same month beside the analysis, so an analyst sees
 * both agree. The API evaluates a period as of an instant inside it, so a past month is asked as of
 * its last millisecond: its last day is then still "in progress" and not counted (said on screen).
 */
import { useEffect, useState } from 'react'
import { api } from '../data/api'
import type { TargetView } from '../data/targets-types'
import { useI18n } from '../i18n/use-i18n'
import { cstDayStart } from '../../../shared/src/standards/time'
import { monthDays } from './month'

/** Props of {@link TargetsCrossCheck}. */
export interface TargetsCrossCheckProps {
  month: string
}

/** One line: the board's value, days and status for the month. */
export function TargetsCrossCheck({ month }: TargetsCrossCheckProps) {
  const { t } = useI18n()
  const [x, setX] = useState<{ target: TargetView; days: number }>()
  useEffect(() => {
    const span = monthDays(month)
    if (!span) return
    const ctl = new AbortController()
    const at = Math.min(cstDayStart(span.last + 1) - 1, Date.now())
    api
      .targets('month', at, ctl.signal)
      .then((b) => {
        const target = b.targets.find((y) => y.id === 'air-good-days')
        if (target) setX({ target, days: b.period.completedDays })
      })
      .catch(() => setX(undefined))
    return () => ctl.abort()
  }, [month])
  if (!x) return null
  const d = x.target.detail ?? {}
  return (
    <div className="muted small" data-testid="targets-cross-check">
      {t('badDays.crossCheck', {
        good: d.goodDays ?? '—',
        valid: d.validDays ?? '—',
        days: x.days,
        pct: x.target.value === null ? '—' : x.target.value.toFixed(1),
      })}
    </div>
  )
}
