/**
 * A pass-through stream that follows MQTT framing (fixed header + variable-length "remaining
 * length", MQTT 3.1.1 §2.2.3) and fails the connection as soon as a packet declares more than
 * `maxBytes`, before the broker buffers it. aedes has no packet size limit of its own, so without
 * this one client could make the broker allocate up to 256 MB per packet.
 */
import { Transform, type TransformCallback } from 'node:stream'

export class PacketTooLarge extends Error {
  readonly code = 'packet-too-large'
  constructor(
    readonly declared: number,
    readonly max: number,
    /** The packet's first byte: control packet type and flags (MQTT 3.1.1 §2.2). */
    readonly header = 0,
    /** The start of the packet's body as far as it had arrived, at most `SAMPLE_BYTES` (for the dead letter). */
    readonly head: Buffer = Buffer.alloc(0),
  ) {
    super(`MQTT packet of ${declared} bytes exceeds ${max}`)
  }

  /** MQTT control packet type (3 = PUBLISH). */
  get packetType(): number {
    return this.header >> 4
  }

  /** The topic of a PUBLISH when its start had arrived. */
  get topic(): string | undefined {
    if (this.packetType !== 3 || this.head.length < 2) return undefined
    const n = this.head.readUInt16BE(0)
    return this.head.length >= 2 + n ? this.head.toString('utf8', 2, 2 + n) : undefined
  }

  /** What had arrived of a PUBLISH's payload (after topic and packet id, §3.3.2); else the packet's body. */
  get payload(): Buffer {
    const topic = this.topic
    if (topic === undefined) return this.head
    const qos = (this.header >> 1) & 3
    return this.head.subarray(Math.min(this.head.length, 2 + Buffer.byteLength(topic) + (qos > 0 ? 2 : 0)))
  }
}

/** Bytes of an oversized packet kept for the dead letter. */
const SAMPLE_BYTES = 4096

export class PacketGuard extends Transform {
  /** 0: expecting header byte; 1: reading remaining length; 2: skipping body. */
  private state = 0
  private len = 0
  private mult = 1
  private lenBytes = 0
  private remaining = 0
  private header = 0

  constructor(private readonly maxBytes: number) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let i = 0
    while (i < chunk.length) {
      if (this.state === 0) {
        this.header = chunk[i]!
        this.state = 1
        this.len = 0
        this.mult = 1
        this.lenBytes = 0
        i++
      } else if (this.state === 1) {
        const b = chunk[i++]!
        this.len += (b & 0x7f) * this.mult
        this.mult *= 128
        this.lenBytes++
        if ((b & 0x80) === 0 || this.lenBytes === 4) {
          if (this.len > this.maxBytes) {
            cb(new PacketTooLarge(this.len, this.maxBytes, this.header, Buffer.from(chunk.subarray(i, i + SAMPLE_BYTES))))
            return
          }
          this.remaining = this.len
          this.state = this.remaining === 0 ? 0 : 2
        }
      } else {
        const take = Math.min(this.remaining, chunk.length - i)
        i += take
        this.remaining -= take
        if (this.remaining === 0) this.state = 0
      }
    }
    cb(null, chunk)
  }
}
