/**
 * The station form: its text fields, the PUT /api/admin/stations/:id body built from them, and the
 * checks the server would refuse (named per field so the form can point at them). Pure.
 *
 * Energy units: the electricity basis and a factor with its source per carrier (empty = the
 * GB/T 2589-2020 default); the server's own check (standards/checkEnergySettings) runs here too, so
 * an implausible factor is refused with the same words before anything is sent.
 */
import {
  STATION_ID_PATTERN,
  type EnergyBasis,
  type EnergyFactorSetting,
  type Station,
  type StationKind,
  type WaterClassMethod,
} from '../../../shared/src/domain/station'
import { ENERGY_CARRIERS, type EnergyCarrier } from '../../../shared/src/standards/energy-conversion'
import { checkEnergySettings } from '../../../shared/src/standards/energy-factors'
import type { StationInput } from '../data/admin-types'

/** One carrier's factor as typed: kgce per metric unit and its source. */
export interface FactorForm {
  kgce: string
  source: string
}

/** The form's values, all as typed. */
export interface StationForm {
  id: string
  kind: StationKind
  nameZh: string
  nameEn: string
  lon: string
  lat: string
  town: string
  townEn: string
  approx: boolean
  intervalSec: string
  standardClass: string
  waterBody: '' | 'river' | 'lake'
  /** '' = the default (the 2011 assessment practice). */
  waterClassMethod: '' | WaterClassMethod
  builtDate: string
  capacityM3d: string
  quotaTce: string
  energyBasis: EnergyBasis
  factors: Record<EnergyCarrier, FactorForm>
  keySource: boolean
  mn: string
  note: string
}

function factorForms(set: Station['energyFactors'] = {}): Record<EnergyCarrier, FactorForm> {
  const out = {} as Record<EnergyCarrier, FactorForm>
  for (const c of ENERGY_CARRIERS) out[c] = { kgce: set[c] === undefined ? '' : String(set[c].kgce), source: set[c]?.source ?? '' }
  return out
}

/** An empty form for a new station. */
export const EMPTY_STATION_FORM: StationForm = {
  id: '',
  kind: 'air',
  nameZh: '',
  nameEn: '',
  lon: '',
  lat: '',
  town: '',
  townEn: '',
  approx: false,
  intervalSec: '60',
  standardClass: '',
  waterBody: '',
  waterClassMethod: '',
  builtDate: '',
  capacityM3d: '',
  quotaTce: '',
  energyBasis: 'equivalent',
  factors: factorForms(),
  keySource: false,
  mn: '',
  note: '',
}

/** The form of an existing station. */
export function stationToForm(s: Station): StationForm {
  const str = (v: number | string | undefined) => (v === undefined ? '' : String(v))
  return {
    id: s.id,
    kind: s.kind,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    lon: str(s.lon),
    lat: str(s.lat),
    town: s.town,
    townEn: s.townEn ?? '',
    approx: s.approx,
    intervalSec: str(s.intervalSec),
    standardClass: s.standardClass ?? '',
    waterBody: s.waterBody ?? '',
    waterClassMethod: s.waterClassMethod ?? '',
    builtDate: s.builtDate ?? '',
    capacityM3d: str(s.capacityM3d),
    quotaTce: str(s.quotaTce),
    energyBasis: s.energyBasis ?? 'equivalent',
    factors: factorForms(s.energyFactors),
    keySource: !!s.keySource,
    mn: s.mn ?? '',
    note: s.note ?? '',
  }
}

/** A carrier's factor field (`factor.elec_kwh`) or its source (`factorSource.elec_kwh`). */
export type FactorField = `factor.${EnergyCarrier}` | `factorSource.${EnergyCarrier}`

/** Field → problem (a dictionary key of the admin messages). */
export type FormErrors = Partial<Record<keyof StationForm | FactorField, 'required' | 'invalid'>> & {
  /** The energy settings check's own message (standards/checkEnergySettings), shown as is. */
  energy?: string
}

