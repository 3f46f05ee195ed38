/**
 * Reports through the real system (issue 14): a simulated February 2026 written into DuckDB in a
 * temp dir, the monthly, daily and targets reports generated through `POST /api/reports`, and every
 * number checked against a hand computation; the XLSX parsed back with exceljs, the PDF's text
 * extracted; a reissue after late data keeps both versions; the reissued report is e-mailed with
 * its files to a subscribed recipient over real SMTP.
 *
 * The data (hourly readings, constant within a day, so each 24-h mean, daily max 1-h and daily max
 * 8-h O3 is the day's value):
 * - A1 (莞城街道) and A2 (南城街道), day d of February: SO2 10, NO2 30, PM10 60, CO d/10 mg/m³,
 *   O3 100 + 2d; PM2.5 A1 30 and A2 50 on days 1–25, 90 and 110 on days 26–28. A2 is down on
 *   10 February (no data).
 * - February 2025 (year before): both stations PM2.5 50, CO 1.0, O3 100. January 2026 (month before):
 *   PM2.5 60.
 * - W1 (river, target III): NH3-N 0.8, DO 6, CODMn 4 → class III, compliant. W2 (lake, target III):
 *   TP 0.08 → class IV.
 * - P1: outflow 400 m³/h, reclaimed 48 m³/h, COD 20. P2: outflow 200 m³/h, COD 60 on days 1–7 (over
 *   1A's 50 mg/L), 25 after.
 * - E1 (quota 365 tce): +200 kWh an hour.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reading } from '../shared/src/domain/reading'
import type { Station } from '../shared/src/domain/station'
import type { ReportDoc, ReportList, Section } from '../shared/src/protocol/http/reports'
import { pdfText } from './helpers/pdf-text'
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const H = 3_600_000
const D = 24 * H
const cst = (s: string) => Date.parse(`${s}T00:00:00+08:00`)
const FEB = cst('2026-02-01')

const base = { nameZh: '测试', nameEn: 'test', lon: 113.75, lat: 23.02, approx: true, intervalSec: 3600 }
const STATIONS: Station[] = [
  { ...base, id: 'A1', kind: 'air', town: '莞城街道', standardClass: 'II' },
  { ...base, id: 'A2', kind: 'air', town: '南城街道', standardClass: 'II' },
  { ...base, id: 'W1', kind: 'water', town: '莞城街道', standardClass: 'III', waterBody: 'river' },
  { ...base, id: 'W2', kind: 'water', town: '莞城街道', standardClass: 'III', waterBody: 'lake' },
  { ...base, id: 'P1', kind: 'wastewater', town: '莞城街道', standardClass: '1A', builtDate: '2010-01-01' },
  { ...base, id: 'P2', kind: 'wastewater', town: '莞城街道', standardClass: '1A', builtDate: '2010-01-01' },
  { ...base, id: 'E1', kind: 'energy', town: '莞城街道', quotaTce: 365 },
]

/** 24 hourly readings of each day `d` (1-based) of the month starting at `from`, `values(d)`. */
function days(
  id: string,
  kind: Station['kind'],
  from: number,
  n: number,
  values: (d: number) => Record<string, number> | undefined,
): Reading[] {
  const out: Reading[] = []
  for (let d = 1; d <= n; d++) {
    const v = values(d)
    if (v) for (let h = 0; h < 24; h++) out.push({ stationId: id, kind, ts: from + (d - 1) * D + h * H, values: v })
  }
  return out
}

const air = (pm25: number, co: number, o3: number) => ({ so2: 10, no2: 30, pm10: 60, pm25, co, o3 })

