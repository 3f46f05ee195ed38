/**
 * Data review (issue 13) through the real system: DuckDB in a temp dir, a registry of three
 * stations with hand-made hourly data for 1–3 March 2026, and the review API as a reviewer. Marks,
 * corrections, overlaps, withdrawals, sign-off and reopening, the reviewed views (series, CSV), the
 * recomputation of the targets, the queue, and the refusals of bad input and of a reviewer outside
 * their remit. Raw rows are read through the store before and after: review never changes them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import type { MarkView } from '../shared/src/protocol/http/review'
import type { Series } from '../shared/src/ports/store'
import type { TargetsBody } from '../shared/src/protocol/http/targets'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const cst = (s: string) => Date.parse(`${s}+08:00`)
const MAR1 = cst('2026-03-01T00:00:00')
const MAR2 = MAR1 + 24 * H
const iso = (t: number) => new Date(t).toISOString()

const base = {
  nameZh: '测试',
  nameEn: 'test',
  lon: 113.75,
  lat: 23.02,
  town: '莞城街道',
  townEn: 'Guancheng',
  approx: true,
  intervalSec: 3600,
}
const STATIONS: Station[] = [
  { ...base, id: 'A1', kind: 'air', standardClass: 'II' },
  { ...base, id: 'A2', kind: 'air', standardClass: 'II', town: '虎门镇', townEn: 'Humen' },
  { ...base, id: 'W1', kind: 'water', standardClass: 'III', waterBody: 'river' },
]
const AIR = { pm10: 40, so2: 10, no2: 20, co: 0.5, o3: 80 }

function hourly(id: string, kind: Station['kind'], from: number, hours: number, values: (h: number) => Record<string, number>): Reading[] {
  return Array.from({ length: hours }, (_, h) => ({ stationId: id, kind, ts: from + h * H, values: values(h) }))
}

let sys: TestSystem
const dir = mkdtempSync(join(tmpdir(), 'envmon-review-'))
beforeAll(async () => {
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  mkdirSync(join(dir, 'review'))
  // The demo reviewer may review air stations in Guancheng only; the demo admin has no remit.
  writeFileSync(join(dir, 'review', 'remits.json'), JSON.stringify({ 'demo-reviewer': { towns: ['Guancheng'], kinds: ['air'] } }))
  sys = await startTestSystem({ TARGET_AIR_GOOD_DAYS_PCT: '90', TARGETS_REFRESH_SEC: '1' }, {}, dir)
  await sys.store.write([
    // A1: 1 March PM2.5 50 all day, except 400 at 10:00 and 11:00 (a calibration run); 2 March PM2.5 100 (AQI 132).
    ...hourly('A1', 'air', MAR1, 24, (h) => ({ pm25: h === 10 || h === 11 ? 400 : 50, ...AIR })),
    ...hourly('A1', 'air', MAR2, 24, () => ({ pm25: 100, ...AIR })),
    // A2: 1 March only, 20 hours.
    ...hourly('A2', 'air', MAR1, 20, () => ({ pm25: 30, ...AIR })),
    ...hourly('W1', 'water', MAR1, 48, () => ({ nh3n: 0.8, do: 6, codmn: 4, ph: 7.5 })),
  ])
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
const mark = (body: Record<string, unknown>, role: 'reviewer' | 'admin' | 'analyst' = 'reviewer') =>
  sys.apiAs(role, '/api/review/marks', json(body))
const calibration = {
  stationId: 'A1',
  metrics: ['pm25'],
  from: iso(MAR1 + 10 * H),
  to: iso(MAR1 + 12 * H),
  action: 'invalid',
  reason: 'calibration',
}

async function series(query: string): Promise<Series> {
  const res = await sys.apiAs('reviewer', `/api/stations/A1/series?metric=pm25&${query}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { series: Series[] }).series[0]!
}
const raw = () => sys.store.series({ stationId: 'A1', metrics: ['pm25', 'pm10'], from: MAR1, to: MAR1 + 48 * H, every: 'raw', fn: 'mean' })
const day1 = `from=${MAR1}&to=${MAR2}`

describe('marks', () => {
  let rawBefore: Series[]
  let id: string
  beforeAll(async () => {
    rawBefore = await raw()
    const res = await mark(calibration)
    expect(res.status).toBe(201)
    const m = (await res.json()) as MarkView
    expect(m).toMatchObject({ stationId: 'A1', metrics: ['pm25'], action: 'invalid', reason: 'calibration', by: 'demo-reviewer' })
    id = m.id
  })

  it('leaves the marked values out of the reviewed series and keeps them in the raw one', async () => {
    const reviewed = await series(`${day1}&every=raw`)
    expect(reviewed.t).toHaveLength(22)
    expect(reviewed.v).not.toContain(400)
    const rawView = await series(`${day1}&every=raw&view=raw`)
    expect(rawView.t).toHaveLength(24)
    expect(rawView.v.filter((v) => v === 400)).toHaveLength(2)
  })

  it('recomputes the hourly and daily means: the day mean is 50, not (22 × 50 + 2 × 400) / 24', async () => {
    expect((await series(`${day1}&every=1h`)).t).toHaveLength(22)
    expect((await series(`${day1}&every=1d`)).v).toEqual([50])
    expect((await series(`${day1}&every=1d&view=raw`)).v[0]).toBeCloseTo((22 * 50 + 800) / 24, 9)
  })

  it('never changes or deletes a raw row', async () => {
    expect(await raw()).toEqual(rawBefore)
    expect(await sys.store.count('A1')).toBe(48 * 6)
  })

  it('says in the CSV what applied, with the left-out value empty', async () => {
    const text = await (await sys.apiAs('reviewer', `/api/stations/A1/series?metric=pm25&${day1}&every=raw&format=csv`)).text()
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('station_id,metric,time,value,flag,review')
    expect(lines.filter((l) => l.endsWith(',,N,invalid:calibration'))).toHaveLength(2)
    expect(lines.filter((l) => l.endsWith(',50,N,'))).toHaveLength(22)
    const rawCsv = await (await sys.apiAs('reviewer', `/api/export?stations=A1&metric=pm25&${day1}&every=1d&view=raw`)).text()
    expect(rawCsv.trim().split('\n')[1]).toMatch(/^A1,pm25,.*,79\.1666666666\d*,N,$/)
    const reviewedCsv = await (await sys.apiAs('reviewer', `/api/export?stations=A1&metric=pm25&${day1}&every=1d`)).text()
    expect(reviewedCsv.trim().split('\n')[1]).toMatch(/^A1,pm25,.*,50,N,invalid:calibration$/)
  })

  it('lists the mark for the station and range', async () => {
    const res = await sys.apiAs('viewer', `/api/review/marks?station=A1&from=${MAR1}&to=${MAR2}`)
    expect(((await res.json()) as { marks: MarkView[] }).marks.map((m) => m.id)).toEqual([id])
  })

  it('resolves an overlap by the mark applied last, keeping both', async () => {
    const res = await mark({
      stationId: 'A1',
      metrics: ['pm25'],
      from: iso(MAR1 + 11 * H),
      to: iso(MAR1 + 12 * H),
      action: 'correct',
      value: 60,
      note: 'recalibrated: reading confirmed against the reference',
    })
    expect(res.status).toBe(201)
    const later = (await res.json()) as MarkView
    const reviewed = await series(`${day1}&every=raw`)
    expect(reviewed.t).toHaveLength(23)
    expect(reviewed.v[reviewed.t.indexOf(MAR1 + 11 * H)]).toBe(60)
    expect((await series(`${day1}&every=1d`)).v[0]).toBeCloseTo((22 * 50 + 60) / 23, 9)
    const list = ((await (await sys.apiAs('viewer', `/api/review/marks?station=A1`)).json()) as { marks: MarkView[] }).marks
    expect(list.map((m) => m.id)).toEqual([id, later.id])
    // Withdrawn (recorded): the calibration mark alone decides again.
    const del = await sys.apiAs('reviewer', `/api/review/marks/${later.id}`, { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect(((await del.json()) as MarkView).withdrawn).toMatchObject({ by: 'demo-reviewer' })
    expect((await series(`${day1}&every=raw`)).t).toHaveLength(22)
    expect((await sys.apiAs('reviewer', `/api/review/marks/${later.id}`, { method: 'DELETE' })).status).toBe(409)
    const after = ((await (await sys.apiAs('viewer', `/api/review/marks?station=A1`)).json()) as { marks: MarkView[] }).marks
    expect(after.find((m) => m.id === later.id)?.withdrawn).toBeDefined()
  })
})

describe('bad input and security', () => {
  it.each([
    ['a future range', { ...calibration, to: iso(Date.now() + H) }, 400, 'future-range'],
    ['an unknown metric', { ...calibration, metrics: ['pm25', 'nh3n'] }, 400, 'unknown-metric'],
    ['an empty reason', { ...calibration, reason: '' }, 400, 'empty-reason'],
    ['"other" without a note', { ...calibration, reason: 'other' }, 400, 'empty-reason'],
    ['an unknown station', { ...calibration, stationId: 'NOPE' }, 404, 'not-found'],
    ['a station outside the remit (town)', { ...calibration, stationId: 'A2' }, 403, 'outside-remit'],
    ['a station outside the remit (kind)', { ...calibration, stationId: 'W1', metrics: ['nh3n'] }, 403, 'outside-remit'],
  ])('refuses %s', async (_name, body, status, code) => {
    const res = await mark(body)
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error: { code } })
  })

  it('an admin without a remit may mark any station; an analyst may not mark', async () => {
    expect((await mark({ ...calibration, stationId: 'W1', metrics: ['nh3n'], reason: 'maintenance' }, 'admin')).status).toBe(201)
    expect((await mark(calibration, 'analyst')).status).toBe(403)
  })
})

describe('sign-off', () => {
  const day = { stationId: 'A1', day: '2026-03-01' }
  it('locks a signed-off day against new marks and withdrawals until it is reopened', async () => {
    const res = await sys.apiAs('reviewer', '/api/review/signoff', json(day))
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ stationId: 'A1', day: '2026-03-01', by: 'demo-reviewer' })
    const refused = await mark({ ...calibration, from: iso(MAR1 + 20 * H), to: iso(MAR1 + 21 * H) })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ error: { code: 'signed-off' } })
    const first = ((await (await sys.apiAs('viewer', '/api/review/marks?station=A1')).json()) as { marks: MarkView[] }).marks[0]!
    expect((await sys.apiAs('reviewer', `/api/review/marks/${first.id}`, { method: 'DELETE' })).status).toBe(409)
    expect((await sys.apiAs('reviewer', '/api/review/signoff', json(day))).status).toBe(409)
    // The next day is free.
    expect((await mark({ ...calibration, from: iso(MAR2 + 20 * H), to: iso(MAR2 + 21 * H), reason: 'power-cut' })).status).toBe(201)
    const reopen = await sys.apiAs('reviewer', '/api/review/signoff', json(day, 'DELETE'))
    expect(reopen.status).toBe(200)
    expect((await mark({ ...calibration, from: iso(MAR1 + 20 * H), to: iso(MAR1 + 21 * H), reason: 'maintenance' })).status).toBe(201)
    expect((await sys.apiAs('reviewer', '/api/review/signoff', json(day, 'DELETE'))).status).toBe(409)
  })

  it('refuses a day not over yet, a bad period, and a whole kind outside the remit', async () => {
    const today = new Date(Date.now() + 8 * H).toISOString().slice(0, 10)
    expect((await sys.apiAs('admin', '/api/review/signoff', json({ stationId: 'A1', day: today }))).status).toBe(409)
    expect((await sys.apiAs('admin', '/api/review/signoff', json({ stationId: 'A1', day: '2026-02-30' }))).status).toBe(400)
    expect((await sys.apiAs('admin', '/api/review/signoff', json({ stationId: 'A1', kind: 'air', day: '2026-03-01' }))).status).toBe(400)
    expect((await sys.apiAs('reviewer', '/api/review/signoff', json({ kind: 'air', month: '2026-03' }))).status).toBe(403)
  })
})

describe('recomputation of the targets', () => {
  const targets = async () => {
    const b = (await (
      await sys.api(`/api/targets?period=month&at=${encodeURIComponent('2026-03-03T00:00:00+08:00')}`)
    ).json()) as TargetsBody
    return b.targets.find((t) => t.id === 'air-good-days')!
  }

  // The city's daily AQI (both air stations' mean concentrations): 1 March good, 2 March (PM2.5 100 at A1) not.
  it('takes reviewed data: correcting 2 March to PM2.5 50 makes it a good day; sign-off makes the figure final', async () => {
    const before = await targets()
    expect(before.detail).toMatchObject({ goodDays: 1, validDays: 2 })
    expect(before.review).toMatchObject({ finality: 'provisional' })
    const res = await mark({
      stationId: 'A1',
      metrics: ['pm25'],
      from: iso(MAR2),
      to: iso(MAR2 + 20 * H),
      action: 'correct',
      value: 50,
      note: 'PM2.5 analyser drift; values from the co-located reference',
    })
    expect(res.status).toBe(201)
    await vi.waitFor(async () => expect((await targets()).detail).toMatchObject({ goodDays: 2, validDays: 2 }), {
      timeout: 5000,
      interval: 300,
    })
    for (const body of [
      { kind: 'air', month: '2026-02' },
      { stationId: 'W1', day: '2026-03-02' },
      { stationId: 'A1', day: '2026-03-01' },
      { stationId: 'A1', day: '2026-03-02' },
      { stationId: 'A2', day: '2026-03-01' },
      { stationId: 'A2', day: '2026-03-02' },
    ]) {
      expect((await sys.apiAs('admin', '/api/review/signoff', json(body))).status).toBe(201)
    }
    expect((await targets()).review).toEqual({ finality: 'final', signedOffDays: 4, totalDays: 4 })
  })
})

describe('the review queue', () => {
  it('lists the days with missing or invalid data that are not signed off', async () => {
    const res = await sys.apiAs('analyst', '/api/review/queue?from=2026-03-01&to=2026-03-03')
    expect(res.status).toBe(200)
    const q = (await res.json()) as { items: { stationId: string; day: string; reasons: string[] }[] }
    const of = (id: string, day: string) => q.items.find((x) => x.stationId === id && x.day === day)?.reasons
    expect(of('A1', '2026-03-01')).toBeUndefined() // signed off
    expect(of('A1', '2026-03-03')).toEqual(['missing'])
    expect(of('W1', '2026-03-01')).toEqual(['invalid'])
    expect(of('W1', '2026-03-02')).toBeUndefined()
  })
})

describe('alerts whose data review invalidated', () => {
  it('are annotated "data invalidated by review", not deleted', async () => {
    // A2's SO2 at 1 000 µg/m³ over 3 March 10:00–12:00 (GB 3095-2012 1-h limit 500): an exceedance,
    // fed to the rules engine as the logger's late upload.
    const MAR3 = MAR1 + 48 * H
    const a2 = sys.registry.get('A2')!
    sys.alerts.onReadings(
      a2,
      hourly('A2', 'air', MAR3 + 8 * H, 8, (h) => ({ so2: h === 2 || h === 3 ? 1000 : 10 })),
    )
    const find = async () =>
      (
        (await (await sys.apiAs('viewer', '/api/alerts?station=A2')).json()) as {
          alerts: { id: string; metric: string; openedAt: string; review?: unknown }[]
        }
      ).alerts.find((a) => a.metric === 'so2')
    await vi.waitFor(async () => expect(await find()).toBeDefined(), { timeout: 5000, interval: 200 })
    const before = (await find())!
    expect(before.review).toBeUndefined()
    const res = await mark(
      {
        stationId: 'A2',
        metrics: ['so2'],
        from: iso(MAR3 + 10 * H),
        to: iso(MAR3 + 12 * H),
        action: 'invalid',
        reason: 'instrument-fault',
      },
      'admin',
    )
    expect(res.status).toBe(201)
    const m = (await res.json()) as MarkView
    const after = (await find())!
    expect(after.id).toBe(before.id)
    expect(after.review).toEqual({ invalidated: true, markId: m.id, reason: 'instrument-fault', by: 'demo-admin' })
    const detail = (await (await sys.apiAs('viewer', `/api/alerts/${after.id}`)).json()) as { review?: unknown }
    expect(detail.review).toMatchObject({ invalidated: true })
    // Withdrawn: the annotation goes, the alert stays.
    expect((await sys.apiAs('admin', `/api/review/marks/${m.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await find())!.review).toBeUndefined()
  })

  it('describes every review route in the OpenAPI document', async () => {
    const doc = (await (await sys.apiAs(null, '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-roles': unknown }>>
    }
    expect(doc.paths['/api/review/marks']!.post!['x-roles']).toEqual(['reviewer', 'admin'])
    expect(Object.keys(doc.paths['/api/review/signoff']!).sort()).toEqual(['delete', 'get', 'post'])
    expect(doc.paths['/api/review/marks/{id}']!.delete).toBeDefined()
    expect(doc.paths['/api/review/queue']!.get).toBeDefined()
  })
})