/** The energy factors of the form, or the fields that are wrong (numbers and sources only; ranges by checkEnergySettings). */
function formFactors(f: StationForm, errors: FormErrors): Partial<Record<EnergyCarrier, EnergyFactorSetting>> {
  const out: Partial<Record<EnergyCarrier, EnergyFactorSetting>> = {}
  for (const c of ENERGY_CARRIERS) {
    const { kgce, source } = f.factors[c]
    if (kgce.trim() === '') {
      if (source.trim() !== '') errors[`factor.${c}`] = 'required'
      continue
    }
    const v = Number(kgce)
    if (!Number.isFinite(v)) errors[`factor.${c}`] = 'invalid'
    else if (source.trim() === '') errors[`factorSource.${c}`] = 'required'
    else out[c] = { kgce: v, source: source.trim() }
  }
  if (f.energyBasis === 'equal-value' && f.factors.elec_kwh.kgce.trim() === '') errors['factor.elec_kwh'] = 'required'
  return out
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s))

/**
 * The request body, or the fields that are wrong.
 * @example formToStation({ ...EMPTY_STATION_FORM, id: 'X1', nameZh: '站', nameEn: 'S', lon: '113.7', lat: '23' })
 */
export function formToStation(f: StationForm): { ok: true; id: string; body: StationInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  if (!STATION_ID_PATTERN.test(f.id)) errors.id = f.id ? 'invalid' : 'required'
  if (!f.nameZh.trim()) errors.nameZh = 'required'
  if (!f.nameEn.trim()) errors.nameEn = 'required'
  const lon = num(f.lon)
  const lat = num(f.lat)
  const interval = num(f.intervalSec)
  if (lon === undefined || !(lon >= -180 && lon <= 180)) errors.lon = lon === undefined ? 'required' : 'invalid'
  if (lat === undefined || !(lat >= -90 && lat <= 90)) errors.lat = lat === undefined ? 'required' : 'invalid'
  if (interval === undefined || !(interval > 0 && interval <= 86_400)) errors.intervalSec = interval === undefined ? 'required' : 'invalid'
  const capacity = num(f.capacityM3d)
  const quota = num(f.quotaTce)
  if (capacity !== undefined && !(capacity > 0)) errors.capacityM3d = 'invalid'
  if (quota !== undefined && !(quota > 0)) errors.quotaTce = 'invalid'
  if (f.builtDate && !/^\d{4}-\d{2}-\d{2}$/.test(f.builtDate)) errors.builtDate = 'invalid'
  if (f.mn && !/^[A-Za-z0-9]{1,24}$/.test(f.mn)) errors.mn = 'invalid'
  const factors = f.kind === 'energy' ? formFactors(f, errors) : {}
  const hasFactors = Object.keys(factors).length > 0
  if (f.kind === 'energy' && Object.keys(errors).length === 0) {
    const energy = checkEnergySettings({ kind: 'energy', energyBasis: f.energyBasis, ...(hasFactors ? { energyFactors: factors } : {}) })
    if (energy) errors.energy = energy
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const body: StationInput = {
    kind: f.kind,
    nameZh: f.nameZh.trim(),
    nameEn: f.nameEn.trim(),
    lon: lon!,
    lat: lat!,
    town: f.town.trim(),
    approx: f.approx,
    intervalSec: interval!,
  }
  if (f.townEn.trim()) body.townEn = f.townEn.trim()
  if (f.standardClass.trim()) body.standardClass = f.standardClass.trim()
  if (f.kind === 'water' && f.waterBody) body.waterBody = f.waterBody
  if (f.kind === 'water' && f.waterClassMethod) body.waterClassMethod = f.waterClassMethod
  if (f.kind === 'wastewater' && f.builtDate) body.builtDate = f.builtDate
  if (f.kind === 'wastewater' && capacity !== undefined) body.capacityM3d = capacity
  if (f.kind === 'energy' && quota !== undefined) body.quotaTce = quota
  if (f.kind === 'energy' && f.energyBasis !== 'equivalent') body.energyBasis = f.energyBasis
  if (f.kind === 'energy' && hasFactors) body.energyFactors = factors
  if (f.keySource) body.keySource = true
  if (f.mn.trim()) body.mn = f.mn.trim()
  if (f.note.trim()) body.note = f.note.trim()
  return { ok: true, id: f.id, body }
}
