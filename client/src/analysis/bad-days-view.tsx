/**
 * Bad air days by town (`#/trends/bad-days[/YYYY-MM]`): answers "which towns drove last month's bad
 * air days". For the chosen month (default: last month, CST): the city's bad days, a ranked bar
 * chart of towns by bad days (stacked by level), a day-by-town heatmap, and the table (with a CSV
 * download), all computed in the browser from the stations' hourly means. Analyst role.
 */
import { useEffect, useMemo } from 'react'
import { canAnalyze, useSession } from '../auth/session'
import { useStationList } from '../data/hooks'
import { reloadStations } from '../data/live'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { navigate } from '../shell/route'
import { AnalysisTabs } from '../trends/analysis-tabs'
import { downloadBlob } from '../trends/export-png'
import { metricLabel } from '../ui/labels'
import { currentMonth, previousMonth } from './month'
import { TargetsCrossCheck } from './targets-cross-check'
import { TownBarChart } from './town-bar-chart'
import { TownHeatmap } from './town-heatmap'
import { townRows, townRowsCsv } from './town-table'
import { useBadDays } from './use-bad-days'

/** Props of {@link BadDaysView}. */
export interface BadDaysViewProps {
  month?: string
}

/** The analysis page. */
export function BadDaysView({ month: asked }: BadDaysViewProps) {
  const { t, lang } = useI18n()
  const session = useSession()
  const analyst = canAnalyze(session)
  const all = useStationList()
  // The analysis must count every air station, including one registered since the page loaded.
  useEffect(() => void reloadStations(), [])
  const air = useMemo(() => all.filter((s) => s.kind === 'air'), [all])
  const month = asked ?? previousMonth(Date.now())
  const s = useBadDays(month, air, analyst)
  const townEn = useMemo(() => new Map(air.map((x) => [x.town, x.townEn ?? x.town])), [air])
  const name = (town: string) => (lang === 'en' ? (townEn.get(town) ?? town) : town)
  const rows = s.state === 'ready' ? townRows(s.result, s.days) : []
  const pct =
    s.state === 'ready' && s.result.cityValidDays > 0
      ? Math.round((1000 * (s.result.cityValidDays - s.result.cityBadDays)) / s.result.cityValidDays) / 10
      : null
  return (
    <div className="page trends-page bad-days-page" data-testid="bad-days-view" data-state={s.state}>
      <AnalysisTabs current="bad-days" />
      <div className="bad-days-head">
        <h1>{t('badDays.heading', { month })}</h1>
        <label className="field-inline">
          <span>{t('badDays.month')}</span>
          <input
            className="input"
            type="month"
            value={month}
            max={currentMonth(Date.now())}
            onChange={(e) => e.target.value && navigate({ view: 'bad-days', month: e.target.value })}
            data-testid="bad-days-month"
          />
        </label>
        {rows.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              downloadBlob(new Blob(['\ufeff', townRowsCsv(rows)], { type: 'text/csv;charset=utf-8' }), `envmon_bad_days_${month}.csv`)
            }
            data-testid="bad-days-csv"
          >
            {t('badDays.csv')}
          </button>
        )}
      </div>
      <p className="muted small">{t('badDays.method')}</p>
      {!analyst && <p className="note-box">{t('badDays.analystOnly')}</p>}
      {s.state === 'loading' && <p className="muted">{t('badDays.loading', { done: s.done, total: s.total })}</p>}
      {s.state === 'error' && <p className="form-error">{s.message}</p>}
      {s.state === 'ready' && (
        <>
          <div className="bad-days-summary card" data-testid="bad-days-summary" data-city-bad={s.result.cityBadDays}>
            <strong>{t('badDays.cityLine', { bad: s.result.cityBadDays, valid: s.result.cityValidDays, days: s.days.length })}</strong>
            {pct !== null && <span> · {t('badDays.goodRatio', { pct })}</span>}
            {s.result.towns[0] && s.result.towns[0].badDays > 0 && (
              <span> · {t('badDays.top', { town: name(s.result.towns[0].town), n: s.result.towns[0].badDays })}</span>
            )}
            {s.failed.length > 0 && <div className="error-text small">{t('badDays.failed', { ids: s.failed.join(', ') })}</div>}
            <TargetsCrossCheck month={month} />
            {s.result.cityValidDays === 0 && (
              <p className="note-box" data-testid="bad-days-nodata">
                {t('badDays.noData')}
              </p>
            )}
          </div>
          <div className="bad-days-grid">
            <section className="card">
              <h2>{t('badDays.ranking')}</h2>
              <TownBarChart towns={s.result.towns} name={name} />
              <p className="muted small">{t('badDays.chartNote')}</p>
            </section>
            <section className="card heatmap-card">
              <h2>{t('badDays.heatmap')}</h2>
              <TownHeatmap result={s.result} days={s.days} name={name} />
            </section>
          </div>
          <section className="card">
            <h2>{t('badDays.table')}</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="bad-days-table">
                <thead>
                  <tr>
                    {(['rank', 'town', 'stations', 'validDays', 'badDays', 'levels', 'cityOverlap', 'worst', 'pollutant'] as const).map(
                      (c) => (
                        <th key={c} scope="col" className={c === 'town' || c === 'pollutant' ? '' : 'num'}>
                          {t(`badDays.col.${c}` as MessageKey)}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.town} data-town={r.town} data-bad={r.badDays}>
                      <td className="num">{r.rank}</td>
                      <td>{name(r.town)}</td>
                      <td className="num">{r.stations}</td>
                      <td className="num">{r.validDays}</td>
                      <td className="num">
                        <strong>{r.badDays}</strong>
                      </td>
                      <td className="num mono small">{`${r.III}/${r.IV}/${r.V}/${r.VI}`}</td>
                      <td className="num">
                        {r.cityOverlap}
                        {r.overlapPct !== null ? ` (${r.overlapPct}%)` : ''}
                      </td>
                      <td className="num">
                        {r.worstAqi ?? '—'}
                        {r.worstDate ? ` · ${r.worstDate.slice(5)}` : ''}
                      </td>
                      <td>{r.mainPollutant ? metricLabel('air', r.mainPollutant, lang, t) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  )
}
