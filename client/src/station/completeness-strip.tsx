/**
 * A station's data completeness over the last 7 days: one row per CST day, one cell per hour,
 * coloured by the hour's valid-data rate (GET /api/completeness, hourly). Clicking an hour opens its
 * counts per metric (expected, received, valid), which says at once whether the logger was silent
 * (nothing received) or its analysers flagged the data (received, not valid). Refreshed every 5 min.
 */
import { useEffect, useState } from 'react'
import type { CompletenessBody, CompletenessBucketBody } from '../../../shared/src/protocol/http/completeness'
import { api } from '../data/api'
import type { StationView } from '../data/api-types'
import { useI18n } from '../i18n/use-i18n'
import { metricLabel } from '../ui/labels'
import { dayRows, formatRate, rateClass } from './completeness-model'

const HOUR = 3_600_000
const REFRESH_MS = 5 * 60_000

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; body: CompletenessBody }

/** Props of {@link CompletenessStrip}. */
export interface CompletenessStripProps {
  station: StationView
  /** While true the first request waits: the page's trend loads first (issue 16, station-body.tsx). */
  defer?: boolean
}

/** The strip and, when an hour is picked, its counts. */
export function CompletenessStrip({ station: s, defer = false }: CompletenessStripProps) {
  const { t, lang } = useI18n()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [picked, setPicked] = useState<CompletenessBucketBody>()
  useEffect(() => {
    setPicked(undefined)
    if (defer) return
    let ctl: AbortController | undefined
    const run = () => {
      ctl?.abort()
      ctl = new AbortController()
      const now = Date.now()
      // 7 × 24 whole hours ending with the hour in progress (a viewer may read 7 days).
      const from = Math.floor(now / HOUR) * HOUR - 167 * HOUR
      api
        .completeness({ station: s.id, from, to: now, every: '1h' }, ctl.signal)
        .then((body) => setLoad({ state: 'ready', body }))
        .catch((e: Error) => e.name !== 'AbortError' && setLoad({ state: 'error', message: e.message }))
    }
    run()
    const timer = setInterval(run, REFRESH_MS)
    return () => {
      clearInterval(timer)
      ctl?.abort()
    }
  }, [s.id, defer])
  const st = load.state === 'ready' ? load.body.stations[0] : undefined
  return (
    <section className="completeness" aria-labelledby="cmp-h" data-testid="completeness-strip">
      <div className="trend-head">
        <h3 id="cmp-h">{t('cmp.title')}</h3>
        {st && (
          <span className="muted small" data-testid="completeness-summary">
            {t('cmp.summary', { tx: formatRate(st.total.transmission), valid: formatRate(st.total.validRate) })}
          </span>
        )}
      </div>
      {load.state === 'loading' && <p className="muted small">{t('cmp.loading')}</p>}
      {load.state === 'error' && <p className="error-text small">{t('cmp.error', { message: load.message })}</p>}
      {st && (
        <div className="cmp-grid" role="group" aria-label={t('cmp.title')}>
          {dayRows(st.buckets).map((row) => (
            <div className="cmp-row" key={row.day}>
              <span className="cmp-day muted small">{row.day.slice(5)}</span>
              {row.hours.map((b, h) =>
                b ? (
                  <button
                    key={h}
                    type="button"
                    className={`cmp-cell cmp-${rateClass(b.validRate)}`}
                    data-rate={b.validRate ?? ''}
                    data-from={b.from}
                    aria-pressed={picked?.from === b.from}
                    title={t('cmp.cell', {
                      time: `${row.day} ${String(h).padStart(2, '0')}:00`,
                      valid: formatRate(b.validRate),
                      tx: formatRate(b.transmission),
                    })}
                    aria-label={t('cmp.cell', {
                      time: `${row.day} ${String(h).padStart(2, '0')}:00`,
                      valid: formatRate(b.validRate),
                      tx: formatRate(b.transmission),
                    })}
                    onClick={() => setPicked(picked?.from === b.from ? undefined : b)}
                  />
                ) : (
                  <span key={h} className="cmp-cell cmp-out" aria-hidden="true" />
                ),
              )}
            </div>
          ))}
          <div className="cmp-legend muted small" aria-hidden="true">
            {(['full', 'some', 'none', 'na'] as const).map((c) => (
              <span key={c}>
                <span className={`cmp-cell cmp-${c}`} /> {t(`cmp.legend.${c}`)}
              </span>
            ))}
          </div>
        </div>
      )}
      {st && picked && (
        <div className="cmp-hour" data-testid="completeness-hour">
          <div className="trend-head">
            <strong>{t('cmp.hour', { time: picked.from.slice(0, 16).replace('T', ' ') })}</strong>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setPicked(undefined)}>
              {t('cmp.close')}
            </button>
          </div>
          <table className="data-table small">
            <thead>
              <tr>
                <th scope="col">{t('cmp.metric')}</th>
                <th scope="col">{t('cmp.expected')}</th>
                <th scope="col">{t('cmp.received')}</th>
                <th scope="col">{t('cmp.valid')}</th>
                <th scope="col">{t('cmp.validRate')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(picked.metrics ?? {}).map(([m, x]) => (
                <tr key={m} data-metric={m}>
                  <th scope="row">{metricLabel(s.kind, m, lang, t)}</th>
                  <td className="num">{x.expected}</td>
                  <td className="num">{x.received}</td>
                  <td className="num">{x.valid}</td>
                  <td className="num">{formatRate(x.validRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('cmp.note')}</p>
        </div>
      )}
    </section>
  )
}