function dataSet(): Reading[] {
  return [
    ...days('A1', 'air', FEB, 28, (d) => air(d <= 25 ? 30 : 90, d / 10, 100 + 2 * d)),
    ...days('A2', 'air', FEB, 28, (d) => (d === 10 ? undefined : air(d <= 25 ? 50 : 110, d / 10, 100 + 2 * d))),
    ...days('A1', 'air', cst('2025-02-01'), 28, () => air(50, 1, 100)),
    ...days('A2', 'air', cst('2025-02-01'), 28, () => air(50, 1, 100)),
    ...days('A1', 'air', cst('2026-01-01'), 31, () => air(60, 1, 100)),
    ...days('W1', 'water', FEB, 28, () => ({ nh3n: 0.8, do: 6, codmn: 4, ph: 7.5 })),
    ...days('W2', 'water', FEB, 28, () => ({ nh3n: 0.3, do: 7, tp: 0.08, ph: 7.5 })),
    ...days('P1', 'wastewater', FEB, 28, () => ({ outflow: 400, reclaimed: 48, cod: 20 })),
    ...days('P2', 'wastewater', FEB, 28, (d) => ({ outflow: 200, cod: d <= 7 ? 60 : 25 })),
    // E1's counter from 31 January 23:00 (the first hour's baseline).
    ...Array.from({ length: 28 * 24 + 1 }, (_, h): Reading => ({
      stationId: 'E1',
      kind: 'energy',
      ts: FEB - H + h * H,
      values: { elec_kwh: 100_000 + 200 * h },
    })),
  ]
}

