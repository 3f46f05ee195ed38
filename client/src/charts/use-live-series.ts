/**
 * A station metric's live series: the last `windowMs` loaded from the series API, then every
 * socket reading of that station appended to the same columnar buffer. Readings that arrive while
 * the history is loading are kept and appended after it, so none is lost at the seam. After the
 * live feed comes back from an outage the history is loaded again, filling the gap.
 */
import { useEffect, useRef, useState } from 'react'
import { api } from '../data/api'
import { useReconnects } from '../data/hooks'
import { useSeriesKey } from '../data/review-view'
import { appendSample, createSeries, loadSeries, trimBefore, type ColumnarSeries } from '../data/columnar'
import { stationStore } from '../data/live'
import { reportError } from '../data/notices'
import { flaggedSamples, pushFlagMark, type FlagMark } from './flag-marks'
import { screenPoints } from './downsample'
import { alignM4Window } from '../../../shared/src/protocol/http/series'

/** Loading state of the history. */
export type SeriesState = 'loading' | 'ready' | 'error'

/** The live buffer and its state; `onAppend` is called after every appended sample. */
export interface LiveSeries {
  series: ColumnarSeries | undefined
  state: SeriesState
  /** Whether the buffer holds any point (flips once; the chart reads the buffer itself). */
  hasData: boolean
  /** Samples flagged other than N in the window (mutated in place, like the buffer). */
  flags: FlagMark[]
}

/**
 * Keep a live columnar series of (stationId, metric) over the last `windowMs`.
 * @param onAppend called after each live sample (the chart requests a redraw)
 */
export function useLiveSeries(stationId: string, metric: string | undefined, windowMs: number, onAppend: () => void): LiveSeries {
  const [state, setState] = useState<SeriesState>('loading')
  const [series, setSeries] = useState<ColumnarSeries>()
  const [hasData, setHasData] = useState(false)
  const [flags, setFlags] = useState<FlagMark[]>([])
  const reconnects = useReconnects()
  // The raw/reviewed choice and every review change reload the series (issue 13).
  const seriesKey = useSeriesKey()
  const onAppendRef = useRef(onAppend)
  onAppendRef.current = onAppend

  useEffect(() => {
    if (!metric) return
    const s = createSeries(2048, 1 << 18)
    const marks: FlagMark[] = []
    const pending: [number, number, string | undefined][] = []
    let loaded = false
    setSeries(s)
    setFlags(marks)
    setState('loading')
    setHasData(false)
    const untap = stationStore.tapReadings(stationId, (e) => {
      const v = e.values[metric]
      if (v === undefined) return
      const t = Date.parse(e.ts)
      const flag = e.flags?.[metric]
      if (!loaded) {
        pending.push([t, v, flag])
        return
      }
      appendSample(s, t, v)
      if (flag && flag !== 'N') pushFlagMark(marks, { t, v, flag }, Date.now() - windowMs)
      trimBefore(s, Date.now() - windowMs * 1.1)
      if (s.len === 1) setHasData(true)
      onAppendRef.current()
    })
    const ctl = new AbortController()
    const now = Date.now()
    const points = screenPoints(window.innerWidth, window.devicePixelRatio)
    // On the server's M4 grid: the window's past cells are then kept there, and the next visit
    // reads only what is new (at most a cell, about a pixel, more before and two after).
    const range = alignM4Window(now - windowMs, now + 60_000, points)
    api
      .series(stationId, [metric], range.from, range.to, ctl.signal, undefined, { points })
      .then((r) => {
        const one = r.series.find((x) => x.metric === metric)
        loadSeries(s, one?.t ?? [], one?.v ?? [])
        marks.push(...flaggedSamples(one?.t ?? [], one?.v ?? [], one?.flags))
        loaded = true
        for (const [t, v, flag] of pending) {
          appendSample(s, t, v)
          if (flag && flag !== 'N') pushFlagMark(marks, { t, v, flag }, 0)
        }
        setHasData(s.len > 0)
        setState('ready')
        onAppendRef.current()
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return
        loaded = true
        for (const [t, v] of pending) appendSample(s, t, v)
        setHasData(s.len > 0)
        setState('error')
        reportError(e, `GET /api/stations/${stationId}/series`)
      })
    return () => {
      untap()
      ctl.abort()
    }
  }, [stationId, metric, windowMs, reconnects, seriesKey])

  return { series, state, hasData, flags }
}
