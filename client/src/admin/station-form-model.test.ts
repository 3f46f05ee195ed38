import { describe, expect, it } from 'vitest'
import { EMPTY_STATION_FORM, formToStation, stationToForm } from './station-form-model'

const good = { ...EMPTY_STATION_FORM, id: 'DG-AIR-99', nameZh: '测试站', nameEn: 'Test', lon: '113.75', lat: '23.02', town: '莞城街道', townEn: 'Guancheng Subdistrict', standardClass: 'II' }

describe('station form', () => {
  it('builds the PUT body with numbers and only the fields that apply to the kind', () => {
    const r = formToStation({ ...good, capacityM3d: '1000', quotaTce: '5' })
    expect(r).toEqual({ ok: true, id: 'DG-AIR-99', body: { kind: 'air', nameZh: '测试站', nameEn: 'Test', lon: 113.75, lat: 23.02, town: '莞城街道', townEn: 'Guancheng Subdistrict', approx: false, intervalSec: 60, standardClass: 'II' } })
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
    const s = { id: 'W1', kind: 'wastewater' as const, nameZh: '厂', nameEn: 'Plant', lon: 113.7, lat: 23, town: 'T', approx: true, intervalSec: 300, capacityM3d: 50_000, builtDate: '2010-05-01' }
    const r = formToStation(stationToForm(s))
    expect(r.ok && r.body).toEqual({ kind: 'wastewater', nameZh: '厂', nameEn: 'Plant', lon: 113.7, lat: 23, town: 'T', approx: true, intervalSec: 300, capacityM3d: 50_000, builtDate: '2010-05-01' })
  })
})