let sys: TestSystem
let smtp: SmtpCapture
const dir = mkdtempSync(join(tmpdir(), 'envmon-reports-'))
beforeAll(async () => {
  smtp = await startSmtpCapture()
  writeFileSync(join(dir, 'stations.json'), JSON.stringify({ version: 1, stations: STATIONS }))
  mkdirSync(join(dir, 'notify'), { recursive: true })
  writeFileSync(
    join(dir, 'notify', 'recipients.json'),
    JSON.stringify({
      version: 1,
      recipients: [{ id: 'chief', name: '局领导', channels: [{ type: 'email', to: 'chief@bureau.example.cn' }], reports: ['monthly'] }],
      groups: [],
      policies: [],
    }),
  )
  sys = await startTestSystem(
    { REPORTS_SCHEDULE: '0', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'envmon@bureau.example.cn' },
    {},
    dir,
  )
  await sys.store.write(dataSet())
}, 60_000)
afterAll(async () => {
  await sys?.stop()
  await smtp?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function generate(kind: string, period: string, role: 'analyst' | 'viewer' = 'analyst'): Promise<Response> {
  return sys.apiAs(role, '/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind, period }),
  })
}

async function report(id: string): Promise<ReportDoc> {
  const res = await sys.api(`/api/reports/${id}`)
  expect(res.status).toBe(200)
  return (await res.json()) as ReportDoc
}

const figures = (s: Section) => Object.fromEntries(s.figures.map((f) => [f.key, f.value]))
const table = (s: Section, id: string) => s.tables.find((t) => t.id === id)!

describe('the monthly report of February 2026', () => {
  let doc: ReportDoc
  let air: Section
  beforeAll(async () => {
    const res = await generate('monthly', '2026-02')
    expect(res.status).toBe(201)
    const head = (await res.json()) as { id: string; version: number }
    expect(head).toMatchObject({ id: 'monthly_2026-02_v1', version: 1 })
    doc = await report(head.id)
    air = doc.sections.find((s) => s.id === 'air')!
  }, 60_000)

  it('is provisional in every section, through dataStatus', () => {
    expect(doc.dataStatus).toBe('provisional')
    expect(doc.sections.map((s) => [s.id, s.dataStatus])).toEqual([
      ['air', 'provisional'],
      ['drinking-water', 'provisional'],
      ['wastewater', 'provisional'],
      ['energy', 'provisional'],
    ])
    expect(doc.title.zh).toBe('东莞市环境质量月报（2026-02）')
  })

  it('air: 25 good of 28 valid city days, grade-II days, means, and completeness 55 / 56 station-days', () => {
    const f = figures(air)
    // City days 26–28: PM2.5 (90 + 110) / 2 = 100 → IAQI 132; the other 25 are good (10 Feb is A1 alone).
    expect(f.goodDays).toBe(25)
    expect(f.validDays).toBe(28)
    expect(f.goodPct).toBeCloseTo((100 * 25) / 28, 10)
    expect(f.gradeIIDays).toBe(25)
    // (24 × 40 + 30 (10 Feb, A1 alone) + 3 × 100) / 28
    expect(f.pm25).toBeCloseTo(1290 / 28, 10)
    expect(f.pm10).toBeCloseTo(60, 10)
    expect(air.completeness).toEqual({ received: 55, expected: 56, pct: (100 * 55) / 56 })
  })

  it('air: CO P95 and O3 P90 by HJ 663-2013 (k = 1 + (n − 1)p)', () => {
    const f = figures(air)
    // CO d/10, n = 28: k = 1 + 27 × 0.95 = 26.65 → 2.6 + 0.65 × 0.1
    expect(f.co95).toBeCloseTo(2.665, 10)
    // O3 100 + 2d: k = 1 + 27 × 0.9 = 25.3 → 150 + 0.3 × 2
    expect(f.o3p90).toBeCloseTo(150.6, 10)
    const composite = 10 / 60 + 30 / 40 + 60 / 70 + 1290 / 28 / 35 + 2.665 / 4 + 150.6 / 160
    expect(f.composite).toBeCloseTo(composite, 10)
  })

  it('air: year-on-year against February 2025 and month-on-month against January 2026', () => {
    const t = table(air, 'city')
    const pm25 = t.rows.find((r) => JSON.stringify(r[0]).includes('PM₂.₅'))!
    const c = Object.fromEntries(t.columns.map((col, i) => [col.key, pm25[i]]))
    expect(c.value).toBeCloseTo(1290 / 28, 10)
    expect(c.mom).toBeCloseTo(60, 10)
    expect(c.momDelta).toBeCloseTo(1290 / 28 - 60, 10)
    expect(c.yoy).toBeCloseTo(50, 10)
    expect(c.yoyPct).toBeCloseTo((100 * (1290 / 28 - 50)) / 50, 10)
    const good = t.rows.find((r) => JSON.stringify(r[0]).includes('Good-days'))!
    expect(good[t.columns.findIndex((x) => x.key === 'yoy')]).toBe(100)
  })

  it('air: stations and towns ranked by composite index, cleanest first', () => {
    const st = table(air, 'stations')
    const col = (k: string) => st.columns.findIndex((c) => c.key === k)
    expect(st.rows.map((r) => [r[col('rank')], r[col('station')]])).toEqual([
      [1, 'A1'],
      [2, 'A2'],
    ])
    // A2: 27 days, PM2.5 (24 × 50 + 3 × 110) / 27
    expect(st.rows[1]![col('pm25')]).toBeCloseTo(1530 / 27, 10)
    expect(st.rows[1]![col('validDays')]).toBe(27)
    const towns = table(air, 'towns')
    expect(towns.rows.map((r) => [r[0], r[1]])).toEqual([
      [1, '莞城街道'],
      [2, '南城街道'],
    ])
  })

  it('drinking water: W1 class III complies, W2 (lake TP 0.08) is class IV → 50 %', () => {
    const s = doc.sections.find((x) => x.id === 'drinking-water')!
    expect(figures(s)).toMatchObject({ compliancePct: 50, compliant: 1, assessed: 2 })
    expect(s.completeness).toMatchObject({ received: 56, expected: 56 })
    const items = table(s, 'items').rows.filter((r) => r[0] === 'W2')
    const tp = items.find((r) => JSON.stringify(r[1]).includes('Total phosphorus'))!
    expect(tp[3]).toBeCloseTo(0.08, 10)
    expect(tp.slice(4, 7)).toEqual(['Ⅳ', 0.05, { zh: '超标', en: 'exceeds' }])
    // (0.08 − 0.05) / 0.05
    expect(tp[7]).toBeCloseTo(0.6, 10)
  })

  it('wastewater: treated and reclaimed volumes, reuse 8 %, effluent compliance 49 / 56 plant-days', () => {
    const s = doc.sections.find((x) => x.id === 'wastewater')!
    const f = figures(s)
    expect(f.treatedM3).toBeCloseTo((9600 + 4800) * 28, 6)
    expect(f.reclaimedM3).toBeCloseTo(1152 * 28, 6)
    expect(f.reusePct).toBeCloseTo((100 * 1152) / 14_400, 10)
    expect(f.effluentPct).toBeCloseTo((100 * 49) / 56, 10)
    const p2 = table(s, 'plants').rows.find((r) => r[0] === 'P2')!
    expect(p2.slice(7)).toEqual([28, 21, 75])
  })

  it('energy: E1 used 28 × 4800 kWh × 0.1229 kgce/kWh against 28 / 365 of its 365 tce quota', () => {
    const s = doc.sections.find((x) => x.id === 'energy')!
    const row = table(s, 'units').rows[0]!
    expect(row[0]).toBe('E1')
    expect(row[3]).toBeCloseTo(28, 6)
    expect(row[4]).toBeCloseTo((28 * 4800 * 0.1229) / 1000, 6)
    expect(figures(s).withinPct).toBe(100)
  })

  it('lists it, and refuses a viewer generating, a future period and a period of the wrong grain', async () => {
    const list = (await (await sys.api('/api/reports?kind=monthly&period=2026-02')).json()) as ReportList
    expect(list.reports.map((r) => [r.id, r.trigger, r.superseded])).toEqual([['monthly_2026-02_v1', 'on-demand', false]])
    expect((await generate('monthly', '2026-02', 'viewer')).status).toBe(403)
    const future = await generate('monthly', '2099-01')
    expect(future.status).toBe(400)
    expect(((await future.json()) as { error: { message: string } }).error.message).toMatch(/not over yet/)
    expect((await generate('daily-air', '2026-02')).status).toBe(400)
    expect((await sys.api('/api/reports/monthly_2026-02_v9')).status).toBe(404)
    expect((await sys.api('/api/reports/..%2Fusers')).status).toBe(404)
  })

  it('puts generation on the audit trail, a refused one too', async () => {
    const res = await sys.api('/api/audit?action=report.generate')
    expect(res.status).toBe(200)
    const { records } = (await res.json()) as { records: { action: string; target: string; status: number }[] }
    expect(records.map((r) => [r.target, r.status])).toEqual(
      expect.arrayContaining([
        ['monthly_2026-02_v1', 201],
        ['monthly_2099-01', 400],
      ]),
    )
  })

  it('answers the stored report again (200) while its inputs are unchanged', async () => {
    const res = await generate('monthly', '2026-02')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { id: string }).id).toBe('monthly_2026-02_v1')
  })

  it('downloads an XLSX whose sheets, numbers and units read back', async () => {
    const res = await sys.api('/api/reports/monthly_2026-02_v1?format=xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面', '环境空气质量', '集中式饮用水水源地', '污水处理厂', '重点用能单位'])
    const rows: unknown[][] = []
    wb.getWorksheet('环境空气质量')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    const co = rows.find((r) => r[0] === 'CO 第95百分位数')!
    expect(co[1]).toBeCloseTo(2.665, 10)
    expect(co[2]).toBe('mg/m³')
    expect(rows).toContainEqual(expect.arrayContaining(['排名', '站点编号', '站点名称', '镇街', 'PM₂.₅ (µg/m³)']))
  })

  it('downloads a PDF with the Chinese title, the status and the figures, and an English one', async () => {
    const res = await sys.api('/api/reports/monthly_2026-02_v1?format=pdf')
    expect(res.status).toBe(200)
    const buf = Buffer.from(await res.arrayBuffer())
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(buf)
    expect(text).toContain('东莞市环境质量月报（2026-02）')
    expect(text).toContain('暂定（未审核）')
    expect(text).toContain('89.3 %')
    const en = pdfText(Buffer.from(await (await sys.api('/api/reports/monthly_2026-02_v1?format=pdf&lang=en')).arrayBuffer()))
    expect(en).toContain('Dongguan monthly environmental quality report (2026-02)')
  })
})

