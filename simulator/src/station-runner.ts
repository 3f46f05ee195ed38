/**
 * One simulated station at run time: its model, its link, its timer and its backfill. Ticks are
 * timer-driven; the time of each reading comes from the injected clock. The model going offline
 * stops publishing and sets the retained status `offline`; coming back sets `online`.
 */
import type { Station } from '../../shared/src/domain/station'
import { createModel } from './models/index'
import type { ModelOptions } from './models/types'
import type { Encoder, TimedSample } from './output/encoders'
import type { LinkHooks, StationLink } from './output/link'

/** Live counters shared by all runners of a simulator. */
export interface SimulatorStats {
  /** Messages the transport accepted (MQTT: PUBACK received). */
  published: number
  /** Messages the transport failed to deliver (publish error, connection lost in flight). */
  failed: number
  /** Live readings not sent because the station was not connected at its tick (a logger would buffer them). */
  skipped: number
  /** Stations connected right now. */
  readonly connected: number
  /** Readings carried by the published messages (a backfill message carries many). */
  readings: number
  /** Transport errors reported by the links (connection refused, socket errors...). */
  errors: number
  /** HJ 212 9014 acknowledgements received (TCP only). */
  acked: number
}

/** What a runner needs from the simulator. */
export interface RunnerContext {
  seed: number
  model: ModelOptions
  now: () => number
  /** Tick interval for this station, ms. */
  intervalMs: number
  /** Delay before the first live tick, ms (spreads stations over the interval). */
  jitterMs: number
  backfillHours: number
  encoder: Encoder
  stats: SimulatorStats
  /** Open the station's link with these hooks. */
  openLink: (hooks: LinkHooks, onlineOnConnect: () => boolean) => StationLink
  log: (key: string, line: string) => void
}

/** A running station. */
export interface StationRunner {
  readonly link: StationLink
  stop(): Promise<void>
}

/**
 * Start one station: generate its backfill (sent on first connect, in chunks of at most
 * `encoder.maxBatch` readings), then tick every `intervalMs` after `jitterMs`.
 */
export function startStationRunner(station: Station, ctx: RunnerContext): StationRunner {
  const { stats, encoder } = ctx
  const model = createModel(station, ctx.seed, ctx.model)
  let online = true
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let sendingBackfill = false

  // Backfill first, so the model's clock only moves forward; timestamps on the interval grid.
  const pending: { body: Buffer; count: number }[] = []
  if (ctx.backfillHours > 0) {
    const start = ctx.now()
    const end = Math.floor(start / ctx.intervalMs) * ctx.intervalMs
    const n = Math.floor((ctx.backfillHours * 3600_000) / ctx.intervalMs)
    let batch: TimedSample[] = []
    for (let k = n; k >= 1; k--) {
      const t = end - k * ctx.intervalMs
      const sample = model.next(t)
      if (sample) batch.push({ t, sample })
      if (batch.length === encoder.maxBatch) {
        pending.push({ body: encoder.encode(batch), count: batch.length })
        batch = []
      }
    }
    if (batch.length > 0) pending.push({ body: encoder.encode(batch), count: batch.length })
  }

  const sendBackfill = async () => {
    if (sendingBackfill) return
    sendingBackfill = true
    try {
      while (pending.length > 0 && !stopped && link.state === 'connected') {
        const msg = pending[0]!
        await link.send(encoder.channel, msg.body)
        pending.shift()
        stats.published++
        stats.readings += msg.count
      }
    } catch (e) {
      stats.failed++
      ctx.log('backfill', `${station.id}: backfill paused (${(e as Error).message}); resumes on reconnect`)
    } finally {
      sendingBackfill = false
    }
  }

  const link = ctx.openLink(
    {
      onConnect: () => void sendBackfill(),
      onDisconnect: () => ctx.log('disconnect', `${station.id}: disconnected; reconnecting`),
      onError: (e) => {
        stats.errors++
        ctx.log('error', `${station.id}: ${e.message}`)
      },
      onAck: () => void stats.acked++,
    },
    () => online,
  )

  const setStatus = (s: 'online' | 'offline') => {
    link.status(s).catch((e: Error) => {
      stats.failed++
      ctx.log('status', `${station.id}: status ${s} not published (${e.message})`)
    })
  }

  const tick = () => {
    if (stopped) return
    const t = ctx.now()
    const sample = model.next(t)
    if (!sample) {
      if (online) setStatus('offline')
      online = false
      return
    }
    if (!online) setStatus('online')
    online = true
    if (link.state !== 'connected') {
      stats.skipped++
      return
    }
    link.send(encoder.channel, encoder.encode([{ t, sample }])).then(
      () => {
        stats.published++
        stats.readings++
      },
      (e: Error) => {
        stats.failed++
        ctx.log('publish', `${station.id}: publish failed (${e.message})`)
      },
    )
  }

  timer = setTimeout(() => {
    tick()
    timer = setInterval(tick, ctx.intervalMs)
  }, ctx.jitterMs)

  return {
    link,
    async stop() {
      stopped = true
      clearTimeout(timer)
      clearInterval(timer)
      await link.close()
    },
  }
}
