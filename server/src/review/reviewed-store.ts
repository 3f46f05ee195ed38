/**
 * The reviewed view of the store (issue 13): the store port with the review marks in force applied.
 * Raw rows are never touched; this reads them and applies the marks on the way out, so every reader
 * of reviewed data (the series API, exports, the targets board) sees the same values.
 *
 * Cheap where nothing is marked: a query no mark touches goes straight to the store. Where marks
 * touch it, only the buckets they touch are recomputed from the raw points (fetched for those
 * stretches only) with shared/src/review/apply-marks.ts: invalid values are left out of every
 * aggregate, corrected values take the place of the value they correct. Writes, `latest` and
 * `count` are the raw store's: review changes what is read, never what is stored.
 */
import type { DataFlag } from '../../../shared/src/domain/reading'
import type { AggFn, Every, ExportQuery, ExportRow, Series, SeriesQuery, Store } from '../../../shared/src/ports/store'
import { EVERY_MS, bucketStart } from '../../../shared/src/ports/store'
import { decidingMarks, reviewedValue } from '../../../shared/src/review/apply-marks'
import { markTouches, type Mark } from '../../../shared/src/review/marks'

/** An export row in the reviewed view: `value` NaN when left out; `review` says what applied ('' nothing). */
export interface ReviewedExportRow extends ExportRow {
  review: string
}

/** What applied to a point: '' nothing, `invalid:<reason>`, or `corrected`. */
export function appliedLabel(m: Mark | undefined): string {
  return !m ? '' : m.action === 'invalid' ? `invalid:${m.reason}` : 'corrected'
}

/** One recomputed bucket: its value (NaN when every value was left out) and what applied. */
interface Bucket {
  value: number
  applied: string
}

function aggregate(acc: { n: number; sum: number; min: number; max: number; last: number }, x: number): void {
  acc.n++
  acc.sum += x
  if (x < acc.min) acc.min = x
  if (x > acc.max) acc.max = x
  acc.last = x
}

function result(fn: AggFn, acc: { n: number; sum: number; min: number; max: number; last: number }): number {
  if (acc.n === 0) return NaN
  return fn === 'mean' ? acc.sum / acc.n : fn === 'min' ? acc.min : fn === 'max' ? acc.max : acc.last
}

/** Merge [from, to) stretches (sorted by from) that overlap or touch. */
function merge(spans: { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = []
  for (const s of spans.sort((a, b) => a.from - b.from)) {
    const last = out.at(-1)
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to)
    else out.push({ ...s })
  }
  return out
}

export class ReviewedStore {
  constructor(
    private readonly raw: Store,
    /** The marks in force (any order). */
    private readonly marks: () => readonly Mark[],
  ) {}

  /** The marks touching a station's metric over [from, to). */
  private touching(stationId: string, from: number, to: number, metric?: string): Mark[] {
    return this.marks().filter((m) => markTouches(m, stationId, from, to, metric))
  }

  /**
   * The buckets of one station's metric that marks touch, recomputed from raw points with the
   * marks applied. Keyed by bucket start.
   */
  private async recompute(
    stationId: string,
    metric: string,
    q: { from: number; to: number; every: Every; fn: AggFn; validOnly?: boolean },
    marks: Mark[],
  ): Promise<Map<number, Bucket>> {
    const w = EVERY_MS[q.every]
    const spans = merge(
      marks
        .map((m) => ({ from: Math.max(q.from, bucketStart(m.from, q.every)), to: Math.min(q.to, bucketStart(m.to - 1, q.every) + w) }))
        .filter((s) => s.from < s.to),
    )
    const out = new Map<number, Bucket>()
    for (const span of spans) {
      const [pts] = await this.raw.series({
        stationId,
        metrics: [metric],
        from: span.from,
        to: span.to,
        every: 'raw',
        fn: 'mean',
        validOnly: q.validOnly,
      })
      if (!pts) continue
      const deciding = decidingMarks(pts.t, stationId, metric, marks)
      let b = NaN
      let acc = { n: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN }
      let applied = new Set<string>()
      const flush = () => {
        if (Number.isNaN(b)) return
        out.set(b, { value: result(q.fn, acc), applied: [...applied].filter(Boolean).join('+') })
      }
      for (let i = 0; i < pts.t.length; i++) {
        const bs = bucketStart(pts.t[i]!, q.every)
        if (bs !== b) {
          flush()
          b = bs
          acc = { n: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN }
          applied = new Set()
        }
        const m = deciding[i]
        applied.add(appliedLabel(m))
        const x = reviewedValue(pts.v[i]!, m)
        if (!Number.isNaN(x)) aggregate(acc, x)
      }
      flush()
    }
    return out
  }

