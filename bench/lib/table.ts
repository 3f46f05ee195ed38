/** The readable table printed at the end of a run. */
import type { Figure } from './figures'
import type { MachineInfo } from './machine'

function fmt(v: number | undefined, unit: string): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  if (unit === '×') return v.toFixed(2)
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US')
  if (Math.abs(v) >= 100) return v.toFixed(0)
  if (Math.abs(v) >= 10) return v.toFixed(1)
  return v.toFixed(2)
}

function pad(s: string, n: number): string {
  // East Asian wide characters are not expected here; plain padding is enough.
  return s.length >= n ? s : s + ' '.repeat(n - s.length)
}

export function renderTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.scenario,
    f.name,
    fmt(f.value, f.unit),
    f.unit,
    f.goal?.text ?? '',
    f.pass === undefined ? (f.goal ? 'n/a' : '') : f.pass ? 'PASS' : 'MISS',
    f.note ?? '',
  ])
  const head = ['scenario', 'figure', 'value', 'unit', 'goal', 'vs goal', 'note']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 6 ? 0 : r[i]!.length))))
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : i === 6 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function renderMachine(m: MachineInfo): string {
  const p = m.packages
  return [
    `machine: ${m.cores} cores ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os} (kernel ${m.kernel}), Node ${m.node}`,
    `versions: mqtt ${p.mqtt}, aedes ${p.aedes}, @duckdb/node-api ${p['@duckdb/node-api']}, socket.io ${p['socket.io']}, mosquitto ${m.mosquitto ?? 'absent'}, ${m.chromium ?? 'chromium absent'}`,
    `commit: ${m.commit ?? '?'}${m.dirty ? ' (+ uncommitted changes outside bench/)' : ''}`,
  ].join('\n')
}
