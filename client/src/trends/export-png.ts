/**
 * PNG of the comparison charts: the canvas lines and the SVG axes, limit lines and labels composited
 * into one canvas (the SVG is serialized with its computed styles inlined, since CSS classes do not
 * reach an SVG drawn as an image), with a title, the range and the colour legend, then
 * `canvas.toBlob` and a download.
 */

/** One chart to put in the image. */
export interface PngPanel {
  title: string
  canvas: HTMLCanvasElement
  svg: SVGSVGElement
}

/** Title block and legend of the image. */
export interface PngHeader {
  title: string
  subtitle: string
  legend: readonly { label: string; color: string }[]
}

const STYLE_PROPS = [
  'fill',
  'stroke',
  'stroke-width',
  'paint-order',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-opacity',
  'fill-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'display',
  'visibility',
]
const BG = '#0d141b'
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

/** A copy of an SVG with every element's computed presentation inlined. */
function inlinedSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const src = [svg, ...svg.querySelectorAll('*')]
  const dst = [clone, ...clone.querySelectorAll('*')]
  src.forEach((el, i) => {
    const cs = getComputedStyle(el)
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';')
    dst[i]!.setAttribute('style', style)
  })
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  return new XMLSerializer().serializeToString(clone)
}

async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([inlinedSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }))
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return img
  } finally {
    URL.revokeObjectURL(url)
  }
}

/**
 * Composite the panels into one PNG.
 * @example const blob = await chartPng(panels, { title: 'PM2.5', subtitle: range, legend })
 */
export async function chartPng(panels: readonly PngPanel[], header: PngHeader, scale = 2): Promise<Blob> {
  const w = Math.max(...panels.map((p) => p.svg.clientWidth || Number(p.svg.getAttribute('width')) || 800))
  const heights = panels.map((p) => p.svg.clientHeight || Number(p.svg.getAttribute('height')) || 300)
  const headH = 64
  const legendH = 28
  const titleH = 24
  const total = headH + legendH + heights.reduce((a, h) => a + h + titleH, 0) + 12
  const out = document.createElement('canvas')
  out.width = Math.round(w * scale)
  out.height = Math.round(total * scale)
  const ctx = out.getContext('2d')!
  ctx.scale(scale, scale)
  ctx.fillStyle = BG
  ctx.fillRect(0, 0, w, total)
  ctx.fillStyle = '#f3f7fa'
  ctx.font = `600 18px ${FONT}`
  ctx.fillText(header.title, 16, 28)
  ctx.fillStyle = '#8b9bab'
  ctx.font = `13px ${FONT}`
  ctx.fillText(header.subtitle, 16, 50)
  let x = 16
  ctx.font = `13px ${FONT}`
  for (const l of header.legend) {
    ctx.fillStyle = l.color
    ctx.fillRect(x, headH + 6, 14, 4)
    ctx.fillStyle = '#dbe4ec'
    ctx.fillText(l.label, x + 20, headH + 13)
    x += 34 + ctx.measureText(l.label).width
  }
  let y = headH + legendH
  for (const [i, p] of panels.entries()) {
    ctx.fillStyle = '#f3f7fa'
    ctx.font = `600 14px ${FONT}`
    ctx.fillText(p.title, 16, y + 16)
    y += titleH
    ctx.drawImage(p.canvas, 0, y, w, heights[i]!)
    ctx.drawImage(await svgImage(p.svg), 0, y, w, heights[i]!)
    y += heights[i]!
  }
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'),
  )
}

/** Offer a blob as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
