/**
 * Dead letters: exact counts by reason (rejections and accepted-with-warning apart) and by station
 * since counting began (kept across restarts; a count filters the list), and the kept letters (the
 * last few of each reason and station), filterable by reason (asked of the server, so a flood of one
 * reason cannot hide another), station or topic, and transport, each with its payload decoded for
 * display. Refreshed every 10 s while open.
 */
import { useMemo, useState } from 'react'
import { useI18n } from '../i18n/use-i18n'
import { formatCstDateTime, formatCstTime } from '../time/cst'
import { DeadLetterRow } from './dead-letter-row'
import {
  ALL_DEAD_LETTERS,
  deadLetterKeys,
  filterDeadLetters,
  parseReasonFilter,
  reasonFilterValue,
  reasonOptions,
  splitReasonCounts,
  topStations,
  type DeadLetterFilter,
  type ReasonCount,
} from './dead-letter-model'
import { reasonLabel } from './reason-label'
import { useDeadLetters } from './use-dead-letters'

const LIMITS = [100, 200, 500] as const
/** Stations shown with their counts. */
const TOP_STATIONS = 12

/** The dead letters section. */
export function DeadLettersAdmin() {
  const { t } = useI18n()
  const [limit, setLimit] = useState<number>(LIMITS[0])
  const [filter, setFilter] = useState<DeadLetterFilter>(ALL_DEAD_LETTERS)
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const dl = useDeadLetters(limit, typeof filter.reason === 'object' ? filter.reason.reason : undefined)
  const recent = dl.data?.recent ?? []
  const byReason = dl.data?.byReason ?? {}
  const counts = useMemo(() => splitReasonCounts(byReason), [dl.data])
  const options = useMemo(() => reasonOptions(byReason, recent), [dl.data])
  const stations = useMemo(() => topStations(dl.data?.byStation ?? {}, TOP_STATIONS), [dl.data])
  const keys = useMemo(() => deadLetterKeys(recent), [recent])
  const shown = useMemo(() => {
    const pass = new Set(filterDeadLetters(recent, filter))
    return recent.map((d, i) => ({ d, key: keys[i]! })).filter((x) => pass.has(x.d))
  }, [recent, keys, filter])
  const set = (patch: Partial<DeadLetterFilter>) => setFilter((f) => ({ ...f, ...patch }))
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o)
      if (!next.delete(key)) next.add(key)
      return next
    })
  const chips = (list: ReasonCount[], warning: boolean) =>
    list.length === 0 ? (
      <span className="muted small">{t('admin.dl.noneCounted')}</span>
    ) : (
      list.map((c) => {
        const on = typeof filter.reason === 'object' && filter.reason.reason === c.reason
        return (
          <button
            key={c.reason}
            type="button"
            className={`chip ${warning ? 'dl-chip-warning' : 'dl-chip-reject'}`}
            aria-pressed={on}
            data-reason={c.reason}
            data-count={c.count}
            title={c.reason}
            onClick={() => set({ reason: on ? 'all' : { reason: c.reason } })}
          >
            {reasonLabel(c.reason, t)} <strong className="num">{c.count}</strong>
          </button>
        )
      })
    )

  return (
    <section className="admin-section" aria-labelledby="adm-dl-h">
      <div className="admin-bar">
        <h2 id="adm-dl-h">{t('admin.deadletters')}</h2>
        {dl.data && (
          <span className="muted small">{t('admin.dl.total', { n: dl.data.total, since: formatCstDateTime(dl.data.since) })}</span>
        )}
        {dl.data && dl.data.unsampled > 0 && (
          <span className="muted small" data-testid="deadletters-unsampled">
            {t('admin.dl.unsampled', { n: dl.data.unsampled })}
          </span>
        )}
        <span className="dl-refresh">
          <span className="muted small">
            {t('admin.dl.auto')}
            {dl.updatedAt !== undefined && ` · ${t('admin.dl.updated', { time: formatCstTime(dl.updatedAt) })}`}
          </span>
          <button type="button" className="btn btn-small" onClick={dl.reload} disabled={dl.loading} data-testid="deadletters-refresh">
            {t('admin.dl.refresh')}
          </button>
        </span>
      </div>
      <p className="muted small">{t('admin.dl.intro')}</p>
      {dl.error && <p className="form-error">{dl.error}</p>}
      <div className="card dl-counts" data-testid="deadletters-counts" data-total={dl.data?.total ?? ''}>
        <div className="dl-count-group" data-group="rejected">
          <h3>
            {t('admin.dl.rejected')} <span className="num">{counts.rejectedTotal}</span>
          </h3>
          <div className="chip-group">{chips(counts.rejected, false)}</div>
        </div>
        <div className="dl-count-group" data-group="warnings">
          <h3>
            {t('admin.dl.warnings')} <span className="num">{counts.warningTotal}</span>
          </h3>
          <div className="chip-group">{chips(counts.warnings, true)}</div>
        </div>
        <div className="dl-count-group" data-group="stations" data-testid="deadletters-stations">
          <h3>{t('admin.dl.byStation')}</h3>
          <div className="chip-group">
            {stations.length === 0 && <span className="muted small">{t('admin.dl.noneCounted')}</span>}
            {stations.map((c) => {
              // `_`: letters that name no station; `(other)`: stations beyond the counted ones. Neither filters.
              const real = c.stationId !== '_' && c.stationId !== '(other)'
              const on = real && filter.station === c.stationId
              return (
                <button
                  key={c.stationId}
                  type="button"
                  className="chip"
                  aria-pressed={on}
                  disabled={!real}
                  data-station={c.stationId}
                  data-count={c.count}
                  title={Object.entries(dl.data?.byStationReason[c.stationId] ?? {})
                    .map(([r, n]) => `${r}: ${n}`)
                    .join(', ')}
                  onClick={() => set({ station: on ? '' : c.stationId })}
                >
                  {c.stationId === '_' ? t('admin.dl.noStation') : c.stationId} <strong className="num">{c.count}</strong>
                </button>
              )
            })}
          </div>
        </div>
      </div>
      <div className="filter-fields dl-filter">
        <label className="field-inline">
          <span>{t('admin.dl.reason')}</span>
          <select
            className="input"
            value={reasonFilterValue(filter.reason)}
            onChange={(e) => set({ reason: parseReasonFilter(e.target.value) })}
            data-testid="deadletters-reason"
          >
            <option value="all">{t('admin.dl.allReasons')}</option>
            <option value="rejected">{t('admin.dl.allRejected')}</option>
            <option value="warnings">{t('admin.dl.allWarnings')}</option>
            {options.map((r) => (
              <option key={r} value={reasonFilterValue({ reason: r })}>{`${reasonLabel(r, t)} (${r})`}</option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t('admin.dl.station')}</span>
          <input
            className="input"
            type="search"
            value={filter.station}
            onChange={(e) => set({ station: e.target.value })}
            placeholder="DG-AIR-01"
            data-testid="deadletters-station"
          />
        </label>
        <label className="field-inline">
          <span>{t('admin.dl.via')}</span>
          <select
            className="input"
            value={filter.via}
            onChange={(e) => set({ via: e.target.value as DeadLetterFilter['via'] })}
            data-testid="deadletters-via"
          >
            <option value="all">{t('admin.dl.viaAll')}</option>
            <option value="mqtt">MQTT</option>
            <option value="tcp">HJ 212 TCP</option>
          </select>
        </label>
        <label className="field-inline">
          <select
            className="input"
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value))}
            aria-label={t('admin.dl.latest', { n: limit })}
          >
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {t('admin.dl.latest', { n })}
              </option>
            ))}
          </select>
        </label>
        {dl.data && <span className="muted small">{t('admin.dl.shown', { shown: shown.length, total: recent.length })}</span>}
      </div>
      {dl.data && recent.length === 0 && <p className="empty-state">{t('admin.dl.none')}</p>}
      {recent.length > 0 && shown.length === 0 && <p className="empty-state">{t('admin.dl.empty')}</p>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="data-table dl-table" data-testid="deadletters-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.dl.time')}</th>
                <th scope="col">{t('admin.dl.reason')}</th>
                <th scope="col">{t('admin.dl.source')}</th>
                <th scope="col">{t('admin.dl.via')}</th>
                <th scope="col">{t('admin.dl.message')}</th>
                <th scope="col">{t('admin.dl.payload')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ d, key }) => (
                <DeadLetterRow key={key} letter={d} open={open.has(key)} onToggle={() => toggle(key)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
