/**
 * The ingest stack: durable queue (spool) + store writer, the MQTT ingest service, the HJ 212 TCP
 * listener and the dead letter. Used by the one-process system and by cluster ingest nodes; what
 * the accepted readings feed (rules, live push, partition forwarding) is wired by the caller on
 * `ingest`'s `readings` and `status` events.
 */
import { EventEmitter } from 'node:events'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Reading } from '../../../shared/src/domain/reading'
import type { Topics } from '../../../shared/src/protocol/topics'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { Store } from '../../../shared/src/ports/store'
import { hj212Decoder, startHj212Ingest } from '../../../ingest/src/hj212/hj212-ingest'
import type { Hj212Listener } from '../../../ingest/src/hj212/tcp-listener'
import { Hj212UpperComputer } from '../../../ingest/src/hj212/upper-computer'
import type { EmbeddedBroker } from '../../../ingest/src/broker/embedded-broker'
import { DeadLetterLog } from '../../../ingest/src/decode/dead-letter'
import { Hj212DeviationBook } from '../../../ingest/src/decode/hj212-deviations'
import { writePrivateFileAtomic } from '../../../ingest/src/stations/private-file'
import { DurableQueue } from '../../../ingest/src/pipeline/durable-queue'
import { StoreWriter } from '../../../ingest/src/pipeline/store-writer'
import { IngestService } from '../../../ingest/src/service'
import { EmbeddedTransport } from '../../../ingest/src/transport/embedded-transport'
import type { IngestConfig } from '../config'
import type { HealthReport } from '../http/api'
import type { Logger } from '../log'
import type { Cleanups } from './cleanups'

/** What the stack tells its composition. */
export interface IngestStackEvents {
  /** A batch was committed to the store (write time in seconds). */
  committed: [readings: readonly Reading[], seconds: number]
  /** A store write failed (the data stays in the spool). */
  'write-failed': []
}

/** Configuration, store, registry, broker and the ingest session. */
export interface IngestStackOptions {
  config: IngestConfig
  log: Logger
  now: () => number
  store: Store
  registry: StationRegistry
  topics: Topics
  brokerUrl: string
  servicePassword: string
  /** The ingest session's client id and shared-subscription group. */
  clientId: string
  shareGroup?: string
  /** The embedded broker, when this process runs it: ingest then takes messages in process. */
  broker?: Pick<EmbeddedBroker, 'accept' | 'publish'>
  cleanups: Cleanups
}

/**
 * Queue, writer and ingest service, ready to start.
 * @example
 * const stack = new IngestStack({ config, log, now, store, registry, topics, brokerUrl, servicePassword, clientId, cleanups })
 * stack.ingest.on('readings', feed)
 * await stack.start()
 */
export class IngestStack extends EventEmitter<IngestStackEvents> {
  readonly queue: DurableQueue
  readonly writer: StoreWriter
  readonly ingest: IngestService
  /** Per station: the HJ 212 edition it speaks and the deviations it sends (issue 12); DATA_DIR/hj212-stations.json. */
  readonly hj212Profiles = new Hj212DeviationBook()
  /** envmon as HJ 212 upper computer: command log, gap recovery, clock keeping (issue 12). */
  readonly upper: Hj212UpperComputer
  hj?: Hj212Listener

