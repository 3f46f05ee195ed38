import { describe, expect, it } from 'vitest'
import { EMPTY_STATION_FORM, formToStation, stationToForm } from './station-form-model'

const good = {
  ...EMPTY_STATION_FORM,
  id: 'DG-AIR-99',
  nameZh: '测试站',
  nameEn: 'Test',
  lon: '113.75',
  lat: '23.02',
  town: '莞城街道',
  townEn: 'Guancheng Subdistrict',
  standardClass: 'II',
}

describe('station form', () => {
  it('builds the PUT body with numbers and only the fields that apply to the kind', () => {
    const r = formToStation({ ...good, capacityM3d: '1000', quotaTce: '5' })
    expect(r).toEqual({
      ok: true,
      id: 'DG-AIR-99',
      body: {
        kind: 'air',
        nameZh: '测试站',
        nameEn: 'Test',
        lon: 113.75,
        lat: 23.02,
        town: '莞城街道',
        townEn: 'Guancheng Subdistrict',
        approx: false,
        intervalSec: 60,
        standardClass: 'II',
      },
    })
  })

  it.each([
    ['id', { id: 'bad id' }, 'invalid'],
    ['id', { id: '' }, 'required'],
    ['lat', { lat: '95' }, 'invalid'],
    ['lon', { lon: '' }, 'required'],
    ['intervalSec', { intervalSec: '0' }, 'invalid'],
    ['mn', { mn: 'not/ok' }, 'invalid'],
  ] as const)('names the wrong field %s', (field, patch, why) => {
    const r = formToStation({ ...good, ...patch })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[field]).toBe(why)
  })

  it('round-trips an existing station', () => {
    const s = {
      id: 'W1',
      kind: 'wastewater' as const,
      nameZh: '厂',
      nameEn: 'Plant',
      lon: 113.7,
      lat: 23,
      town: 'T',
      approx: true,
      intervalSec: 300,
      capacityM3d: 50_000,
      builtDate: '2010-05-01',
    }
    const r = formToStation(stationToForm(s))
    expect(r.ok && r.body).toEqual({
      kind: 'wastewater',
      nameZh: '厂',
      nameEn: 'Plant',
      lon: 113.7,
      lat: 23,
      town: 'T',
      approx: true,
      intervalSec: 300,
      capacityM3d: 50_000,
      builtDate: '2010-05-01',
    })
  })

  const unit = { ...good, id: 'DG-EN-99', kind: 'energy' as const, standardClass: '', quotaTce: '5000' }
  const withFactor = (c: 'elec_kwh' | 'steam_t' | 'gas_m3', kgce: string, source: string) => ({
    ...EMPTY_STATION_FORM.factors,
    [c]: { kgce, source },
  })

  it('sends the basis and the factors set, with their sources, for an energy unit only', () => {
    const r = formToStation({ ...unit, energyBasis: 'equal-value', factors: withFactor('elec_kwh', '0.30', ' quota decision 2026 ') })
    expect(r.ok && [r.body.energyBasis, r.body.energyFactors, r.body.quotaTce]).toEqual([
      'equal-value',
      { elec_kwh: { kgce: 0.3, source: 'quota decision 2026' } },
      5000,
    ])
    const air = formToStation({ ...good, energyBasis: 'equal-value', factors: withFactor('elec_kwh', '0.30', 'x') })
    expect(air.ok && [air.body.energyBasis, air.body.energyFactors]).toEqual([undefined, undefined])
  })

  it.each([
    ['factor.steam_t', withFactor('steam_t', 'abc', 'x'), 'equivalent', 'invalid'],
    ['factorSource.steam_t', withFactor('steam_t', '128.6', ''), 'equivalent', 'required'],
    ['factor.gas_m3', withFactor('gas_m3', '', 'a source without a factor'), 'equivalent', 'required'],
    ['factor.elec_kwh', EMPTY_STATION_FORM.factors, 'equal-value', 'required'],
  ] as const)('names the wrong factor field %s', (field, factors, energyBasis, why) => {
    const r = formToStation({ ...unit, energyBasis, factors })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[field]).toBe(why)
  })

  it.each([
    ['a negative factor', withFactor('gas_m3', '-1.2', 'x'), /outside the plausible/],
    ['an absurd steam factor', withFactor('steam_t', '2777', 'enthalpy'), /steam_t\.kgce: 2777 kgce\/t is outside/],
    ['an equal-value factor on the equivalent basis', withFactor('elec_kwh', '0.3', 'x'), /is an equal-value factor/],
  ] as const)("refuses %s with the server's words", (_what, factors, message) => {
    const r = formToStation({ ...unit, factors })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.energy).toMatch(message)
  })

  it("round-trips an energy unit's factors and a water station's class method", () => {
    const e = {
      id: 'E1',
      kind: 'energy' as const,
      nameZh: '单位',
      nameEn: 'Unit',
      lon: 113.7,
      lat: 23,
      town: 'T',
      approx: false,
      intervalSec: 900,
      quotaTce: 100,
      energyBasis: 'equal-value' as const,
      energyFactors: { elec_kwh: { kgce: 0.3, source: 'CEC 2025' }, steam_t: { kgce: 128.6, source: 'contract' } },
    }
    const { id: _e, ...eBody } = e
    expect(formToStation(stationToForm(e))).toEqual({ ok: true, id: 'E1', body: eBody })
    const w = {
      id: 'W1',
      kind: 'water' as const,
      nameZh: '湖',
      nameEn: 'Lake',
      lon: 113.7,
      lat: 23,
      town: 'T',
      approx: false,
      intervalSec: 3600,
      waterBody: 'lake' as const,
      waterClassMethod: 'all-items' as const,
    }
    const { id: _w, ...wBody } = w
    expect(formToStation(stationToForm(w))).toEqual({ ok: true, id: 'W1', body: wBody })
  })
})
