/**
 * A report as an XLSX workbook for analysts (exceljs): a cover sheet, then one sheet per section
 * with its data status, completeness, key figures and tables; numbers are real numbers with the
 * column's number format, units in the headers. Written with exceljs' streaming writer, row by row,
 * so a large report streams to the response without building the workbook in memory.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ReportDoc, ReportLang, Section } from '../../../shared/src/protocol/http/reports'
import { cellText, header, pick, TEXT } from './render-text'

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(s: string, used: Set<string>): string {
  let name = s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28)
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)} ${i}`
  used.add(name)
  return name
}

const bold = { bold: true }
const numFmt = (digits: number | undefined) => (digits === undefined ? undefined : digits === 0 ? '0' : `0.${'0'.repeat(digits)}`)

function writeSection(wb: ExcelJS.stream.xlsx.WorkbookWriter, s: Section, lang: ReportLang, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(pick(s.title, lang), used))
  ws.addRow([pick(s.title, lang)]).font = { bold: true, size: 14 }
  ws.addRow([pick(TEXT.dataStatus, lang), pick(TEXT.status[s.dataStatus], lang), pick(s.statusNote, lang)])
  const c = ws.addRow([
    pick(TEXT.completeness, lang),
    s.completeness.pct === null ? null : s.completeness.pct / 100,
    `${s.completeness.received} / ${s.completeness.expected}`,
  ])
  c.getCell(2).numFmt = '0.0%'
  ws.addRow([])
  ws.addRow([pick(TEXT.figures, lang)]).font = bold
  ws.addRow([pick(TEXT.figure, lang), pick(TEXT.value, lang), pick(TEXT.unit, lang)]).font = bold
  for (const f of s.figures) {
    const r = ws.addRow([pick(f.label, lang), f.value, f.unit ?? ''])
    const fmt = numFmt(f.digits)
    if (fmt) r.getCell(2).numFmt = fmt
  }
  for (const t of s.tables) {
    ws.addRow([])
    ws.addRow([pick(t.title, lang)]).font = { bold: true, size: 12 }
    ws.addRow(t.columns.map((col) => header(col, lang))).font = bold
    for (const row of t.rows) {
      const r = ws.addRow(row.map((v, i) => (typeof v === 'number' || v === null ? v : cellText(v, t.columns[i], lang))))
      t.columns.forEach((col, i) => {
        const fmt = numFmt(col.digits)
        if (fmt && typeof row[i] === 'number') r.getCell(i + 1).numFmt = fmt
      })
      r.commit()
    }
  }
  if (s.notes.length > 0) {
    ws.addRow([])
    ws.addRow([pick(TEXT.notes, lang)]).font = bold
    for (const n of s.notes) ws.addRow([pick(n, lang)])
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 28 : 16
  })
  ws.commit()
}

/**
 * Write the report as XLSX to `out` (ends it).
 * @example await renderXlsx(doc, 'zh', res)
 */
export async function renderXlsx(doc: ReportDoc, lang: ReportLang, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'envmon'
  wb.created = new Date(doc.generatedAt)
  const used = new Set<string>()
  const cover = wb.addWorksheet(sheetName(lang === 'zh' ? '封面' : 'Report', used))
  cover.addRow([pick(doc.title, lang)]).font = { bold: true, size: 16 }
  cover.addRow([pick(TEXT.generated, lang), doc.generatedAt])
  cover.addRow([pick(TEXT.version, lang), doc.version])
  cover.addRow([pick(TEXT.inputs, lang), doc.inputsVersion])
  cover.addRow([pick(TEXT.dataStatus, lang), pick(TEXT.status[doc.dataStatus], lang)])
  cover.getColumn(1).width = 24
  cover.getColumn(2).width = 70
  cover.commit()
  for (const s of doc.sections) writeSection(wb, s, lang, used)
  await wb.commit()
}
