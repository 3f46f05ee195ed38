/**
 * Sign-off of a station's day or month (issue 13), for reviewers: the period (yesterday by
 * default), sign off, and the station's sign-offs in force with a reopen button. A signed-off day
 * refuses new marks until it is reopened; both acts are recorded.
 */
import { useEffect, useState } from 'react'
import type { StationKind } from '../../../shared/src/domain/station'
import type { SignoffView } from '../../../shared/src/protocol/http/review'
import { reportError } from '../data/notices'
import { reviewApi } from '../data/review-api'
import { reviewErrorText } from './review-error'
import { useSeriesKey } from '../data/review-view'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { yesterdayCst } from './review-model'

/** Props of {@link SignoffBar}. */
export interface SignoffBarProps {
  stationId: string
  kind: StationKind
  onChanged: () => void
}

/** Sign off / reopen one station's days and months. */
export function SignoffBar({ stationId, kind, onChanged }: SignoffBarProps) {
  const { t } = useI18n()
  const [period, setPeriod] = useState(() => yesterdayCst(Date.now()))
  const [list, setList] = useState<readonly SignoffView[]>([])
  const [error, setError] = useState<string>()
  const [info, setInfo] = useState<string>()
  const key = useSeriesKey()
  const [version, setVersion] = useState(0)
  const [wholeKind, setWholeKind] = useState(false)
  useEffect(() => {
    const ctl = new AbortController()
    reviewApi
      .signoffs(ctl.signal)
      .then((r) => setList(r.signoffs.filter((s) => s.stationId === stationId || s.kind === kind)))
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) reportError(e, 'GET /api/review/signoff')
      })
    return () => ctl.abort()
  }, [stationId, kind, key, version])

  const body = (p: string, kindWide: boolean) => ({
    ...(kindWide ? { kind } : { stationId }),
    ...(/^\d{4}-\d{2}$/.test(p) ? { month: p } : { day: p }),
  })
  const act = async (what: 'signoff' | 'reopen', p: string, kindWide: boolean) => {
    setError(undefined)
    setInfo(undefined)
    try {
      if (what === 'signoff') await reviewApi.signoff(body(p.trim(), kindWide))
      else await reviewApi.reopen(body(p, kindWide))
      setInfo(t(what === 'signoff' ? 'review.signedOff' : 'review.reopened', { period: p.trim() }))
      setVersion((n) => n + 1)
      onChanged()
    } catch (e) {
      setError(reviewErrorText(e, t))
    }
  }

  return (
    <div className="review-signoff" data-testid="signoff-bar">
      <h4>{t('review.signoff')}</h4>
      <div className="review-form-row">
        <label className="field">
          <span>{t('review.signoff.period')}</span>
          <input
            className="input"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            name="period"
            placeholder="YYYY-MM-DD / YYYY-MM"
          />
        </label>
        <label className="field-inline">
          <input type="checkbox" checked={wholeKind} onChange={(e) => setWholeKind(e.target.checked)} name="wholeKind" />
          <span>{t('review.signoff.wholeKind', { kind: t(`kind.${kind}` as MessageKey) })}</span>
        </label>
        <button type="button" className="btn btn-small" onClick={() => void act('signoff', period, wholeKind)} data-testid="signoff-submit">
          {t('review.signoff.submit')}
        </button>
      </div>
      {list.length > 0 && (
        <ul className="review-signoffs">
          {list.map((s) => {
            const p = s.day ?? s.month ?? ''
            return (
              <li key={`${s.stationId ?? s.kind}:${p}`} data-testid="signoff">
                <span className="review-chip review-final">{t('review.final')}</span>
                <span>{p}</span>
                <span className="muted">
                  {s.stationId ?? t('review.signoff.kind', { kind: t(`kind.${s.kind ?? kind}` as MessageKey) })} · {s.by}
                </span>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  onClick={() => void act('reopen', p, s.stationId === undefined)}
                  data-testid="signoff-reopen"
                >
                  {t('review.reopen')}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {info && (
        <p className="muted small" role="status">
          {info}
        </p>
      )}
      {error && (
        <p className="review-error" role="alert" data-testid="signoff-error">
          {error}
        </p>
      )}
    </div>
  )
}