  constructor(private readonly o: IngestStackOptions) {
    super()
    const { config, log, now } = o
    this.queue = new DurableQueue({
      dir: join(config.dataDir, 'spool'),
      maxMemoryReadings: config.ingestBuffer.memoryReadings,
      maxSpoolBytes: config.ingestBuffer.spoolMaxBytes,
    })
    o.cleanups.push(() => this.queue.close())
    let refusedSink = (r: Reading, e: Error) =>
      log.warn(`store refused a reading of ${r.stationId} at ${new Date(r.ts).toISOString()}: ${e.message}`)
    this.writer = new StoreWriter(this.queue, o.store, {
      onCommitted: (b, ms) => this.emit('committed', b.readings, ms / 1000),
      onRefused: (r, e) => {
        // Kept on disk first (the in-memory dead letter may not exist yet during start-up replay).
        appendFileSync(
          join(config.dataDir, 'refused.jsonl'),
          JSON.stringify({ at: new Date(now()).toISOString(), error: e.message, reading: r }) + '\n',
        )
        refusedSink(r, e)
      },
      onError: (e, attempt) => {
        this.emit('write-failed')
        log.limited('store-write', 'warn', `store write failed (attempt ${attempt + 1}), data kept in the spool: ${e.message}`)
      },
    })
    this.writer.start()
    o.cleanups.push(() => this.writer.stop())
    // Counts and samples kept across restarts (bounded); flushed last on shutdown (cleanups run in reverse).
    const deadLetters = new DeadLetterLog({
      dir: join(config.dataDir, 'dead-letter'),
      maxBytes: config.deadLetterMaxBytes,
      onError: (e) =>
        log.limited('dead-letter-write', 'warn', `dead letter: cannot write to disk (counting goes on in memory): ${e.message}`),
    })
    o.cleanups.push(() => deadLetters.close())
    const withCredentials = config.mqtt.auth || config.mqtt.url
    const upper = (this.upper = new Hj212UpperComputer({
      settings: config.hj212Recovery,
      now,
      topics: o.topics,
      lookup: (id) => o.registry.get(id),
      publish: (t, p) => this.ingest.publish(t, p, 1),
      sendTcp: (id, f) => this.hj?.sendTo(id, f) ?? false,
      logFile: join(config.dataDir, 'hj212-commands.json'),
      log: (level, line) => log[level](line),
    }))
    o.cleanups.push(() => upper.close())
    this.ingest = new IngestService({
      transport: o.broker && new EmbeddedTransport(o.broker),
      brokerUrl: o.brokerUrl,
      username: withCredentials ? config.mqtt.serviceUsername : undefined,
      password: withCredentials ? o.servicePassword : undefined,
      clientId: o.clientId,
      shareGroup: o.shareGroup,
      topics: o.topics,
      lookup: (id) => o.registry.get(id),
      queue: this.queue,
      deadLetters,
      now,
      maxPayloadBytes: config.maxPayloadBytes,
      limits: { maxAgeMs: config.retentionDays * 86_400_000, maxFutureMs: 5 * 60_000, maxBatch: 10_000 },
      hj212: upper.mqttDecoder(hj212Decoder(this.hj212Profiles)),
    })
    this.keepHj212Profiles()
    const ingest = this.ingest
    ingest.on('readings', (station, readings) => upper.readings(station, readings))
    refusedSink = (r, e) =>
      ingest.deadLetter(
        {
          topic: '(store)',
          stationId: r.stationId,
          reason: 'store-refused',
          message: `the store refused this reading (kept in refused.jsonl): ${e.message}`,
        },
        Buffer.from(JSON.stringify(r)),
        now(),
      )
    ingest.on('deadletter', (d) =>
      log.limited(
        `dl:${d.stationId}:${d.reason}`,
        d.warning ? 'info' : 'warn',
        `dead letter ${d.reason} from ${d.stationId ?? d.topic}: ${d.message}`,
      ),
    )
    ingest.on('connection', (s) => log.info(`ingest: broker ${s}`))
  }

  /** Connect to the broker (after everything the readings feed is ready), then open the HJ 212 listener. */
  async start(opts: { hj212Ephemeral?: boolean } = {}): Promise<void> {
    const { config, log, now, registry, cleanups } = this.o
    const ingest = this.ingest
    await ingest.start()
    cleanups.push(() => ingest.stop())
    const hj = await startHj212Ingest({
      port: config.hj212Port,
      host: config.mqtt.host,
      ephemeral: opts.hj212Ephemeral,
      limits: config.hj212Limits,
      registry,
      ingest,
      profiles: this.hj212Profiles,
      now,
      warn: (key, m) => log.limited(key, 'warn', m),
      onFrame: this.upper.tcpFrame,
    })
    if (!hj) return
    this.hj = hj
    cleanups.push(() => hj.close())
  }

  /** Load the HJ 212 station profiles, keep them on disk every minute and at shutdown, forget removed stations. */
  private keepHj212Profiles(): void {
    const { config, log, registry, cleanups } = this.o
    const file = join(config.dataDir, 'hj212-stations.json')
    try {
      if (existsSync(file)) this.hj212Profiles.load(JSON.parse(readFileSync(file, 'utf8')))
    } catch (e) {
      log.warn(`HJ 212 station profiles: cannot read ${file}, starting afresh: ${(e as Error).message}`)
    }
    const save = () => {
      try {
        writePrivateFileAtomic(file, JSON.stringify(this.hj212Profiles))
      } catch (e) {
        log.limited('hj212-profiles-write', 'warn', `HJ 212 station profiles: cannot write ${file}: ${(e as Error).message}`)
      }
    }
    const timer = setInterval(save, 60_000)
    timer.unref()
    cleanups.push(() => {
      clearInterval(timer)
      save()
    })
    registry.on('change', (kind, s) => {
      if (kind === 'remove') this.hj212Profiles.forget(s.id)
    })
  }

  /** Health of the broker connection, the store and the pipeline. */
  async health(): Promise<HealthReport> {
    const { queue, writer, ingest } = this
    const storeState = await this.o.store.ping()
    const q = queue.snapshot()
    return {
      broker: { state: ingest.state === 'connected' ? 'up' : 'down', detail: ingest.state },
      store: {
        state: storeState === 'up' ? (q.mode === 'replay' ? 'degraded' : 'up') : 'down',
        detail: writer.stats.lastError && writer.state === 'retrying' ? writer.stats.lastError : writer.state,
      },
      ingest: {
        queue: q,
        writer: { state: writer.state, ...writer.stats },
        messages: ingest.stats,
        deadLetters: Object.fromEntries(ingest.deadLetters.byReason),
      },
    }
  }
}
