/**
 * A small PDF text extractor for tests (no poppler on the CI image, no extra npm package): inflates
 * every FlateDecode stream, reads the fonts' ToUnicode CMaps (bfchar and bfrange, the forms pdfkit
 * writes) and decodes the hex strings of the content streams' Tj/TJ operators. Enough for PDFs made
 * by pdfkit with one embedded (CID) font, which is what the reports renderer writes; not a general
 * PDF parser.
 */
import { inflateSync } from 'node:zlib'

/** Every stream of the file, inflated when FlateDecode. */
function streams(pdf: Buffer): string[] {
  const out: string[] = []
  const text = pdf.toString('latin1')
  const re = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) break
    let body = pdf.subarray(start, end)
    if (/FlateDecode/.test(m[1]!)) {
      try {
        body = inflateSync(body)
      } catch {
        re.lastIndex = end
        continue
      }
    }
    out.push(body.toString('latin1'))
    re.lastIndex = end
  }
  return out
}

const hexToString = (h: string) => {
  let s = ''
  for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCodePoint(parseInt(h.slice(i, i + 4), 16))
  return s
}

/** The glyph code → text map of every ToUnicode CMap. */
function cmap(all: string[]): Map<number, string> {
  const map = new Map<number, string>()
  for (const s of all) {
    if (!s.includes('begincmap')) continue
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set(parseInt(code!, 16), hexToString(uni!))
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const a = parseInt(lo!, 16)
        const b = parseInt(hi!, 16)
        if (rest!.startsWith('[')) {
          const list = [...rest!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToString(x[1]!))
          for (let c = a; c <= b; c++) map.set(c, list[c - a] ?? '')
        } else {
          const base = hexToString(rest!.slice(1, -1))
          const cp = base.codePointAt(0)!
          for (let c = a; c <= b; c++) map.set(c, String.fromCodePoint(cp + (c - a)))
        }
      }
    }
  }
  return map
}

/**
 * The text of a pdfkit PDF, one line per text-showing operator.
 * @example expect(pdfText(buf)).toContain('环境质量月报')
 */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf)
  const map = cmap(all)
  const lines: string[] = []
  for (const s of all) {
    if (!/\bT[Jj]\b/.test(s)) continue
    for (const op of s.matchAll(/(\[[^\]]*\]|<[0-9a-fA-F]*>)\s*T[Jj]/g)) {
      let line = ''
      for (const h of op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (let i = 0; i + 4 <= h[1]!.length; i += 4) line += map.get(parseInt(h[1]!.slice(i, i + 4), 16)) ?? ''
      }
      lines.push(line)
    }
  }
  return lines.join('\n')
}
