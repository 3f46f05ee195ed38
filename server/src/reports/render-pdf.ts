/**
 * A report as a PDF for the leadership (pdfkit, A4 landscape): title, data status banner, and per
 * section its status and completeness, key figures, a bar chart of each table that names one, the
 * tables (header repeated on each page) and the method notes. Chinese is set in the Noto Sans CJK
 * font embedded as a subset (REPORT_FONT); the PDF streams to the response page by page.
 *
 * Why pdfkit and not printing an HTML page with Chromium (docs/reports.md): the server needs no
 * browser in production (a 300 MB dependency, a process per report and its crash modes), a report
 * streams in bounded memory whatever its length, and the layout is deterministic for tests; the
 * cost is that tables and charts are drawn by hand here, not styled with CSS.
 */
import { existsSync } from 'node:fs'
import type { Writable } from 'node:stream'
import PDFDocument from 'pdfkit'
import type { Cell, Column, ReportDoc, ReportLang, Section, Table } from '../../../shared/src/protocol/http/reports'
import { aqiLevel } from '../../../shared/src/standards/aqi-table'
import { cellText, header, pick, TEXT } from './render-text'

/** The CJK font: a .ttc collection and the face to use from it, or a single .otf/.ttf. */
export interface ReportFont {
  path: string
  /** PostScript name of the face in a collection (default NotoSansCJKsc-Regular for a .ttc). */
  family?: string
}

/** The report font is missing: the PDF cannot be made (the message names REPORT_FONT). */
export class ReportFontError extends Error {
  readonly code = 'report-font-missing'
}

/** Throw a {@link ReportFontError} when the font file does not exist. */
export function assertReportFont(font: ReportFont): void {
  if (!existsSync(font.path))
    throw new ReportFontError(
      `the report font ${font.path} does not exist: install fonts-noto-cjk (Debian) or set REPORT_FONT to a CJK .ttc/.otf file; PDF reports are unavailable until then`,
    )
}

const PAGE = { w: 841.89, h: 595.28, m: 36 }
const W = PAGE.w - 2 * PAGE.m
/** Bars drawn in a chart at most (a 1000-station ranking shows its first rows). */
export const CHART_MAX_BARS = 40
const SUBSCRIPTS: Record<string, string> = {
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
}
/** Noto Sans CJK has no subscript digits: PM₂.₅ is set as PM2.5. */
const plain = (s: string) => s.replace(/[₀-₉]/g, (c) => SUBSCRIPTS[c]!)

