import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ReportDoc } from '../../../shared/src/protocol/http/reports'
import { pdfText } from '../../../test/helpers/pdf-text'
import { renderPdf, ReportFontError } from './render-pdf'
import { renderXlsx } from './render-xlsx'

const FONT = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' }

const doc: ReportDoc = {
  id: 'monthly_2026-02_v1',
  kind: 'monthly',
  period: '2026-02',
  version: 1,
  generatedAt: '2026-03-01T01:00:00+08:00',
  inputsVersion: 'ab'.repeat(32),
  title: { zh: '东莞市环境质量月报（2026-02）', en: 'Dongguan monthly environmental quality report (2026-02)' },
  dataStatus: 'provisional',
  sections: [
    {
      id: 'air',
      title: { zh: '环境空气质量', en: 'Ambient air quality' },
      completeness: { received: 50, expected: 56, pct: (100 * 50) / 56 },
      dataStatus: 'provisional',
      statusNote: { zh: '数据未经审核', en: 'Provisional data' },
      figures: [{ key: 'goodPct', label: { zh: '优良天数比例', en: 'Good-days ratio' }, value: 92.857142, unit: '%', digits: 1 }],
      tables: [
        {
          id: 'stations',
          title: { zh: '站点排名', en: 'Stations ranked' },
          columns: [
            { key: 'station', label: { zh: '站点编号', en: 'Station' } },
            { key: 'name', label: { zh: '站点名称', en: 'Name' } },
            { key: 'pm25', label: { zh: 'PM₂.₅', en: 'PM₂.₅' }, unit: 'µg/m³', digits: 0 },
          ],
          rows: [
            ['A1', { zh: '莞城', en: 'Guancheng' }, 31.25],
            ['A2', { zh: '南城', en: 'Nancheng' }, null],
          ],
          chart: { column: 'pm25', limit: 35 },
        },
      ],
      notes: [{ zh: '按HJ 663-2013评价。', en: 'Per HJ 663-2013.' }],
    },
  ],
}

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await write(out)
  return Buffer.concat(chunks)
}

describe('report renderers', () => {
  it('writes an XLSX whose numbers, units and sheets read back', async () => {
    const buf = await collect((out) => renderXlsx(doc, 'zh', out))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面', '环境空气质量'])
    const ws = wb.getWorksheet('环境空气质量')!
    const rows: unknown[][] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    expect(rows).toContainEqual(['优良天数比例', 92.857142, '%'])
    expect(rows).toContainEqual(['站点编号', '站点名称', 'PM₂.₅ (µg/m³)'])
    expect(rows).toContainEqual(['A1', '莞城', 31.25])
  })

  it('writes English sheets with lang=en', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await collect((out) => renderXlsx(doc, 'en', out))) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Report', 'Ambient air quality'])
  })

  it('writes a PDF whose text holds the Chinese title and figures', async () => {
    const buf = await collect((out) => renderPdf(doc, 'zh', FONT, out))
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(buf.subarray(-6).toString()).toContain('%%EOF')
    const text = pdfText(buf)
    expect(text).toContain('东莞市环境质量月报（2026-02）')
    expect(text).toContain('暂定（未审核）')
    expect(text).toContain('92.9 %')
    expect(text).toContain('PM2.5 (µg/m³)')
  })

  it('fails clearly, before writing, when the font is missing', async () => {
    const out = new PassThrough()
    await expect(renderPdf(doc, 'zh', { path: '/nonexistent/font.ttc' }, out)).rejects.toThrow(ReportFontError)
    await expect(renderPdf(doc, 'zh', { path: '/nonexistent/font.ttc' }, out)).rejects.toThrow(/REPORT_FONT/)
  })
})
