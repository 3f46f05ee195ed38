/**
 * The city's targets on a hand-computed data set through the real system: readings written into
 * DuckDB in a temp dir, a registry of seven stations, `GET /api/targets` for March 2026 as of
 * 4 March 00:00 CST (1–3 March completed, 28 days to go). Every number below is worked out by hand
 * from the standards (see the comment of each target).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import type { TargetsBody, TargetView } from '../shared/src/protocol/http/targets'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const cst = (s: string) => Date.parse(`${s}+08:00`)
const MAR1 = cst('2026-03-01T00:00:00')
const AT = '2026-03-04T00:00:00+08:00'

const base = { nameZh: '测试', nameEn: 'test', lon: 113.75, lat: 23.02, town: '莞城街道', approx: true, intervalSec: 3600 }
const STATIONS: Station[] = [
  { ...base, id: 'A1', kind: 'air', standardClass: 'II' },
  { ...base, id: 'W1', kind: 'water', standardClass: 'III', waterBody: 'river' },
  { ...base, id: 'W2', kind: 'water', standardClass: 'III', waterBody: 'lake' },
  { ...base, id: 'P1', kind: 'wastewater', standardClass: '1A', capacityM3d: 10_000, keySource: true, builtDate: '2010-01-01' },
  { ...base, id: 'P2', kind: 'wastewater', standardClass: '1A', capacityM3d: 6_000, keySource: true, builtDate: '2010-01-01' },
  { ...base, id: 'E1', kind: 'energy', quotaTce: 365, keySource: true },
  // E2's quota was set on the equal-value basis: its electricity converts at its own 0.30 kgce/kWh.
  {
    ...base,
    id: 'E2',
    kind: 'energy',
    quotaTce: 36.5,
    keySource: true,
    energyBasis: 'equal-value',
    energyFactors: { elec_kwh: { kgce: 0.3, source: 'quota decision 2026, 300 gce/kWh' } },
  },
]

/** Hourly readings of a station from `from` for `hours` hours; `values(h)` undefined = no reading. */
function hourly(
  id: string,
  kind: Station['kind'],
  from: number,
  hours: number,
  values: (h: number) => Record<string, number> | undefined,
): Reading[] {
  const out: Reading[] = []
  for (let h = 0; h < hours; h++) {
    const v = values(h)
    if (v) out.push({ stationId: id, kind, ts: from + h * H, values: v })
  }
  return out
}

function dataSet(): Reading[] {
  const AIR_LOW = { pm10: 40, so2: 10, no2: 20, co: 0.5, o3: 80 }
  return [
    // A1: day 1 PM2.5 50 (AQI 69, good), day 2 PM2.5 100 (AQI 132), day 3 only 19 hours (no valid day).
    ...hourly('A1', 'air', MAR1, 24, () => ({ pm25: 50, ...AIR_LOW })),
    ...hourly('A1', 'air', MAR1 + 24 * H, 24, () => ({ pm25: 100, ...AIR_LOW })),
    ...hourly('A1', 'air', MAR1 + 48 * H, 19, () => ({ pm25: 30, ...AIR_LOW })),
    // W1 (river): NH3-N 0.8 → class III, compliant. W2 (lake): TP 0.08 → class IV (lake III 0.05, IV 0.1).
    ...hourly('W1', 'water', MAR1, 72, () => ({ nh3n: 0.8, do: 6, codmn: 4, ph: 7.5 })),
    ...hourly('W2', 'water', MAR1, 72, () => ({ nh3n: 0.3, do: 7, tp: 0.08, ph: 7.5 })),
    // P1: 400 m³/h out (9600 m³/d), 48 m³/h reclaimed (1152 m³/d). P2: 200 m³/h (4800 m³/d), no reuse,
    // silent after 21:00 on 3 March (22 h that day, filled at its mean rate: still 4800 m³).
    ...hourly('P1', 'wastewater', MAR1, 72, () => ({ outflow: 400, reclaimed: 48, cod: 20 })),
    ...hourly('P2', 'wastewater', MAR1, 70, () => ({ outflow: 200, cod: 25 })),
    // E1: +200 kWh/h (4800 kWh/d = 0.58992 tce/d); E2: +100 kWh/h (2400 kWh/d × 0.30 = 0.72 tce/d). Counters start
    // at 23:00 on 28 February, the baseline of the first hour.
    ...hourly('E1', 'energy', MAR1 - H, 73, (h) => ({ elec_kwh: 100_000 + 200 * h })),
    ...hourly('E2', 'energy', MAR1 - H, 73, (h) => ({ elec_kwh: 50_000 + 100 * h })),
  ]
}