class Writer {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly lang: ReportLang,
  ) {}

  text(s: string, size: number, opts: PDFKit.Mixins.TextOptions = {}): void {
    this.doc.fontSize(size).text(plain(s), opts)
  }

  /** Room for `h` points, else a new page. */
  room(h: number): void {
    if (this.doc.y + h > PAGE.h - PAGE.m) this.doc.addPage()
  }

  banner(doc: ReportDoc): void {
    const d = this.doc
    const provisional = doc.dataStatus === 'provisional'
    const y = d.y
    const note = pick(doc.sections[0]?.statusNote ?? { zh: '', en: '' }, this.lang)
    d.save()
      .rect(PAGE.m, y, W, 30)
      .fill(provisional ? '#fff3e0' : '#e8f5e9')
      .restore()
    d.fillColor(provisional ? '#e65100' : '#1b5e20')
    d.fontSize(10).text(
      plain(`${pick(TEXT.dataStatus, this.lang)}: ${pick(TEXT.status[doc.dataStatus], this.lang)}  ${note}`),
      PAGE.m + 8,
      y + 9,
      { width: W - 16, lineBreak: false, ellipsis: true },
    )
    d.fillColor('black')
    d.x = PAGE.m
    d.y = y + 40
  }

  figures(s: Section): void {
    const d = this.doc
    const per = 5
    const cw = W / per
    for (let i = 0; i < s.figures.length; i += per) {
      this.room(36)
      const y = d.y
      s.figures.slice(i, i + per).forEach((f, j) => {
        const x = PAGE.m + j * cw
        d.fontSize(8)
          .fillColor('#555')
          .text(plain(pick(f.label, this.lang)), x, y, { width: cw - 6, lineBreak: false, ellipsis: true })
        const v = f.value === null ? '—' : f.digits !== undefined ? f.value.toFixed(f.digits) : String(f.value)
        d.fontSize(14)
          .fillColor('black')
          .text(plain(`${v}${f.unit ? ` ${f.unit}` : ''}`), x, y + 11, { width: cw - 6, lineBreak: false })
      })
      d.x = PAGE.m
      d.y = y + 34
    }
  }

  chart(t: Table): void {
    const c = t.chart!
    const ci = t.columns.findIndex((x) => x.key === c.column)
    if (ci < 0) return
    const rows = t.rows.filter((r) => typeof r[ci] === 'number').slice(0, CHART_MAX_BARS)
    if (rows.length === 0) return
    const d = this.doc
    const h = 130
    this.room(h + 40)
    const col = t.columns[ci]!
    const more = t.rows.length > CHART_MAX_BARS ? pick(TEXT.chartTop, this.lang).replace('{n}', String(CHART_MAX_BARS)) : ''
    this.text(`${pick(t.title, this.lang)} — ${header(col, this.lang)}${more}`, 9)
    const top = d.y + 4
    const left = PAGE.m + 30
    const width = W - 30
    const values = rows.map((r) => r[ci] as number)
    const max = Math.max(...values, c.limit ?? 0) * 1.1 || 1
    const y = (v: number) => top + h - (v / max) * h
    d.save().lineWidth(0.5).strokeColor('#999')
    d.moveTo(left, top)
      .lineTo(left, top + h)
      .lineTo(left + width, top + h)
      .stroke()
    for (let k = 0; k <= 4; k++) {
      const v = (max * k) / 4
      d.fontSize(6)
        .fillColor('#555')
        .text(v.toFixed(v < 10 ? 1 : 0), PAGE.m, y(v) - 3, { width: 26, align: 'right', lineBreak: false })
    }
    const bw = width / values.length
    values.forEach((v, i) => {
      const colour =
        col.key === 'aqi' ? (aqiLevel(Math.round(v))?.hex ?? '#4682b4') : c.limit !== undefined && v > c.limit ? '#e4572e' : '#4682b4'
      d.rect(left + i * bw + bw * 0.15, y(v), bw * 0.7, top + h - y(v)).fill(colour)
      const label = cellText(rows[i]![0] ?? '', t.columns[0], this.lang)
      d.fontSize(5)
        .fillColor('#333')
        .text(plain(/^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label), left + i * bw, top + h + 2, {
          width: bw,
          align: 'center',
          lineBreak: false,
          ellipsis: true,
        })
    })
    if (c.limit !== undefined && c.limit <= max) {
      d.strokeColor('#c62828')
        .lineWidth(0.8)
        .dash(3, { space: 2 })
        .moveTo(left, y(c.limit))
        .lineTo(left + width, y(c.limit))
        .stroke()
        .undash()
    }
    d.restore()
    d.fillColor('black')
    d.x = PAGE.m
    d.y = top + h + 14
  }

  table(t: Table): void {
    const d = this.doc
    this.room(40)
    this.text(pick(t.title, this.lang), 10)
    d.moveDown(0.2)
    const size = t.columns.length > 12 ? 6 : 7
    d.fontSize(size)
    const heads = t.columns.map((c) => plain(header(c, this.lang)))
    const sample = t.rows.slice(0, 50)
    const want = t.columns.map((c, i) => {
      let w = Math.min(d.widthOfString(heads[i]!), 90)
      for (const r of sample)
        w = Math.max(w, Math.min(d.widthOfString(plain(cellText(r[i] ?? null, c, this.lang))), c.key === 'method' ? 400 : 160))
      return w + 6
    })
    const total = want.reduce((a, b) => a + b, 0)
    const widths = want.map((w) => (w * W) / Math.max(total, W))
    const drawRow = (cells: string[], boldRow: boolean, shade: boolean) => {
      const h = Math.min(Math.max(...cells.map((s, i) => d.heightOfString(s, { width: widths[i]! - 4 }))), size * 7) + 4
      if (d.y + h > PAGE.h - PAGE.m) {
        d.addPage()
        if (!boldRow) drawRow(heads, true, true)
      }
      const y = d.y
      if (shade)
        d.save()
          .rect(PAGE.m, y, W, h)
          .fill(boldRow ? '#e3eaf2' : '#f6f6f6')
          .restore()
      let x = PAGE.m
      cells.forEach((s, i) => {
        d.fillColor('black').text(s, x + 2, y + 2, { width: widths[i]! - 4, height: h - 2, ellipsis: true })
        x += widths[i]!
      })
      d.x = PAGE.m
      d.y = y + h
    }
    drawRow(heads, true, true)
    t.rows.forEach((r, k) =>
      drawRow(
        t.columns.map((c: Column, i) => plain(cellText((r[i] ?? null) as Cell, c, this.lang))),
        false,
        k % 2 === 1,
      ),
    )
    d.moveDown(0.8)
  }

  section(s: Section): void {
    const d = this.doc
    this.room(80)
    d.moveDown(0.5)
    this.text(pick(s.title, this.lang), 14)
    const pct = s.completeness.pct === null ? '—' : `${s.completeness.pct.toFixed(1)}%`
    d.fillColor(s.dataStatus === 'provisional' ? '#e65100' : '#1b5e20')
    this.text(
      `${pick(TEXT.dataStatus, this.lang)}: ${pick(TEXT.status[s.dataStatus], this.lang)} · ${pick(TEXT.completeness, this.lang)}: ${pct} (${s.completeness.received} / ${s.completeness.expected})`,
      9,
    )
    d.fillColor('black').moveDown(0.4)
    this.figures(s)
    for (const t of s.tables) if (t.chart) this.chart(t)
    for (const t of s.tables) this.table(t)
    if (s.notes.length > 0) {
      this.room(30)
      this.text(pick(TEXT.notes, this.lang), 9)
      for (const n of s.notes) this.text(pick(n, this.lang), 7, { width: W })
    }
  }
}

