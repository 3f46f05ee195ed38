/**
 * A pass-through stream that follows MQTT framing (fixed header + variable-length "remaining
 * length", MQTT 3.1.1 §2.2.3) and fails the connection as soon as a packet declares more than
 * `maxBytes`, before the broker buffers it. aedes has no packet size limit of its own, so without
 * this one client could make the broker allocate up to 256 MB per packet.
 */
import { Transform, type TransformCallback } from 'node:stream'

export class PacketTooLarge extends Error {
  readonly code = 'packet-too-large'
  constructor(readonly declared: number, readonly max: number) {
    super(`MQTT packet of ${declared} bytes exceeds ${max}`)
  }
}

export class PacketGuard extends Transform {
  /** 0: expecting header byte; 1: reading remaining length; 2: skipping body. */
  private state = 0
  private len = 0
  private mult = 1
  private lenBytes = 0
  private remaining = 0

  constructor(private readonly maxBytes: number) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let i = 0
    while (i < chunk.length) {
      if (this.state === 0) {
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
            cb(new PacketTooLarge(this.len, this.maxBytes))
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