let sys: TestSystem
const dir = mkdtempSync(join(tmpdir(), 'envmon-targets-'))
beforeAll(async () => {
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  sys = await startTestSystem({ TARGET_SEWAGE_GENERATED_M3D: '16000', TARGET_AIR_GOOD_DAYS_PCT: '90' }, {}, dir)
  await sys.store.write(dataSet())
})
afterAll(async () => {
  await sys?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function targets(query: string): Promise<Record<string, TargetView> & { body: TargetsBody }> {
  const res = await sys.api(`/api/targets?${query}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as TargetsBody
  return Object.assign(Object.fromEntries(body.targets.map((t) => [t.id, t])), { body })
}

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03']

describe('GET /api/targets, March 2026 as of 4 March (month in progress)', () => {
  let t: Awaited<ReturnType<typeof targets>>
  beforeAll(async () => {
    t = await targets(`period=month&at=${encodeURIComponent(AT)}`)
  })

  it('describes the period and the settings', () => {
    expect(t.body.period).toEqual({
      name: 'month',
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
      asOf: '2026-03-04T00:00:00+08:00',
      completedDays: 3,
    })
    expect(t.body.settings).toMatchObject({ sewageGeneratedM3d: 16_000, airGoodDaysPct: 90 })
  })

  it('drinking-water source compliance: 1 of 2 sources meets class III → 50 %', () => {
    expect(t['drinking-water-compliance']).toMatchObject({
      value: 50,
      target: 100,
      status: 'at-risk',
      counted: { stations: ['W1', 'W2'], days: DAYS },
    })
    expect(t['drinking-water-compliance']!.breakdown).toEqual([
      { id: 'W1', value: 3, target: 3, ok: true },
      { id: 'W2', value: 4, target: 3, ok: false },
    ])
  })

  it('sewage treatment: (9600 + 4800) m³ × 3 d / (16000 m³/d × 3 d) = 90 %, at risk (no 2-point margin)', () => {
    expect(t['sewage-treatment-rate']).toMatchObject({
      value: 90,
      target: 90,
      comparator: '>=',
      status: 'at-risk',
      counted: { stations: ['P1', 'P2'], days: DAYS },
    })
    expect(t['sewage-treatment-rate']!.detail).toEqual({ treatedM3: 43_200, generatedM3: 48_000 })
  })

  it("reclaimed water: 1152 m³ × 3 / 43200 m³ = 8 %, P2's three days count as zero reuse", () => {
    expect(t['reclaimed-water-reuse']).toMatchObject({
      value: 8,
      target: 10,
      status: 'at-risk',
      detail: { reclaimedM3: 3456, treatedM3: 43_200, noReclaimedData: 3 },
    })
    expect(t['reclaimed-water-reuse']!.counted.days).toEqual(DAYS)
  })

  it('air good days: day 1 AQI 69 good, day 2 AQI 132 not, day 3 has no valid AQI → 1 / 2 = 50 %', () => {
    const a = t['air-good-days']!
    expect(a).toMatchObject({ value: 50, target: 90, status: 'at-risk', counted: { stations: ['A1'], days: ['2026-03-01', '2026-03-02'] } })
    expect(a.detail).toEqual({ goodDays: 1, validDays: 2, gradeIIDays: 1, remainingDays: 28 })
    expect(a.counted.excluded).toEqual([{ id: '2026-03-03', why: 'no valid daily AQI (missing so2, no2, co, pm10, pm25)' }])
  })

  it('key sources online at 4 March 00:00: P1, E1, E2 reported within 2 h, P2 last at 21:00 → 75 %', () => {
    const k = t['key-source-online-coverage']!
    expect(k).toMatchObject({ value: 75, status: 'missed', counted: { stations: ['P1', 'E1', 'E2'] } })
    expect(k.counted.excluded).toEqual([{ id: 'P2', why: 'last report 180 min ago (expected every 3600 s)' }])
  })

  it('energy metering online: both units → 100 %', () => {
    expect(t['energy-metering-coverage']).toMatchObject({ value: 100, status: 'met', counted: { stations: ['E1', 'E2'] } })
  })

  it('energy quota: E1 1.76976 tce of 3 allowed, E2 (equal-value, 0.30 kgce/kWh) 2.16 tce of 0.3 → 1 of 2 units within = 50 %', () => {
    const e = t['energy-quota']!
    expect(e).toMatchObject({ value: 50, status: 'at-risk', counted: { stations: ['E1', 'E2'], days: DAYS } })
    const b = e.breakdown!
    expect(b.map((x) => [x.id, x.ok])).toEqual([
      ['E1', true],
      ['E2', false],
    ])
    expect(b[0]!.value).toBeCloseTo(3 * 4800 * 0.1229e-3, 9)
    expect(b[0]!.target).toBeCloseTo(3, 9)
    expect(b[1]!.value).toBeCloseTo(3 * 2400 * 0.3e-3, 9)
    expect(b[1]!.target).toBeCloseTo(0.3, 9)
  })

  it("energy quota: the method names the default factors and E2's own basis and factor with their sources", () => {
    const m = t['energy-quota']!.method
    expect(m).toContain(
      'Defaults: equivalent basis; factors: electricity 0.1229 kgce/kWh (default: GB/T 2589-2020 Appendix A, electricity, equivalent value)',
    )
    expect(m).toContain("Units' own settings: E2: equal-value basis, electricity 0.3 kgce/kWh (quota decision 2026, 300 gce/kWh).")
  })
})

describe('GET /api/targets, other periods and errors', () => {
  it('year to date is a closed period: the same days, judged as final (sewage 90 % is met)', async () => {
    const t = await targets(`period=ytd&at=${encodeURIComponent(AT)}`)
    expect(t.body.period).toMatchObject({ from: '2026-01-01T00:00:00+08:00', to: '2026-03-04T00:00:00+08:00', completedDays: 62 })
    expect(t['sewage-treatment-rate']).toMatchObject({ value: 90, status: 'met', counted: { days: DAYS } })
    expect(t['air-good-days']).toMatchObject({ value: 50, status: 'missed' })
  })

  it('the quarter counts the same March days', async () => {
    const t = await targets(`period=quarter&at=${encodeURIComponent(AT)}`)
    expect(t['drinking-water-compliance']).toMatchObject({ value: 50, counted: { days: expect.arrayContaining(DAYS) } })
    expect(t.body.period.from).toBe('2026-01-01T00:00:00+08:00')
  })

  it.each([
    ['period=week', 400],
    ['at=yesterday', 400],
  ])('%s is refused with %i', async (query, status) => {
    const res = await sys.api(`/api/targets?${query}`)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation')
  })

  it('the public board serves the month to date without a login', async () => {
    const res = await sys.apiAs(null, '/api/public/targets')
    expect(res.status).toBe(200)
    expect(((await res.json()) as TargetsBody).targets).toHaveLength(8)
  })
})

describe('restarted on the same data (issue 16: station-days kept in the store)', () => {
  /** Stop and start on the same data directory, once the live board's own start-up computation is over. */
  const restart = async () => {
    await sys.stop()
    sys = await startTestSystem({ TARGET_SEWAGE_GENERATED_M3D: '16000', TARGET_AIR_GOOD_DAYS_PCT: '90' }, {}, dir)
    await sys.targets.body('month')
  }
  /** What the service did since `s0`. */
  const delta = (s0: typeof sys.targets.stats) => {
    const s1 = sys.targets.stats
    return {
      queries: s1.queries - s0.queries,
      countQueries: s1.countQueries - s0.countQueries,
      keptDays: s1.keptDays - s0.keptDays,
      keptCountDays: s1.keptCountDays - s0.keptCountDays,
    }
  }

  it('serves the same figures, read back instead of computed; a review mark makes its day computed again', async () => {
    const query = `period=month&at=${encodeURIComponent(AT)}`
    const before = (await targets(query)).body
    await restart()
    const s0 = { ...sys.targets.stats }
    const after = (await targets(query)).body
    expect(after.targets).toEqual(before.targets)
    // 7 stations × 3 days, station-days and daily counts, all from the store: no query of the data.
    expect(delta(s0)).toEqual({ queries: 0, countQueries: 0, keptDays: 21, keptCountDays: 21 })

    // A reviewer marks W2's TP invalid over the three days: W2's days are computed again, without it.
    const res = await sys.apiAs('reviewer', '/api/review/marks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        stationId: 'W2',
        metrics: ['tp'],
        from: String(MAR1),
        to: String(MAR1 + 72 * H),
        action: 'invalid',
        reason: 'maintenance',
      }),
    })
    expect(res.status).toBe(201)
    await restart()
    const s1 = { ...sys.targets.stats }
    const again = await targets(query)
    // Without its TP (class IV in a lake), W2 meets class III: both sources comply.
    expect(again['drinking-water-compliance']).toMatchObject({ value: 100 })
    expect(delta(s1)).toEqual({ queries: 1, countQueries: 1, keptDays: 18, keptCountDays: 18 })
  })
})

describe('the live targets board', () => {
  const DAY = 24 * H
  const todayStart = Math.floor((Date.now() + 8 * H) / DAY) * DAY - 8 * H
  const firstOfMonth = new Date(Date.now() + 8 * H).getUTCDate() === 1

  it.skipIf(firstOfMonth)('pushes the socket `targets` event when a value changes', async () => {
    const live = await startTestSystem({ TARGETS_REFRESH_SEC: '1' })
    try {
      const socket = await live.socket()
      const reuse = new Promise<TargetView>((resolve) =>
        socket.on('targets', (b) => {
          const t = (b as TargetsBody).targets.find((x) => x.id === 'reclaimed-water-reuse')
          if (t?.value !== null && t?.value !== undefined) resolve(t)
        }),
      )
      // Yesterday, hour by hour: 400 m³/h out, 40 m³/h reclaimed → 10 % reuse.
      const yesterday = hourly('DG-WWT-01', 'wastewater', todayStart - DAY, 24, () => ({ outflow: 400, reclaimed: 40 }))
      const plant = await live.connectStation('DG-WWT-01')
      plant.publish('envmon/v1/wastewater/DG-WWT-01/reading', JSON.stringify(yesterday.map((r) => ({ ts: r.ts, values: r.values }))), {
        qos: 1,
      })
      expect(await reuse).toMatchObject({ value: 10, counted: { stations: ['DG-WWT-01'] } })
    } finally {
      await live.stop()
    }
  })
})
