/**
 * `/metrics` in Prometheus text format (prom-client): ingest rate, dead letters by reason, store
 * write latency, buffer depth and spool size, open alerts, connected clients, the HJ 212 listener's
 * connections, refusals and closures. Gauges read the live counters at scrape time; the
 * write-latency histogram is fed by the store writer.
 */
import { Router, type Request } from 'express'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Hj212ListenerStats } from '../../../ingest/src/hj212/types'
import { HJ212_DEVIATIONS } from '../../../shared/src/protocol/hj212/index'
import type { CommandSessionStats } from '../../../ingest/src/hj212/command-session'
import { HttpError } from './errors'

export interface MetricsSources {
  ingest: () => { messages: number; readings: number; rejected: number; warnings: number }
  deadLetters: () => Map<string, number>
  queue: () => { memoryReadings: number; spoolBytes: number; replayed: number; committed: number; mode: string }
  openAlerts: () => number
  clients: () => number
  brokerConnected: () => boolean
  /** The embedded broker's refusals by what was refused (absent with an external broker). */
  brokerRefusals?: () => Record<'credentials' | 'client-id' | 'publish' | 'subscribe', number>
  /** The HJ 212 TCP listener's counters, undefined while it is not running (HJ212_PORT=0, server nodes). */
  hj212?: () => Readonly<Hj212ListenerStats> | undefined
  /** HJ 212 frames accepted with each deviation from the standard, all stations (issue 12; where this process decodes HJ 212). */
  hj212Deviations?: () => ReadonlyMap<string, number>
  /** envmon's HJ 212 commands to the loggers (issue 12), where the ingest runs. */
  hj212Commands?: () => Readonly<CommandSessionStats> | undefined
  /** The DuckDB store's kept M4 cells (issue 16): served to charts, and kept. */
  m4Cells?: () => { cellsServed: number; cellsKept: number }
}

export class Metrics {
  readonly registry = new Registry()
  readonly writeLatency: Histogram
  readonly writeFailures: Counter

