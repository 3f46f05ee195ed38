/**
 * Summarize a V8 .cpuprofile: self time per function and per area (package or source folder), as
 * a share of the busy (non-idle) time. Used for the ingest profile (`npm run bench -- --profile`).
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

export interface SelfTime {
  name: string
  ms: number
  /** Percent of busy time. */
  pct: number
}

export interface ProfileSummary {
  file: string
  totalMs: number
  idleMs: number
  busyMs: number
  topFunctions: SelfTime[]
  /** Inclusive (self + callees) time of the project's own functions (not node_modules). */
  topInclusive: SelfTime[]
  byArea: SelfTime[]
}

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)'])

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '')
  if (path.startsWith('/')) return relative(process.cwd(), path)
  return path
}

/** The area a frame belongs to: a package, a source folder, node internals or a V8 pseudo-frame. */
export function areaOf(functionName: string, url: string): string {
  if (!url) return SPECIAL.has(functionName) ? functionName : '(native)'
  if (url.startsWith('node:')) return 'node: internals'
  const p = shortUrl(url)
  const nm = p.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const parts = p.slice(nm + 'node_modules/'.length).split('/')
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
  }
  const parts = p.split('/')
  // e.g. ingest/src/pipeline/durable-queue.ts -> ingest/src/pipeline
  return parts.length > 3 ? parts.slice(0, 3).join('/') : parts.slice(0, -1).join('/') || p
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!
    self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000)
  }
  const fn = new Map<string, number>()
  const area = new Map<string, number>()
  let total = 0
  let idle = 0
  for (const [id, ms] of self) {
    const n = byId.get(id)!
    const { functionName, url, lineNumber } = n.callFrame
    total += ms
    if (functionName === '(idle)') {
      idle += ms
      continue
    }
    // tsx-compiled sources report line 1 for everything: the file is enough there.
    const line = url.endsWith('.ts') ? '' : `:${lineNumber + 1}`
    const key = url ? `${functionName || '(anonymous)'} ${shortUrl(url)}${line}` : functionName || '(native)'
    fn.set(key, (fn.get(key) ?? 0) + ms)
    const a = areaOf(functionName, url)
    area.set(a, (area.get(a) ?? 0) + ms)
  }
  const busy = total - idle
  // Inclusive time of project functions: each sample counts once per distinct function on its stack.
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const keyOf = new Map<number, string | undefined>()
  for (const n of prof.nodes) {
    const { functionName, url } = n.callFrame
    const own = url && !url.startsWith('node:') && !url.includes('node_modules')
    keyOf.set(n.id, own ? `${functionName || '(anonymous)'} ${shortUrl(url)}` : undefined)
  }
  const incl = new Map<string, number>()
  for (let i = 0; i < prof.samples.length; i++) {
    const ms = (prof.timeDeltas[i] ?? 0) / 1000
    const seen = new Set<string>()
    for (let id: number | undefined = prof.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = keyOf.get(id)
      if (k && !seen.has(k)) {
        seen.add(k)
        incl.set(k, (incl.get(k) ?? 0) + ms)
      }
    }
  }
  const rank = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), pct: Math.round((ms / busy) * 1000) / 10 }))
  return {
    file: relative(process.cwd(), file),
    totalMs: Math.round(total),
    idleMs: Math.round(idle),
    busyMs: Math.round(busy),
    topFunctions: rank(fn, top),
    topInclusive: rank(incl, top),
    byArea: rank(area, 20),
  }
}