  /** Apply marks to one series of a query's result (in place of a copy). */
  private async reviewSeries(stationId: string, s: Series, q: Omit<SeriesQuery, 'stationId' | 'metrics'>): Promise<Series> {
    const marks = this.touching(stationId, q.from, q.to, s.metric)
    if (marks.length === 0) return s
    if (q.every === 'raw') {
      const deciding = decidingMarks(s.t, stationId, s.metric, marks)
      const out: Series = {
        metric: s.metric,
        t: [],
        v: [],
        ...(s.flags ? { flags: [] as DataFlag[] } : {}),
        ...(s.decimated ? { decimated: true } : {}),
      }
      for (let i = 0; i < s.t.length; i++) {
        const x = reviewedValue(s.v[i]!, deciding[i])
        if (Number.isNaN(x)) continue
        out.t.push(s.t[i]!)
        out.v.push(x)
        if (s.flags) out.flags!.push(s.flags[i]!)
      }
      return out
    }
    const fixed = await this.recompute(stationId, s.metric, q, marks)
    const t: number[] = []
    const v: number[] = []
    const put = (bt: number, bv: number) => {
      if (Number.isNaN(bv)) return
      t.push(bt)
      v.push(bv)
    }
    const pending = [...fixed.entries()].sort((a, b) => a[0] - b[0])
    let k = 0
    for (let i = 0; i < s.t.length; i++) {
      const bt = s.t[i]!
      while (k < pending.length && pending[k]![0] < bt) put(pending[k]![0], pending[k++]![1].value)
      if (k < pending.length && pending[k]![0] === bt) put(bt, pending[k++]![1].value)
      else put(bt, s.v[i]!)
    }
    while (k < pending.length) put(pending[k]![0], pending[k++]![1].value)
    return { metric: s.metric, t, v }
  }

  /** The store's series with the marks applied. */
  async series(q: SeriesQuery): Promise<Series[]> {
    const raw = await this.raw.series(q)
    if (this.touching(q.stationId, q.from, q.to).length === 0) return raw
    return Promise.all(raw.map((s) => this.reviewSeries(q.stationId, s, q)))
  }

  /** Many stations' aggregated series with the marks applied (the targets' bulk query). */
  async seriesMany(q: Parameters<NonNullable<Store['seriesMany']>>[0]): Promise<Map<string, Series[]>> {
    const raw = this.raw.seriesMany
      ? await this.raw.seriesMany(q)
      : new Map(await Promise.all(q.stationIds.map(async (id) => [id, await this.raw.series({ ...q, stationId: id })] as const)))
    for (const [id, list] of raw) {
      if (this.touching(id, q.from, q.to).length === 0) continue
      raw.set(id, await Promise.all(list.map((s) => this.reviewSeries(id, s, q))))
    }
    return raw
  }

  /**
   * Export rows with the marks applied and a `review` column: a left-out value is kept as a row
   * with value NaN (written empty) so the export shows what review removed and why.
   */
  async *exportRows(q: ExportQuery): AsyncIterable<ReviewedExportRow[]> {
    // Aggregated: the touched buckets of each (station, metric), computed before streaming.
    const fixed = new Map<string, Bucket>()
    const marksBy = new Map<string, Mark[]>()
    for (const id of q.stationIds) {
      const ms = this.touching(id, q.from, q.to)
      if (ms.length === 0) continue
      marksBy.set(id, ms)
      if (q.every === 'raw') continue
      const metrics = new Set(ms.flatMap((m) => m.metrics).filter((m) => !q.metrics?.length || q.metrics.includes(m)))
      for (const metric of metrics) {
        const b = await this.recompute(
          id,
          metric,
          q,
          ms.filter((m) => m.metrics.includes(metric)),
        )
        for (const [t, x] of b) fixed.set(`${id}|${metric}|${t}`, x)
      }
    }
    // Raw rows: each (station, metric)'s marks sorted once, not filtered per row.
    const sorted = new Map<string, Mark[]>()
    const deciding = (stationId: string, metric: string, ts: number, ms: Mark[]): Mark | undefined => {
      const key = `${stationId}|${metric}`
      let list = sorted.get(key)
      if (!list) sorted.set(key, (list = ms.filter((m) => m.metrics.includes(metric)).sort((a, b) => b.seq - a.seq)))
      return list.find((m) => ts >= m.from && ts < m.to)
    }
    for await (const chunk of this.raw.exportRows(q)) {
      const out: ReviewedExportRow[] = new Array(chunk.length)
      for (let i = 0; i < chunk.length; i++) {
        const r = chunk[i]!
        const ms = marksBy.get(r.stationId)
        if (!ms) {
          out[i] = { ...r, review: '' }
        } else if (q.every === 'raw') {
          const m = deciding(r.stationId, r.metric, r.ts, ms)
          out[i] = { ...r, value: reviewedValue(r.value, m), review: appliedLabel(m) }
        } else {
          const b = fixed.get(`${r.stationId}|${r.metric}|${r.ts}`)
          out[i] = b ? { ...r, value: b.value, review: b.applied } : { ...r, review: '' }
        }
      }
      yield out
    }
  }

  /** The reviewed view as a full store port (reads reviewed; writes, latest and counts raw). */
  asStore(): Store {
    const raw = this.raw
    return {
      name: raw.name,
      write: (r) => raw.write(r),
      series: (q) => this.series(q),
      seriesMany: (q) => this.seriesMany(q),
      exportRows: (q) => this.exportRows(q),
      latest: () => raw.latest(),
      count: (...a) => raw.count(...a),
      ping: () => raw.ping(),
      close: () => raw.close(),
    }
  }
}
