/**
 * Station administration: the registry with live status and whether credentials were issued; add,
 * edit, remove; issue credentials (the password is shown once). The live map picks changes up
 * through a registry reload.
 */
import { useMemo, useState } from 'react'
import { ApiError } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { IssuedCredentials } from '../data/admin-types'
import { reloadStations, stationStore } from '../data/live'
import { reportError } from '../data/notices'
import { useI18n } from '../i18n/use-i18n'
import { searchStations } from '../map/filters'
import { routeHref } from '../shell/route'
import { kindLabel, stationName, townName } from '../ui/labels'
import { CredentialsDialog } from './credentials-dialog'
import { StationFormPanel } from './station-form'
import { EMPTY_STATION_FORM, stationToForm, type StationForm } from './station-form-model'
import { useAdminLoad } from './use-admin-load'

const MAX_ROWS = 300

/** The stations section. */
export function StationsAdmin() {
  const { t, lang } = useI18n()
  const list = useAdminLoad(() => adminApi.stations(), 'GET /api/admin/stations')
  const [q, setQ] = useState('')
  const [form, setForm] = useState<{ initial: StationForm; editing: boolean }>()
  const [creds, setCreds] = useState<IssuedCredentials>()
  const stations = list.data?.stations ?? []
  const shown = useMemo(() => searchStations(stations, q), [stations, q])
  const issue = async (id: string, had: boolean) => {
    if (had && !window.confirm(t('admin.creds.replace', { id }))) return
    try {
      setCreds(await adminApi.issueCredentials(id))
      list.reload()
    } catch (e) {
      reportError(e, `POST /api/admin/stations/${id}/credentials`)
    }
  }
  const remove = async (id: string) => {
    if (!window.confirm(t('admin.st.confirmDelete', { id }))) return
    try {
      await adminApi.deleteStation(id)
      list.reload()
      void reloadStations()
    } catch (e) {
      reportError(e instanceof ApiError ? e : new Error(String(e)), `DELETE /api/admin/stations/${id}`)
    }
  }
  return (
    <section className="admin-section" aria-labelledby="adm-st-h">
      <div className="admin-bar">
        <h2 id="adm-st-h">{t('admin.stations')}</h2>
        <span className="muted small">{t('admin.count', { n: stations.length })}</span>
        <input
          className="input"
          type="search"
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => setForm({ initial: EMPTY_STATION_FORM, editing: false })}
          data-testid="station-add"
        >
          {t('admin.st.add')}
        </button>
      </div>
      {form && (
        <StationFormPanel
          key={`${form.initial.id}|${form.editing}`}
          initial={form.initial}
          editing={form.editing}
          onCancel={() => setForm(undefined)}
          onSaved={() => {
            setForm(undefined)
            list.reload()
            void reloadStations()
          }}
        />
      )}
      {list.error && <p className="form-error">{list.error}</p>}
      <div className="table-wrap">
        <table className="data-table" data-testid="stations-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.st.id')}</th>
              <th scope="col">{t('alerts.station')}</th>
              <th scope="col">{t('station.kind')}</th>
              <th scope="col">{t('station.town')}</th>
              <th scope="col">{t('station.status')}</th>
              <th scope="col">{t('admin.st.credentials')}</th>
              <th scope="col">{t('alerts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, MAX_ROWS).map((s) => {
              const live = stationStore.get(s.id)
              return (
                <tr key={s.id} data-station-id={s.id}>
                  <td className="mono">{s.id}</td>
                  <td>
                    <a href={routeHref({ view: 'station', stationId: s.id })}>{stationName(s, lang)}</a>
                    <div className="cell-sub">{lang === 'zh' ? s.nameEn : s.nameZh}</div>
                  </td>
                  <td>{kindLabel(s.kind, t)}</td>
                  <td>{townName(s, lang)}</td>
                  <td>{live ? <span className={`status-pill status-${live.status}`}>{t(`status.${live.status}`)}</span> : '—'}</td>
                  <td>{s.hasCredentials ? t('admin.st.hasCreds') : <span className="muted">{t('admin.st.noCreds')}</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setForm({ initial: stationToForm(s), editing: true })}>
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void issue(s.id, s.hasCredentials)}
                      data-testid="issue-credentials"
                    >
                      {t('admin.st.issue')}
                    </button>
                    <button type="button" className="btn btn-small btn-quiet" onClick={() => void remove(s.id)}>
                      {t('admin.delete')}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {shown.length > MAX_ROWS && <p className="muted small">{t('search.more', { n: shown.length - MAX_ROWS })}</p>}
      </div>
      <CredentialsDialog creds={creds} onClose={() => setCreds(undefined)} />
    </section>
  )
}