describe('the annual report of 2025', () => {
  it('evaluates the year from its 28 days of data and says the year is short of valid days', async () => {
    expect((await generate('annual', '2025')).status).toBe(201)
    const doc = await report('annual_2025_v1')
    const air = doc.sections[0]!
    expect(figures(air)).toMatchObject({ goodDays: 28, validDays: 28, goodPct: 100, pm25: 50, co95: 1, o3p90: 100 })
    // 2 stations × 365 days expected, 56 received.
    expect(air.completeness).toMatchObject({ received: 56, expected: 730 })
    expect(air.notes[0]!.en).toContain('≥ 324 valid days (not met)')
    // No month-on-month for a year; 2024 has no data.
    const city = table(air, 'city')
    expect(city.columns.map((c) => c.key)).toEqual(['figure', 'unit', 'value', 'yoy', 'yoyDelta', 'yoyPct'])
    expect(city.rows[0]!.slice(3)).toEqual([null, null, null])
    // By month: February's 28 days, all good; the other months empty.
    const months = table(air, 'months')
    expect(months.rows).toHaveLength(12)
    expect(months.rows[1]!.slice(0, 5)).toEqual(['2025-02', 28, 28, 100, 50])
    expect(months.rows[0]!.slice(0, 4)).toEqual(['2025-01', 0, 0, null])
  }, 60_000)
})