/**
 * Write the report as PDF to `out` (ends it). Throws {@link ReportFontError} before writing anything
 * when the font is missing.
 * @example renderPdf(doc, 'zh', { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' }, res)
 */
export async function renderPdf(report: ReportDoc, lang: ReportLang, font: ReportFont, out: Writable): Promise<void> {
  assertReportFont(font)
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.m,
    info: { Title: pick(report.title, lang), Creator: 'envmon', CreationDate: new Date(report.generatedAt) },
  })
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
    doc.on('error', reject)
  })
  doc.pipe(out)
  const family = font.family ?? (font.path.toLowerCase().endsWith('.ttc') ? 'NotoSansCJKsc-Regular' : undefined)
  if (family) doc.registerFont('cjk', font.path, family)
  else doc.registerFont('cjk', font.path)
  doc.font('cjk')
  const w = new Writer(doc, lang)
  w.text(pick(report.title, lang), 20)
  doc.moveDown(0.3)
  w.text(
    `${pick(TEXT.generated, lang)}: ${report.generatedAt} · ${pick(TEXT.version, lang)} ${report.version} · ${pick(TEXT.inputs, lang)}: ${report.inputsVersion.slice(0, 16)}`,
    8,
  )
  doc.moveDown(0.5)
  w.banner(report)
  for (const s of report.sections) w.section(s)
  doc.end()
  await done
}
