/**
 * Add or edit a station: identity and names, kind, coordinates, town (from the boundary, which
 * fills the English name), reporting interval, the standard class and the kind's own fields (water:
 * body and class method; energy: quota, electricity basis and a factor with its source per carrier),
 * HJ 212 MN and a note. Wrong fields are named before anything is sent; the server's refusal is shown
 * as is.
 */
import { useState } from 'react'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import { DEFAULT_KGCE_FACTORS, ENERGY_CARRIERS, type EnergyCarrier } from '../../../shared/src/standards/energy-conversion'
import { formatFactor } from '../../../shared/src/standards/energy-factors'
import { ApiError } from '../data/api'
import { adminApi } from '../data/admin-api'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { kindLabel, metricLabel } from '../ui/labels'
import { formToStation, type FactorForm, type FormErrors, type StationForm } from './station-form-model'
import { useTownNames } from './use-town-names'

/** Props of {@link StationFormPanel}. */
export interface StationFormPanelProps {
  initial: StationForm
  editing: boolean
  onSaved: (id: string) => void
  onCancel: () => void
}

/** The form. */
export function StationFormPanel({ initial, editing, onSaved, onCancel }: StationFormPanelProps) {
  const { t, lang } = useI18n()
  const towns = useTownNames()
  const [f, setF] = useState<StationForm>(initial)
  const [errors, setErrors] = useState<FormErrors>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof StationForm>(k: K, v: StationForm[K]) => setF((x) => ({ ...x, [k]: v }))
  const setFactor = (c: EnergyCarrier, k: keyof FactorForm, v: string) =>
    setF((x) => ({ ...x, factors: { ...x.factors, [c]: { ...x.factors[c], [k]: v } } }))
  const fieldError = (why: 'required' | 'invalid' | undefined) =>
    why && <span className="error-text small">{t(`admin.err.${why}` as MessageKey)}</span>
  const factorRow = (c: EnergyCarrier) => {
    const d = DEFAULT_KGCE_FACTORS[c]
    const placeholder = c === 'elec_kwh' && f.energyBasis === 'equal-value' ? '0.30' : formatFactor(d.factor)
    return (
      <div key={c} className="factor-row" data-carrier={c}>
        <label className="field">
          <span>
            {metricLabel('energy', c, lang, t)} ({d.unit})
          </span>
          <input
            className="input"
            name={`factor.${c}`}
            inputMode="decimal"
            placeholder={placeholder}
            value={f.factors[c].kgce}
            onChange={(e) => setFactor(c, 'kgce', e.target.value)}
            aria-invalid={!!errors[`factor.${c}`]}
          />
          {fieldError(errors[`factor.${c}`])}
          {d.alternative && <span className="muted small">{t('admin.st.factorAlt', { v: formatFactor(d.alternative.factor) })}</span>}
        </label>
        <label className="field factor-source">
          <span>{t('admin.st.factorSource')}</span>
          <input
            className="input"
            name={`factorSource.${c}`}
            maxLength={200}
            placeholder={t('admin.st.factorDefault')}
            value={f.factors[c].source}
            onChange={(e) => setFactor(c, 'source', e.target.value)}
            aria-invalid={!!errors[`factorSource.${c}`]}
          />
          {fieldError(errors[`factorSource.${c}`])}
        </label>
      </div>
    )
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const r = formToStation(f)
    if (!r.ok) return setErrors(r.errors)
    setErrors({})
    setBusy(true)
    setError(undefined)
    try {
      await adminApi.putStation(r.id, r.body)
      onSaved(r.id)
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err))
    } finally {
      setBusy(false)
    }
  }
  const field = (k: keyof StationForm, label: MessageKey, input: React.ReactNode, wide = false) => (
    <label className={`field${wide ? ' field-wide' : ''}`}>
      <span>{t(label)}</span>
      {input}
      {errors[k] && <span className="error-text small">{t(`admin.err.${errors[k]}` as MessageKey)}</span>}
    </label>
  )
  const text = (k: keyof StationForm, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      className="input"
      name={k}
      value={String(f[k])}
      onChange={(e) => set(k, e.target.value as never)}
      aria-invalid={!!errors[k]}
      {...extra}
    />
  )
  return (
    <form className="card admin-form" onSubmit={submit} data-testid="station-form" aria-labelledby="station-form-h">
      <h2 id="station-form-h">{editing ? t('admin.st.edit', { id: f.id }) : t('admin.st.add')}</h2>
      <div className="form-grid">
        {field('id', 'admin.st.id', text('id', { readOnly: editing, placeholder: 'DG-AIR-41' }))}
        {field(
          'kind',
          'station.kind',
          <select className="input" name="kind" value={f.kind} onChange={(e) => set('kind', e.target.value as StationForm['kind'])}>
            {STATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, t)}
              </option>
            ))}
          </select>,
        )}
        {field('nameZh', 'admin.st.nameZh', text('nameZh'))}
        {field('nameEn', 'admin.st.nameEn', text('nameEn'))}
        {field('lon', 'admin.st.lon', text('lon', { inputMode: 'decimal', placeholder: '113.75' }))}
        {field('lat', 'admin.st.lat', text('lat', { inputMode: 'decimal', placeholder: '23.02' }))}
        {field(
          'town',
          'station.town',
          text('town', { list: 'admin-towns', onBlur: () => set('townEn', towns.find((x) => x.name === f.town)?.nameEn ?? f.townEn) }),
        )}
        {field('townEn', 'admin.st.townEn', text('townEn'))}
        {field('intervalSec', 'admin.st.interval', text('intervalSec', { inputMode: 'numeric' }))}
        {field(
          'standardClass',
          'admin.st.class',
          text('standardClass', {
            placeholder: f.kind === 'air' ? 'II' : f.kind === 'water' ? 'III' : f.kind === 'wastewater' ? '1A' : '',
          }),
        )}
        {f.kind === 'water' &&
          field(
            'waterBody',
            'admin.st.waterBody',
            <select
              className="input"
              name="waterBody"
              value={f.waterBody}
              onChange={(e) => set('waterBody', e.target.value as StationForm['waterBody'])}
            >
              <option value="">—</option>
              <option value="river">{t('admin.st.river')}</option>
              <option value="lake">{t('admin.st.lake')}</option>
            </select>,
          )}
        {f.kind === 'water' &&
          field(
            'waterClassMethod',
            'admin.st.classMethod',
            <select
              className="input"
              name="waterClassMethod"
              value={f.waterClassMethod}
              onChange={(e) => set('waterClassMethod', e.target.value as StationForm['waterClassMethod'])}
            >
              <option value="">{t('admin.st.classMethod.assessment')}</option>
              <option value="all-items">{t('admin.st.classMethod.allItems')}</option>
            </select>,
          )}
        {f.kind === 'wastewater' && field('builtDate', 'admin.st.built', text('builtDate', { type: 'date' }))}
        {f.kind === 'wastewater' && field('capacityM3d', 'admin.st.capacity', text('capacityM3d', { inputMode: 'numeric' }))}
        {f.kind === 'energy' && field('quotaTce', 'admin.st.quota', text('quotaTce', { inputMode: 'decimal' }))}
        {f.kind === 'energy' &&
          field(
            'energyBasis',
            'admin.st.energyBasis',
            <select
              className="input"
              name="energyBasis"
              value={f.energyBasis}
              onChange={(e) => set('energyBasis', e.target.value as StationForm['energyBasis'])}
            >
              <option value="equivalent">{t('admin.st.basis.equivalent')}</option>
              <option value="equal-value">{t('admin.st.basis.equalValue')}</option>
            </select>,
          )}
        {f.kind === 'energy' && (
          <fieldset className="field-wide factor-set" data-testid="energy-factors">
            <legend>{t('admin.st.factors')}</legend>
            <p className="muted small">{t('admin.st.factorsHint')}</p>
            {ENERGY_CARRIERS.map(factorRow)}
            {errors.energy && (
              <p className="form-error" role="alert">
                {errors.energy}
              </p>
            )}
          </fieldset>
        )}
        {field('mn', 'admin.st.mn', text('mn'))}
        <label className="check field">
          <input type="checkbox" checked={f.approx} onChange={(e) => set('approx', e.target.checked)} /> {t('station.approx')}
        </label>
        <label className="check field">
          <input type="checkbox" checked={f.keySource} onChange={(e) => set('keySource', e.target.checked)} /> {t('admin.st.keySource')}
        </label>
        {field(
          'note',
          'station.note',
          <textarea className="input" name="note" rows={2} value={f.note} onChange={(e) => set('note', e.target.value)} />,
          true,
        )}
      </div>
      <datalist id="admin-towns">
        {towns.map((x) => (
          <option key={x.name} value={x.name}>
            {x.nameEn}
          </option>
        ))}
      </datalist>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          {t('alerts.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="station-save">
          {busy ? t('alerts.working') : t('admin.save')}
        </button>
      </div>
    </form>
  )
}