describe('the daily air report of 26 February 2026', () => {
  it('gives each station and the city the day AQI, level, primary pollutant and exceedances', async () => {
    const res = await generate('daily-air', '2026-02-26')
    expect(res.status).toBe(201)
    const doc = await report('daily-air_2026-02-26_v1')
    const s = doc.sections[0]!
    const t = table(s, 'stations')
    const c = (k: string) => t.columns.findIndex((x) => x.key === k)
    const city = t.rows[0]!
    // City PM2.5 100 → IAQI 100 + (100 − 75) / 40 × 50 = 131.25 → 132, lightly polluted
    expect(city[c('aqi')]).toBe(132)
    expect(city[c('level')]).toEqual({ zh: '轻度污染', en: 'lightly polluted' })
    expect(city[c('primary')]).toBe('PM₂.₅')
    expect(city[c('pm25_24h')]).toBe(100)
    expect(city[c('o3_8h')]).toBe(152)
    expect(city[c('exceedances')]).toBe('PM₂.₅ 24h ×1.33')
    expect(t.rows.map((r) => r[0])).toEqual(['CITY', 'A1', 'A2'])
    expect(figures(s)).toMatchObject({ cityAqi: 132, stationsWithAqi: 2, stations: 2 })
  })
})

describe('the targets report of February 2026', () => {
  it('lists every city target with its method and its drivers', async () => {
    expect((await generate('targets', '2026-02')).status).toBe(201)
    const s = (await report('targets_2026-02_v1')).sections[0]!
    const t = table(s, 'targets')
    const good = t.rows.find((r) => r[0] === 'air-good-days')!
    expect(good[2]).toBeCloseTo((100 * 25) / 28, 10)
    expect(String(good[8])).toMatch(/good/i)
    expect(t.rows.find((r) => r[0] === 'drinking-water-compliance')![2]).toBe(50)
    const drivers = table(s, 'drivers').rows.filter((r) => r[0] === 'drinking-water-compliance')
    expect(drivers.map((r) => [r[1], r[4]])).toEqual([
      ['W1', { zh: '是', en: 'yes' }],
      ['W2', { zh: '否', en: 'no' }],
    ])
  })
})

describe('reissue', () => {
  it('stores a new version when the inputs changed, keeps the old one, and mails it with its files', async () => {
    const service = sys.reports.service
    expect(await service.reissueIfChanged('monthly', '2026-02')).toBeUndefined()
    // Late data: A2's missing 10 February arrives.
    await sys.store.write(days('A2', 'air', FEB + 9 * D, 1, () => air(50, 1, 120)))
    const v2 = await service.reissueIfChanged('monthly', '2026-02')
    expect(v2).toMatchObject({ id: 'monthly_2026-02_v2', version: 2 })
    const air2 = v2!.sections[0]!
    expect(figures(air2).pm25).toBeCloseTo(1300 / 28, 10)
    expect(air2.completeness.received).toBe(56)
    // The first version still gives its numbers.
    expect(figures((await report('monthly_2026-02_v1')).sections[0]!).pm25).toBeCloseTo(1290 / 28, 10)
    const list = (await (await sys.api('/api/reports?kind=monthly')).json()) as ReportList
    expect(list.reports.map((r) => [r.id, r.trigger, r.superseded])).toEqual([
      ['monthly_2026-02_v2', 'reissue', false],
      ['monthly_2026-02_v1', 'on-demand', true],
    ])
    await expect.poll(() => smtp.messages.length, { timeout: 20_000 }).toBe(1)
    const m = smtp.messages[0]!
    expect(m.to).toEqual(['chief@bureau.example.cn'])
    expect(m.subject).toBe('东莞市环境质量月报（2026-02）（暂定）')
    expect(m.raw).toContain('monthly_2026-02_v2.pdf')
    expect(m.raw).toContain('monthly_2026-02_v2.xlsx')
    expect(m.text).toContain('/#/reports/monthly_2026-02_v2')
  }, 60_000)
})