  constructor(src: MetricsSources) {
    const r = this.registry
    collectDefaultMetrics({ register: r, prefix: 'envmon_process_' })
    const counterFrom = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [r],
        collect() {
          this.reset()
          this.inc(read())
        },
      })
    counterFrom('envmon_ingest_messages_total', 'MQTT messages received by ingest', () => src.ingest().messages)
    counterFrom('envmon_ingest_readings_total', 'Readings accepted (spooled) by ingest', () => src.ingest().readings)
    counterFrom('envmon_ingest_rejected_total', 'Messages rejected to the dead letter', () => src.ingest().rejected)
    counterFrom('envmon_store_committed_total', 'Readings committed to the store', () => src.queue().committed)
    counterFrom('envmon_store_replayed_total', 'Readings replayed from the spool', () => src.queue().replayed)
    new Counter({
      name: 'envmon_deadletters_total',
      help: 'Dead letters by reason (warnings included)',
      labelNames: ['reason'],
      registers: [r],
      collect() {
        this.reset()
        for (const [reason, n] of src.deadLetters()) this.inc({ reason }, n)
      },
    })
    if (src.brokerRefusals) {
      const read = src.brokerRefusals
      new Counter({
        name: 'envmon_broker_refused_total',
        help: 'Embedded broker refusals: bad credentials, a station with another client id than its own, publishes and subscribes outside the ACL',
        labelNames: ['what'],
        registers: [r],
        collect() {
          this.reset()
          for (const [what, n] of Object.entries(read())) this.inc({ what }, n)
        },
      })
    }
    new Gauge({
      name: 'envmon_buffer_readings',
      help: 'Readings buffered in memory awaiting the store',
      registers: [r],
      collect() {
        this.set(src.queue().memoryReadings)
      },
    })
    new Gauge({
      name: 'envmon_spool_bytes',
      help: 'Uncommitted bytes in the disk spool',
      registers: [r],
      collect() {
        this.set(src.queue().spoolBytes)
      },
    })
    new Gauge({
      name: 'envmon_spool_replaying',
      help: '1 while the store writer replays from the spool',
      registers: [r],
      collect() {
        this.set(src.queue().mode === 'replay' ? 1 : 0)
      },
    })
    new Gauge({
      name: 'envmon_alerts_open',
      help: 'Open or acknowledged alerts',
      registers: [r],
      collect() {
        this.set(src.openAlerts())
      },
    })
    new Gauge({
      name: 'envmon_socket_clients',
      help: 'Connected socket.io clients',
      registers: [r],
      collect() {
        this.set(src.clients())
      },
    })
    new Gauge({
      name: 'envmon_broker_connected',
      help: '1 when ingest is connected to the broker',
      registers: [r],
      collect() {
        this.set(src.brokerConnected() ? 1 : 0)
      },
    })
    const m4 = src.m4Cells
    if (m4) {
      counterFrom(
        'envmon_store_m4_cells_served_total',
        'Decimated chart cells answered from the kept M4 of past cells',
        () => m4().cellsServed,
      )
      counterFrom('envmon_store_m4_cells_kept_total', 'Decimated chart cells kept once they could no longer change', () => m4().cellsKept)
    }
    this.hj212(src.hj212 ?? (() => undefined))
    if (src.hj212Deviations) {
      const read = src.hj212Deviations
      new Counter({
        name: 'envmon_hj212_deviations_total',
        help: 'HJ 212 frames accepted although they deviate from the standard, by kind of deviation (MQTT and TCP; per station in the admin stations view)',
        labelNames: ['kind'],
        registers: [r],
        collect() {
          this.reset()
          // Every kind is shown from the start (0), so alerting rules see the series exist.
          const totals = read()
          for (const kind of HJ212_DEVIATIONS) this.inc({ kind }, totals.get(kind) ?? 0)
        },
      })
    }
    const commands = src.hj212Commands ?? (() => undefined)
    new Counter({
      name: 'envmon_hj212_commands_total',
      help: 'HJ 212 commands to data loggers (issue 12), by outcome: sent, executed, failed, timed-out, retries; refused = logger frames refused (unknown QN, garbled, another MN, flood)',
      labelNames: ['outcome'],
      registers: [r],
      collect() {
        this.reset()
        const s = commands()
        if (!s) return
        for (const [outcome, n] of [
          ['sent', s.sent],
          ['executed', s.executed],
          ['failed', s.failed],
          ['timed-out', s.timedOut],
          ['retries', s.retries],
          ['refused', s.refused],
        ] as const)
          this.inc({ outcome }, n)
      },
    })
    new Counter({
      name: 'envmon_hj212_history_uploads_total',
      help: 'HJ 212 history uploads received for envmon requests (gap recovery)',
      registers: [r],
      collect() {
        this.reset()
        this.inc(commands()?.historyReadings ?? 0)
      },
    })
    this.writeLatency = new Histogram({
      name: 'envmon_store_write_seconds',
      help: 'Store write latency per batch',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [r],
    })
    this.writeFailures = new Counter({
      name: 'envmon_store_write_failures_total',
      help: 'Failed store writes (retried from the spool)',
      registers: [r],
    })
  }

  /** The HJ 212 listener (issue 15): who holds the slots, who was refused or closed and why. */
  private hj212(read: () => Readonly<Hj212ListenerStats> | undefined): void {
    const registers = [this.registry]
    new Gauge({
      name: 'envmon_hj212_connections',
      help: 'HJ 212 TCP connections open, by state (unauthenticated until a frame with the right PW)',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset()
        for (const [state, n] of Object.entries(read()?.byState ?? {})) this.set({ state }, n)
      },
    })
    const byReason = (name: string, help: string, values: (s: Readonly<Hj212ListenerStats>) => Readonly<Record<string, number>>) =>
      new Counter({
        name,
        help,
        labelNames: ['reason'],
        registers,
        collect() {
          this.reset()
          const s = read()
          // Every reason is shown from the start (0), so alerting rules see the series exist.
          if (s) for (const [reason, n] of Object.entries(values(s))) this.inc({ reason }, n)
        },
      })
    byReason(
      'envmon_hj212_refused_total',
      'HJ 212 TCP connections refused at accept, by reason (per-address cap, full of authenticated loggers)',
      (s) => s.refused,
    )
    byReason(
      'envmon_hj212_closed_total',
      'HJ 212 TCP connections closed by the listener, by reason (auth-timeout, idle-timeout, evicted, replaced)',
      (s) => s.closed,
    )
    const counter = (name: string, help: string, value: (s: Readonly<Hj212ListenerStats>) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset()
          const s = read()
          if (s) this.inc(value(s))
        },
      })
    counter('envmon_hj212_connections_total', 'HJ 212 TCP connections accepted', (s) => s.connections)
    counter('envmon_hj212_frames_total', 'HJ 212 frames received (accepted or not)', (s) => s.frames)
    counter('envmon_hj212_acks_total', 'HJ 212 9014 acknowledgements sent', (s) => s.acksSent)
    counter(
      'envmon_hj212_rejects_unrecorded_total',
      'HJ 212 rejects counted but not dead-lettered (over the per-address or per-minute allowance)',
      (s) => s.unrecorded,
    )
  }

  /**
   * Router for GET /metrics. With a token configured, scrapers send `Authorization: Bearer <token>`;
   * without one, only loopback scrapers are served.
   */
  router(token: string | undefined): Router {
    const r = Router()
    r.get('/metrics', async (req: Request, res) => {
      const ok = token ? req.get('authorization') === `Bearer ${token}` : isLoopback(req.socket.remoteAddress)
      if (!ok)
        throw new HttpError(
          token ? 401 : 403,
          'forbidden',
          token ? 'bearer token required' : 'metrics are served to loopback only unless METRICS_TOKEN is set',
        )
      res.setHeader('Content-Type', this.registry.contentType)
      res.send(await this.registry.metrics())
    })
    return r
  }
}

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1'
}
