/**
 * Rule administration: pick a station (or all stations, `*`), see its effective rules with what is
 * adjusted and where, adjust one rule in an inline form, reset it to the standard. Changes apply on
 * the server at once; the table shows the rules as the server now applies them.
 */
import { useMemo, useState } from 'react'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import type { RuleOverride } from '../data/admin-types'
import { useStationList } from '../data/hooks'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel, stationName } from '../ui/labels'
import { RuleRowView } from './rule-row'
import { ALL_STATIONS, isOverridden, ruleRows } from './rule-rows'
import { describeOverride, ruleUnit } from './rule-text'
import { useStationRules } from './use-rules'

/** The station last looked at, kept while the page lives (switching tabs comes back to it). */
let lastStation = ''

/** The rules section. */
export function RulesAdmin() {
  const { t, lang } = useI18n()
  const stations = useStationList()
  const [stationId, setStationId] = useState(lastStation)
  const [open, setOpen] = useState<string>()
  const [note, setNote] = useState<{ ruleId: string; text: string }>()
  const data = useStationRules(stationId, stations)
  const all = stationId === ALL_STATIONS
  const station = all ? undefined : stations.find((s) => s.id === stationId)
  const stationLabel = all ? t('admin.r.allStations') : station ? `${stationName(station, lang)} (${station.id})` : stationId
  const rows = useMemo(
    () => ruleRows(data.rules, data.overrides, stationId, station?.kind),
    [data.rules, data.overrides, stationId, station?.kind],
  )
  const byKind = useMemo(
    () => STATION_KINDS.map((k) => ({ kind: k, list: stations.filter((s) => s.kind === k).sort((a, b) => a.id.localeCompare(b.id)) })),
    [stations],
  )

  const pick = (id: string) => {
    lastStation = id
    setStationId(id)
    setOpen(undefined)
    setNote(undefined)
  }
  const titleOf = (ruleId: string) => {
    const r = data.rules.find((x) => x.id === ruleId) ?? data.known.get(ruleId)
    return r ? r.title[lang] : ruleId
  }
  const unitOf = (ruleId: string) => {
    const r = data.rules.find((x) => x.id === ruleId) ?? data.known.get(ruleId)
    return r ? ruleUnit(station?.kind ?? (r.kind === '*' ? 'air' : r.kind), r.metric) : ''
  }
  const save = async (ruleId: string, override: RuleOverride | undefined) => {
    const now = await data.save(ruleId, override)
    setOpen(undefined)
    const rule = titleOf(ruleId)
    setNote({
      ruleId,
      text: now
        ? t('admin.r.saved', { rule, station: stationLabel, what: describeOverride(now, unitOf(ruleId), t) })
        : t('admin.r.savedNone', { rule, station: stationLabel }),
    })
  }
  const reset = async (ruleId: string) => {
    if (!window.confirm(t('admin.r.confirmReset', { rule: titleOf(ruleId), station: stationLabel }))) return
    try {
      await save(ruleId, undefined)
    } catch (e) {
      reportError(e, `PUT /api/admin/rules/${stationId}`)
    }
  }
  const overridden = rows.filter(isOverridden).length

  return (
    <section className="admin-section" aria-labelledby="adm-r-h">
      <div className="admin-bar">
        <h2 id="adm-r-h">{t('admin.rules')}</h2>
        <label className="field-inline">
          <span>{t('admin.r.station')}</span>
          <select className="input" value={stationId} onChange={(e) => pick(e.target.value)} data-testid="rules-station">
            <option value="" disabled>
              {t('admin.r.pick')}
            </option>
            <option value={ALL_STATIONS}>{t('admin.r.allStations')}</option>
            {byKind.map(({ kind, list }) =>
              list.length > 0 ? (
                <optgroup key={kind} label={kindLabel(kind, t)}>
                  {list.map((s) => (
                    <option key={s.id} value={s.id}>{`${s.id} · ${stationName(s, lang)}`}</option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </label>
        {data.state === 'ready' && <span className="muted small">{t('admin.r.count', { n: rows.length, o: overridden })}</span>}
      </div>
      <p className="muted small">{t('admin.r.intro')}</p>
      {!stationId && <p className="empty-state">{t('admin.r.pick')}</p>}
      {all && data.samples.length > 0 && <p className="note-box small">{t('admin.r.allNote', { ids: data.samples.join(', ') })}</p>}
      {data.state === 'loading' && <p className="muted">{t('admin.r.loading')}</p>}
      {data.error && <p className="form-error">{data.error}</p>}
      {note && (
        <p className="note-box" role="status" data-testid="rules-status">
          {note.text}
        </p>
      )}
      {data.state === 'ready' && rows.length === 0 && <p className="empty-state">{t('admin.r.none')}</p>}
      {data.state === 'ready' && rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table rules-table" data-testid="rules-table" data-station-id={stationId}>
            <thead>
              <tr>
                <th scope="col">{t('admin.r.rule')}</th>
                <th scope="col">{t('admin.r.metricWindow')}</th>
                <th scope="col">{t('admin.r.limit')}</th>
                <th scope="col">{t('admin.r.clear')}</th>
                <th scope="col">{t('admin.r.severity')}</th>
                <th scope="col">{t('admin.r.durationCount')}</th>
                <th scope="col">{t('admin.r.override')}</th>
                <th scope="col">{t('alerts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RuleRowView
                  key={`${stationId}|${row.id}`}
                  row={row}
                  known={data.known.get(row.id)}
                  kind={station?.kind}
                  all={all}
                  stationLabel={stationLabel}
                  open={open === row.id}
                  saved={note?.ruleId === row.id}
                  onToggle={() => setOpen((o) => (o === row.id ? undefined : row.id))}
                  onSave={(o) => save(row.id, o)}
                  onReset={() => void reset(row.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
