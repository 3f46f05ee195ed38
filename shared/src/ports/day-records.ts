/**
 * The kept-days port: values derived from one station's data of one CST day (a targets station-day,
 * the day's valid-data counts), kept by the store beside the data they come from, so that a restart
 * does not compute a city's month or year again (issue 16: the targets board cold).
 *
 * The store keeps them honest for its own data: a write with rows of a kept day deletes that day's
 * records and the next day's (an energy day starts from the day before), in the same transaction as
 * the rows. What the store cannot see (review marks, the computation's own version, the station's
 * kind) the caller puts in each record's `tag` and compares when it loads: a record whose tag is not
 * the one expected now is computed again.
 */

/** One record to keep: `data` is JSON text, `null` for "no data that day". */
export interface DayRecord {
  stationId: string
  /** CST day number (shared/src/standards/time.ts `cstDay`). */
  day: number
  /** Printable text without control characters. */
  tag: string
  data: string | null
}

/** One kept record as read back: `value` is its data parsed (`null` for none). */
export interface KeptDay {
  stationId: string
  day: number
  tag: string
  value: unknown
}

export interface KeptDays {
  /**
   * A position in the store's write history, taken before reading the data a record is computed
   * from: `save` then refuses the records of a station whose past days a later write touched.
   */
  position(): number
  /** The records of a namespace over CST days [first, last], of the given stations (all when omitted). */
  load(ns: string, first: number, last: number, stationIds?: readonly string[]): Promise<KeptDay[]>
  /**
   * Keep records computed from data read after `since` (replacing the same namespace, station and
   * day). Returns how many were kept: none of a station that a write since touched in a past day.
   */
  save(ns: string, since: number, records: readonly DayRecord[]): Promise<number>
}
