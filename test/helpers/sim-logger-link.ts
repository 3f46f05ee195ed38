/**
 * A simulated HJ 212 data logger for system tests (issue 12): the simulator's SimLogger (history
 * buffer, clock, answers to the centre's commands), its HJ 212 encoder and its TCP or MQTT link.
 * Answers can be held (`hold`) so a test can look at the state before the logger replies.
 */
import type { Station } from '../../shared/src/domain/station'
import { makeTopics } from '../../shared/src/protocol/topics'
import type { Sample } from '../../simulator/src/models/types'
import { hj212Encoder, type Encoder } from '../../simulator/src/output/encoders'
import type { StationLink } from '../../simulator/src/output/link'
import { SimLogger, type SimLoggerOptions } from '../../simulator/src/output/logger-commands'
import { createMqttLink } from '../../simulator/src/output/mqtt-link'
import { createTcpLink } from '../../simulator/src/output/tcp-link'
import { stationPassword } from '../../simulator/src/station-password'
import { TEST_STATION_SECRET, type TestSystem } from './start-system'

export const sample = (i: number): Sample => ({ values: { pm25: 20 + (i % 7), pm10: 40 + (i % 5) }, flags: { pm25: 'N', pm10: 'N' } })

/**
 * A logger on a link: its answers to the centre's commands are held while `hold` is set (so the
 * test can look at the half-empty hour first), then sent in order on the current link.
 */
export class LoggerOnLink {
  link!: StationLink
  hold = false
  private held: string[] = []
  /** Answer frames that were one of a split set (PNUM/PNO). */
  splitFrames = 0
  private chain: Promise<void> = Promise.resolve()
  readonly logger: SimLogger
  readonly encoder: Encoder
  private connected!: Promise<void>

  constructor(
    private readonly sys: Pick<TestSystem, 'hj212Port' | 'brokerUrl'>,
    readonly station: Station,
    private readonly transport: 'tcp' | 'mqtt',
    opts: SimLoggerOptions = {},
  ) {
    const password = stationPassword(TEST_STATION_SECRET, station.id)
    this.logger = new SimLogger(station, { password, ...opts })
    this.encoder = hj212Encoder(station, { password, ackRequired: transport === 'tcp' })
    this.open()
  }

  /** Connect (again). */
  open(): void {
    let up!: () => void
    this.connected = new Promise((r) => (up = r))
    const hooks = { onConnect: () => up(), onDisconnect: () => {}, onError: () => {}, onCommand: (f: string) => this.command(f) }
    const password = stationPassword(TEST_STATION_SECRET, this.station.id)
    this.link =
      this.transport === 'tcp'
        ? createTcpLink({ host: '127.0.0.1', port: this.sys.hj212Port!, hooks, reconnectDelayMs: 100 })
        : createMqttLink({
            brokerUrl: this.sys.brokerUrl,
            station: this.station,
            topics: makeTopics('envmon'),
            credentials: { username: this.station.id, password },
            onlineOnConnect: () => true,
            hooks,
            reconnectPeriodMs: 200,
          })
  }

  ready(): Promise<void> {
    return this.connected
  }

  /** Measure minutes [from, to) of the hour starting at `h` into the history buffer. */
  measure(h: number, from: number, to: number): void {
    for (let i = from; i < to; i++) this.logger.record(h + i * 60_000, sample(i))
  }

  /** Send minutes [from, to) live, frame by frame. */
  async sendLive(h: number, from: number, to: number): Promise<void> {
    for (let i = from; i < to; i++) await this.link.send('hj212', this.encoder.encode([{ t: h + i * 60_000, sample: sample(i) }]))
  }

  release(): void {
    this.hold = false
    for (const f of this.held.splice(0)) this.command(f)
  }

  private command(frames: string): void {
    if (this.hold) {
      this.held.push(frames)
      return
    }
    for (const answer of this.logger.answer(frames)) {
      if (answer.includes(';PNUM=')) this.splitFrames++
      this.chain = this.chain.then(() => this.link.send('hj212', Buffer.from(answer, 'ascii')).catch(() => undefined))
    }
  }
}
