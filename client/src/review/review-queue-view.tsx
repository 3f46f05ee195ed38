/**
 * The review queue (`#/review`, issue 13): station-days of the last week that still need a
 * reviewer (flagged, invalid or missing data, unreviewed exceedances), newest first, each linking
 * to the station's page where it is marked and signed off.
 */
import { useEffect, useState } from 'react'
import type { QueueResponse } from '../../../shared/src/protocol/http/review'
import { canAnalyze, useSession } from '../auth/session'
import { ApiError } from '../data/api'
import { useStationList } from '../data/hooks'
import { reviewApi } from '../data/review-api'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'

/** The queue page. */
export function ReviewQueueView() {
  const { t, lang } = useI18n()
  const session = useSession()
  const stations = useStationList()
  const [q, setQ] = useState<QueueResponse>()
  const [error, setError] = useState<string>()
  const allowed = canAnalyze(session)
  useEffect(() => {
    if (!allowed) return
    const ctl = new AbortController()
    reviewApi
      .queue({}, ctl.signal)
      .then(setQ)
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof ApiError ? e.message : String(e))
      })
    return () => ctl.abort()
  }, [allowed])
  const name = (id: string) => {
    const s = stations.find((x) => x.id === id)
    return s ? (lang === 'zh' ? s.name : s.nameEn || s.name) : id
  }
  return (
    <div className="page review-queue" data-testid="review-queue">
      <div className="page-head">
        <h1>{t('review.queue.title')}</h1>
        {q && (
          <span className="muted small">
            {q.from} – {q.to}
          </span>
        )}
      </div>
      {!allowed ? (
        <p className="muted">{t('review.queue.reviewerOnly')}</p>
      ) : error ? (
        <p className="review-error" role="alert">
          {error}
        </p>
      ) : !q ? (
        <p className="muted">{t('review.queue.loading')}</p>
      ) : q.items.length === 0 ? (
        <p className="muted">{t('review.queue.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('review.queue.day')}</th>
              <th>{t('review.queue.station')}</th>
              <th>{t('review.queue.why')}</th>
            </tr>
          </thead>
          <tbody>
            {q.items.map((x) => (
              <tr key={`${x.stationId}|${x.day}`} data-testid="queue-item">
                <td>{x.day}</td>
                <td>
                  <a href={routeHref({ view: 'station', stationId: x.stationId })}>{name(x.stationId)}</a>{' '}
                  <span className="muted">{x.stationId}</span>
                </td>
                <td>
                  {x.reasons
                    .map((r) =>
                      t(`review.queue.reason.${r}`, {
                        n:
                          r === 'flagged'
                            ? x.flaggedHours
                            : r === 'invalid'
                              ? x.invalidMarks
                              : r === 'missing'
                                ? x.missingHours
                                : x.exceedances,
                      }),
                    )
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
