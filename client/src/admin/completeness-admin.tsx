/**
 * Data completeness of every station (`#/admin/completeness`): expected, received and valid
 * readings over the last day, 7 or 30 days, with the transmission and valid-data rates, worst
 * station first (the server sorts), filterable by kind and town, and the same figures as CSV.
 */
import { useEffect, useState } from 'react'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import type { CompletenessBody } from '../../../shared/src/protocol/http/completeness'
import { api, type CompletenessQuery } from '../data/api'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { routeHref } from '../shell/route'
import { formatRate, rateClass } from '../station/completeness-model'
import { kindLabel, stationName, townName } from '../ui/labels'
import { useTownNames } from './use-town-names'

const DAY = 86_400_000
const RANGES = [1, 7, 30] as const

/** The completeness section. */
export function CompletenessAdmin() {
  const { t, lang } = useI18n()
  const towns = useTownNames()
  const [kind, setKind] = useState('')
  const [town, setTown] = useState('')
  const [days, setDays] = useState<(typeof RANGES)[number]>(7)
  const [body, setBody] = useState<CompletenessBody>()
  const [error, setError] = useState<string>()
  const [to] = useState(() => Date.now())
  const q: CompletenessQuery = { from: to - days * DAY, to, every: '1d', ...(kind ? { kind } : {}), ...(town ? { town } : {}) }
  useEffect(() => {
    const ctl = new AbortController()
    setError(undefined)
    api
      .completeness(q, ctl.signal)
      .then(setBody)
      .catch((e: Error) => e.name !== 'AbortError' && setError(e.message))
    return () => ctl.abort()
  }, [kind, town, days])
  return (
    <section className="admin-section" aria-labelledby="adm-cmp-h" data-testid="completeness-admin">
      <div className="admin-bar">
        <h2 id="adm-cmp-h">{t('admin.completeness')}</h2>
        {body && <span className="muted small">{t('cmp.count', { n: body.stations.length })}</span>}
        <label className="field-inline">
          <span>{t('cmp.kind')}</span>
          <select className="input" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="cmp-kind">
            <option value="">{t('cmp.all')}</option>
            {STATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('cmp.town')}</span>
          <select className="input" value={town} onChange={(e) => setTown(e.target.value)} data-testid="cmp-town">
            <option value="">{t('cmp.all')}</option>
            {towns.map((x) => (
              <option key={x.name} value={x.name}>
                {lang === 'en' ? x.nameEn : x.name}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label={t('cmp.range')}>
          {RANGES.map((d) => (
            <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>
              {t(`cmp.range.${d}` as MessageKey)}
            </button>
          ))}
        </div>
        <a className="btn btn-quiet btn-small" href={api.completenessCsvUrl(q)} download data-testid="cmp-csv">
          {t('cmp.csv')}
        </a>
      </div>
      {error && <p className="form-error">{t('cmp.error', { message: error })}</p>}
      {body && body.stations.length === 0 && <p className="muted">{t('cmp.none')}</p>}
      {body && body.stations.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="completeness-table">
            <thead>
              <tr>
                <th scope="col">{t('cmp.station')}</th>
                <th scope="col">{t('cmp.kind')}</th>
                <th scope="col">{t('cmp.town')}</th>
                <th scope="col" className="num">
                  {t('cmp.expected')}
                </th>
                <th scope="col" className="num">
                  {t('cmp.received')}
                </th>
                <th scope="col" className="num">
                  {t('cmp.valid')}
                </th>
                <th scope="col" className="num">
                  {t('cmp.tx')}
                </th>
                <th scope="col" className="num">
                  {t('cmp.validRate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {body.stations.map((s) => (
                <tr key={s.stationId} data-station-id={s.stationId} data-valid-rate={s.total.validRate ?? ''}>
                  <td>
                    <a href={routeHref({ view: 'station', stationId: s.stationId })}>{stationName(s, lang)}</a>
                    <div className="cell-sub mono">{s.stationId}</div>
                  </td>
                  <td>{kindLabel(s.kind, t)}</td>
                  <td>{townName(s, lang)}</td>
                  <td className="num">{s.total.expected}</td>
                  <td className="num">{s.total.received}</td>
                  <td className="num">{s.total.valid}</td>
                  <td className="num">{formatRate(s.total.transmission)}</td>
                  <td className="num">
                    <span className={`cmp-cell cmp-${rateClass(s.total.validRate)}`} aria-hidden="true" /> {formatRate(s.total.validRate)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('cmp.total')}
                </th>
                <td className="num">{body.total.expected}</td>
                <td className="num">{body.total.received}</td>
                <td className="num">{body.total.valid}</td>
                <td className="num">{formatRate(body.total.transmission)}</td>
                <td className="num">{formatRate(body.total.validRate)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted small">{t('cmp.note')}</p>
        </div>
      )}
    </section>
  )
}
