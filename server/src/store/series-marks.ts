/**
 * What the DuckDB store knows about what it holds, so that a write checks for duplicates only where
 * one can be (issue 16: write cost independent of history).
 *
 * Over a recent window (40 days by default), per series (station, metric): its high-water mark (the
 * latest ts stored) and which hours hold at least one stored row. In the window, a row past its
 * series' mark cannot be stored yet; nor can a row in an hour where its series has nothing (a week
 * of backlog uploaded behind live data, a missed hour re-sent). Only rows at or before the mark in
 * an hour the series already has, or older than the window, need the exact check. Until the store
 * has read what the window holds (`complete`), every row may exist.
 *
 * The knowledge may be stale only towards "may exist" (a deleted row leaves its hour marked), never
 * the other way: every committed write is noted, and what is read at open is merged by max / union.
 */
const HOUR_MS = 3_600_000
/** A row past its series' mark: cannot be stored yet, and adds to the series' present only. */
export const NEW = 0
/** A row at or before its series' mark in an hour without stored rows: new, but in the past. */
export const LATE = 1
/** A row that may already be stored: checked against the table. */
export const MAY_EXIST = 2
export type RowClass = typeof NEW | typeof LATE | typeof MAY_EXIST
/** Hours per block: one 32-bit mask each. */
const BLOCK = 32

interface SeriesState {
  mark: number
  /** block index (hour / 32) → mask of the hours with stored rows. */
  blocks: Map<number, number>
}

export class SeriesMarks {
  complete = false
  private readonly series = new Map<string, Map<string, SeriesState>>()
  /** First hour (epoch hours) the hour masks cover; earlier rows may always exist. */
  private fromHour = Number.POSITIVE_INFINITY
  private newestHour = Number.NEGATIVE_INFINITY

  /** @param windowHours hours of occupancy kept (default 40 days). */
  constructor(readonly windowHours = 40 * 24) {}

  /** The start of the window to read at open: `windowHours` before the newest stored ts. */
  windowStart(newestTs: number): number {
    return (Math.floor(newestTs / HOUR_MS) - this.windowHours) * HOUR_MS
  }

  /**
   * Where a row falls against what is stored: {@link NEW} past its series' mark (or the series'
   * first row), {@link LATE} at or before the mark in an hour without rows (cannot be stored yet),
   * {@link MAY_EXIST} in an hour the series holds, before the window, or while the knowledge is not
   * complete. Anything but NEW may change what a reader has already seen of the series' past.
   */
  classify(stationId: string, metric: string, ts: number): RowClass {
    if (!this.complete) return MAY_EXIST
    const h = Math.floor(ts / HOUR_MS)
    if (h < this.fromHour) return MAY_EXIST
    const s = this.series.get(stationId)?.get(metric)
    if (!s || ts > s.mark) return NEW
    return ((s.blocks.get(Math.floor(h / BLOCK)) ?? 0) & (1 << (h % BLOCK))) !== 0 ? MAY_EXIST : LATE
  }

  /** The latest ts stored of a series, when the knowledge is complete and the series known. */
  markOf(stationId: string, metric: string): number | undefined {
    return this.complete ? this.series.get(stationId)?.get(metric)?.mark : undefined
  }

  /** Record a stored row (a committed write, or a row read at open). */
  note(stationId: string, metric: string, ts: number): void {
    let st = this.series.get(stationId)
    if (!st) this.series.set(stationId, (st = new Map()))
    let s = st.get(metric)
    if (!s) st.set(metric, (s = { mark: ts, blocks: new Map() }))
    else if (ts > s.mark) s.mark = ts
    const h = Math.floor(ts / HOUR_MS)
    const b = Math.floor(h / BLOCK)
    s.blocks.set(b, (s.blocks.get(b) ?? 0) | (1 << (h % BLOCK)))
    if (h > this.newestHour) {
      this.newestHour = h
      if (this.complete && h - this.fromHour > this.windowHours + 7 * 24) this.slide()
    }
  }

  /** Record stored rows of one series (what the window holds, read at open: one list per series). */
  noteAll(stationId: string, metric: string, ts: readonly number[]): void {
    for (const t of ts) this.note(stationId, metric, t)
  }

  /** Everything stored from `fromTs` on has been noted: the knowledge is complete. */
  completeFrom(fromTs: number): void {
    this.fromHour = Math.floor(fromTs / HOUR_MS)
    this.complete = true
  }

  /** Move the window forward a week at a time, forgetting older hours (bounded memory). */
  private slide(): void {
    this.fromHour = this.newestHour - this.windowHours
    const first = Math.floor(this.fromHour / BLOCK)
    for (const st of this.series.values()) for (const s of st.values()) for (const b of s.blocks.keys()) if (b < first) s.blocks.delete(b)
  }
}
