/**
 * One simulated station at run time: its model, its link, its timer and its backfill. Ticks are
 * timer-driven; the time of each reading comes from the injected clock. The model going offline
 * stops publishing and sets the retained status `offline`; coming back sets `online`.
 *
 * An HJ 212 station has a data logger ({@link SimLogger}, issue 12): every sample goes into its
 * history buffer (also while the link is down), and it answers the centre's commands (history
 * requests, clock read and set). An `outage` drops the link for a while and brings it back.
 */
import type { Station } from '../../shared/src/domain/station'
import { createModel } from './models/index'
import type { ModelOptions } from './models/types'
import type { Encoder, TimedSample } from './output/encoders'
import type { LinkHooks, StationLink } from './output/link'
import type { SimLogger } from './output/logger-commands'

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
  /** The station's data logger (HJ 212 stations): history buffer and command answers. */
  logger?: SimLogger
  /** Drop the link `afterMs` after start for `forMs` (the logger keeps measuring). */
  outage?: { afterMs: number; forMs: number }
}

/** A running station. */
export interface StationRunner {
  /** The current link (a new one after an outage). */
  readonly link: StationLink
  stop(): Promise<void>
}

/** Live ticks a station holds while its backfill is being sent; beyond, the oldest are dropped (skipped). */
const MAX_HELD_TICKS = 10_000

/**
 * The backfill's messages, generated one at a time as they are asked for: the `n` readings on the
 * interval grid before `end`, oldest first, in messages of at most `encoder.maxBatch` readings, each
 * sample recorded by the logger as it is generated.
 */
function* backfillMessages(
  model: ReturnType<typeof createModel>,
  ctx: Pick<RunnerContext, 'intervalMs' | 'encoder' | 'logger'>,
  end: number,
  n: number,
): Generator<{ body: Buffer; count: number }, void> {
  let batch: TimedSample[] = []
  for (let k = n; k >= 1; k--) {
    const t = end - k * ctx.intervalMs
    const sample = model.next(t)
    if (sample) {
      batch.push({ t, sample })
      ctx.logger?.record(t, sample)
    }
    if (batch.length === ctx.encoder.maxBatch) {
      yield { body: ctx.encoder.encode(batch), count: batch.length }
      batch = []
    }
  }
  if (batch.length > 0) yield { body: ctx.encoder.encode(batch), count: batch.length }
}

/**
 * Start one station: its backfill is sent on first connect, generated a message (at most
 * `encoder.maxBatch` readings) at a time as it goes out; then it ticks every `intervalMs` after
 * `jitterMs`. Generating a city's 50 h at start (1000 stations, 2.4 M readings) held 0.5 GB of
 * messages and the event loop for 11 s (issue 16). Live ticks that come while the backfill is being
 * sent wait for it (their times are kept, then sent in order): the model's clock only moves forward,
 * and the logger sends its backlog before what it measures now.
 */
export function startStationRunner(station: Station, ctx: RunnerContext): StationRunner {
  const { stats, encoder } = ctx
  const model = createModel(station, ctx.seed, ctx.model)
  let online = true
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let sendingBackfill = false

  // The backfill's grid ends at the start time (timestamps on the interval grid before it).
  const backfill =
    ctx.backfillHours > 0
      ? backfillMessages(
          model,
          ctx,
          Math.floor(ctx.now() / ctx.intervalMs) * ctx.intervalMs,
          Math.floor((ctx.backfillHours * 3600_000) / ctx.intervalMs),
        )
      : undefined
  let backfilling = backfill !== undefined
  /** The backfill message being sent (generated, not yet accepted: sent again after a reconnect). */
  let next: { body: Buffer; count: number } | undefined
  /** Times of the live ticks that came during the backfill. */
  const held: number[] = []

  const sendBackfill = async () => {
    if (sendingBackfill || !backfilling) return
    sendingBackfill = true
    try {
      while (!stopped && link.state === 'connected') {
        next ??= backfill!.next().value ?? undefined
        if (!next) {
          backfilling = false
          break
        }
        await link.send(encoder.channel, next.body)
        stats.published++
        stats.readings += next.count
        next = undefined
      }
    } catch (e) {
      stats.failed++
      ctx.log('backfill', `${station.id}: backfill paused (${(e as Error).message}); resumes on reconnect`)
    } finally {
      sendingBackfill = false
    }
    if (!backfilling) for (const t of held.splice(0)) tick(t)
  }

  // The logger's answers go out one after another, in order, on whatever link is current.
  let answers: Promise<void> = Promise.resolve()
  const answer = (frames: string) => {
    const logger = ctx.logger
    if (!logger) return
    for (const f of logger.answer(frames)) {
      answers = answers.then(() =>
        link.send('hj212', Buffer.from(f, 'ascii')).then(
          () => void stats.published++,
          (e: Error) => {
            stats.failed++
            ctx.log('answer', `${station.id}: answer to the centre not sent (${e.message})`)
          },
        ),
      )
    }
  }
  const hooks: LinkHooks = {
    onConnect: () => void sendBackfill(),
    onDisconnect: () => ctx.log('disconnect', `${station.id}: disconnected; reconnecting`),
    onError: (e) => {
      stats.errors++
      ctx.log('error', `${station.id}: ${e.message}`)
    },
    onAck: () => void stats.acked++,
    ...(ctx.logger ? { onCommand: answer } : {}),
  }
  let link = ctx.openLink(hooks, () => online)
  let outageTimer: NodeJS.Timeout | undefined
  if (ctx.outage) {
    const { afterMs, forMs } = ctx.outage
    outageTimer = setTimeout(() => {
      if (stopped) return
      ctx.log('outage', `${station.id}: link down for ${Math.round(forMs / 1000)} s (outage)`)
      void link.close(500)
      outageTimer = setTimeout(() => {
        if (stopped) return
        ctx.log('outage', `${station.id}: link back after the outage`)
        link = ctx.openLink(hooks, () => online)
      }, forMs)
    }, afterMs)
  }

  const setStatus = (s: 'online' | 'offline') => {
    link.status(s).catch((e: Error) => {
      stats.failed++
      ctx.log('status', `${station.id}: status ${s} not published (${e.message})`)
    })
  }

  /** A live tick now, or at `at` (a tick held during the backfill). */
  const tick = (at?: number) => {
    if (stopped) return
    const t = at ?? ctx.now()
    if (backfilling) {
      if (held.push(t) > MAX_HELD_TICKS) {
        held.shift()
        stats.skipped++
      }
      return
    }
    const sample = model.next(t)
    if (!sample) {
      if (online) setStatus('offline')
      online = false
      return
    }
    if (!online) setStatus('online')
    online = true
    ctx.logger?.record(t, sample)
    if (link.state !== 'connected') {
      stats.skipped++
      return
    }
    // DataTime by the logger's own clock (which may be off until the centre sets it).
    link.send(encoder.channel, encoder.encode([{ t: ctx.logger ? ctx.logger.clock(t) : t, sample }])).then(
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
    timer = setInterval(() => tick(), ctx.intervalMs)
  }, ctx.jitterMs)

  return {
    get link() {
      return link
    },
    async stop() {
      stopped = true
      clearTimeout(outageTimer)
      clearTimeout(timer)
      clearInterval(timer)
      await link.close()
    },
  }
}
