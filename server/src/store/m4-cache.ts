/**
 * The M4 of cells that can no longer change, kept by the DuckDB store so that a chart of a moving
 * window ("the last 24 h" of the station page, redrawn on every visit) reads only the rows of the
 * cells it has not seen: the partial first cell, the cells added since, and the open one (issue 16:
 * 520 000 points in range took ~120 ms of M4 per view; the open tail takes a few).
 *
 * A request is cacheable when its buckets are whole cells of an epoch-aligned grid (shared
 * `m4GridWidth`: `to - from` is `buckets` times a whole `width` and `from` a multiple of it). Then
 * the bucket of `ts`, `(ts - from) * buckets // (to - from)`, is the cell `ts // width` less a
 * constant, so the M4 of a cell is the same in every such request, whatever its `from` (the client
 * asks its live window on that grid: `alignM4Window`). Other requests are computed as before.
 *
 * What may be kept: a cell wholly inside the request, ending at or before its series' mark (the
 * latest stored ts when the query started; every later row is past the mark) and read while no
 * write with rows at or before a mark of that series (late data, backfill, or anything while the
 * store's knowledge is incomplete) was under way. Writes say so through {@link lateBegin} and
 * {@link lateEnd}, which move the series' epoch (odd while under way) and forget its cells; a query
 * keeps what it read only if the epoch is even and unchanged from before its read to after.
 */
import type { DataFlag } from '../../../shared/src/domain/reading'

/** At most four points of one cell, in time order. */
export interface Cell {
  t: number[]
  v: number[]
  f: DataFlag[]
}

/**
 * Series × grids kept, least recently used dropped first: a cell costs ~270 bytes (its object, three
 * short arrays, the map entry), a full-width chart ~1 400 cells, so at most ~18 MB.
 */
const MAX_ENTRIES = 48

const seriesKey = (stationId: string, metric: string) => `${stationId}\u0000${metric}`

export class M4Cache {
  /** grid key (series, valid-only, width) → cell index → cell. */
  private readonly grids = new Map<string, Map<number, Cell>>()
  /** series → grid keys kept for it. */
  private readonly bySeries = new Map<string, Set<string>>()
  /** series → epoch (odd: a late write is under way). */
  private readonly epochs = new Map<string, number>()
  readonly stats = { cellsServed: 0, cellsKept: 0, late: 0 }

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  epoch(stationId: string, metric: string): number {
    return this.epochs.get(seriesKey(stationId, metric)) ?? 0
  }

  /** A write with late rows for these series (station → metrics) is about to run. */
  lateBegin(series: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [st, metrics] of series)
      for (const m of metrics) {
        const k = seriesKey(st, m)
        this.epochs.set(k, (this.epochs.get(k) ?? 0) + 1)
        this.stats.late++
      }
  }

  /** That write is over (committed or failed): its series' cells are forgotten. */
  lateEnd(series: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [st, metrics] of series)
      for (const m of metrics) {
        const k = seriesKey(st, m)
        this.epochs.set(k, (this.epochs.get(k) ?? 0) + 1)
        for (const g of this.bySeries.get(k) ?? []) this.grids.delete(g)
        this.bySeries.delete(k)
      }
  }

  /** Forget everything (rows deleted, store closed). */
  clear(): void {
    this.grids.clear()
    this.bySeries.clear()
  }

  /**
   * The longest run of kept cells [first, last] wholly inside cells [lo, hi] of a grid, with those
   * cells (taken now: a late write may forget them while the query runs), or undefined. The request
   * then reads its rows outside the run only.
   */
  run(
    stationId: string,
    metric: string,
    validOnly: boolean,
    width: number,
    lo: number,
    hi: number,
  ): { first: number; last: number; cells: Cell[] } | undefined {
    const g = this.touch(this.gridKey(stationId, metric, validOnly, width))
    if (!g || g.size === 0) return undefined
    let best: { first: number; last: number } | undefined
    let start = -1
    for (let c = lo; c <= hi + 1; c++) {
      if (c <= hi && g.has(c)) {
        if (start < 0) start = c
      } else if (start >= 0) {
        if (!best || c - 1 - start > best.last - best.first) best = { first: start, last: c - 1 }
        start = -1
      }
    }
    if (!best) return undefined
    const cells: Cell[] = []
    for (let c = best.first; c <= best.last; c++) cells.push(g.get(c)!)
    this.stats.cellsServed += cells.length
    return { ...best, cells }
  }

  /** Keep cells read by a query (its caller checked the epoch and the mark). */
  keep(stationId: string, metric: string, validOnly: boolean, width: number, cells: Map<number, Cell>): void {
    if (cells.size === 0) return
    const key = this.gridKey(stationId, metric, validOnly, width)
    let g = this.touch(key)
    if (!g) {
      this.grids.set(key, (g = new Map()))
      const sk = seriesKey(stationId, metric)
      let set = this.bySeries.get(sk)
      if (!set) this.bySeries.set(sk, (set = new Set()))
      set.add(key)
      while (this.grids.size > this.maxEntries) this.dropOldest()
    }
    for (const [c, cell] of cells) g.set(c, cell)
    this.stats.cellsKept += cells.size
  }

  /** Grids kept (for tests). */
  get size(): number {
    return this.grids.size
  }

  private gridKey(stationId: string, metric: string, validOnly: boolean, width: number): string {
    return `${seriesKey(stationId, metric)}\u0000${validOnly ? 1 : 0}\u0000${width}`
  }

  /** The grid, moved to the most recently used end. */
  private touch(key: string): Map<number, Cell> | undefined {
    const g = this.grids.get(key)
    if (g) {
      this.grids.delete(key)
      this.grids.set(key, g)
    }
    return g
  }

  private dropOldest(): void {
    const key = this.grids.keys().next().value!
    this.grids.delete(key)
    const sk = key.split('\u0000', 2).join('\u0000')
    const set = this.bySeries.get(sk)
    set?.delete(key)
    if (set?.size === 0) this.bySeries.delete(sk)
  }
}
