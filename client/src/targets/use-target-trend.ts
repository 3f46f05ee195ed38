/**
 * Each target's value over the period so far, for the sparklines. The API has no per-day target
 * series, so this asks GET /api/targets once per point (`at` = the start of each day, week or
 * month: target-status.ts trendAts), four at a time, after the board itself has loaded, and adds
 * the board's current value as the last point.
 */
import { useEffect, useState } from 'react'
import { api } from '../data/api'
import type { TargetsBody } from '../data/targets-types'
import { trendAts } from './target-status'

/** Per target id: the values (null = no data) at the times `t`. */
export interface TargetTrend {
  t: number[]
  values: Map<string, (number | null)[]>
  /** Requests that failed (their points are missing). */
  failed: number
  done: boolean
}

const CONCURRENCY = 4

/** Load the trend points of a board's period (nothing until `body` is there). */
export function useTargetTrend(body: TargetsBody | undefined): TargetTrend | undefined {
  const [trend, setTrend] = useState<TargetTrend>()
  const key = body ? `${body.period.name}|${body.period.from}|${body.period.completedDays}` : ''
  useEffect(() => {
    if (!body) return
    const ctl = new AbortController()
    const ats = trendAts(body.period.name, Date.parse(body.period.from), Date.parse(body.period.to), Date.parse(body.period.asOf))
    const results: (TargetsBody | undefined)[] = new Array(ats.length)
    let failed = 0
    let next = 0
    const publish = (done: boolean) => {
      const t: number[] = []
      const values = new Map<string, (number | null)[]>()
      const add = (at: number, b: TargetsBody) => {
        t.push(at)
        for (const x of b.targets) {
          const arr = values.get(x.id) ?? []
          arr[t.length - 1] = x.value
          values.set(x.id, arr)
        }
      }
      ats.forEach((at, i) => results[i] && add(at, results[i]!))
      add(Date.parse(body.period.asOf), body)
      for (const arr of values.values()) for (let i = 0; i < t.length; i++) if (arr[i] === undefined) arr[i] = null
      setTrend({ t, values, failed, done })
    }
    const worker = async () => {
      while (next < ats.length && !ctl.signal.aborted) {
        const i = next++
        try {
          results[i] = await api.targets(body.period.name, ats[i], ctl.signal)
        } catch {
          if (ctl.signal.aborted) return
          failed++
        }
      }
    }
    publish(false)
    void Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => !ctl.signal.aborted && publish(true))
    return () => ctl.abort()
    // Recomputed when the period or its completed days change, not on every live push.
  }, [key])
  return trend
}
