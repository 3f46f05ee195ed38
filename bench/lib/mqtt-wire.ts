/**
 * A minimal MQTT 3.1.1 publisher on a raw socket (CONNECT, PUBLISH QoS 0/1, PUBACK, PINGREQ), so
 * the bench publisher is never the bottleneck: packets are encoded straight into one buffer per
 * slice and written with one syscall, with none of a full client's per-message bookkeeping. The
 * broker sees ordinary PUBLISH packets (MQTT 3.1.1, OASIS standard, sections 3.1, 3.3, 3.4).
 */
import { connect, type Socket } from 'node:net'

function varint(n: number): number[] {
  const out: number[] = []
  do {
    let b = n % 128
    n = Math.floor(n / 128)
    if (n > 0) b |= 0x80
    out.push(b)
  } while (n > 0)
  return out
}

function str(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s
  const h = Buffer.allocUnsafe(2)
  h.writeUInt16BE(b.byteLength)
  return Buffer.concat([h, b])
}

/** CONNECT (3.1): protocol level 4, keep-alive 60 s. */
export function encodeConnect(o: { clientId: string; username?: string; password?: string; clean: boolean }): Buffer {
  let flags = o.clean ? 0x02 : 0
  if (o.username !== undefined) flags |= 0x80
  if (o.password !== undefined) flags |= 0x40
  const body = Buffer.concat([
    str('MQTT'),
    Buffer.from([4, flags, 0, 60]),
    str(o.clientId),
    ...(o.username !== undefined ? [str(o.username)] : []),
    ...(o.password !== undefined ? [str(o.password)] : []),
  ])
  return Buffer.concat([Buffer.from([0x10, ...varint(body.byteLength)]), body])
}

/** Bytes PUBLISH needs for this topic and payload. */
export function publishSize(topicBytes: number, payloadBytes: number, qos: 0 | 1): number {
  const rem = 2 + topicBytes + (qos ? 2 : 0) + payloadBytes
  return 1 + varint(rem).length + rem
}

/** Write a PUBLISH (3.3) into `buf` at `off`; returns the new offset. */
export function writePublish(buf: Buffer, off: number, topic: Buffer, payload: Buffer, qos: 0 | 1, id: number): number {
  buf[off++] = 0x30 | (qos << 1)
  for (const b of varint(2 + topic.byteLength + (qos ? 2 : 0) + payload.byteLength)) buf[off++] = b
  buf.writeUInt16BE(topic.byteLength, off)
  off += 2
  off += topic.copy(buf, off)
  if (qos) {
    buf.writeUInt16BE(id, off)
    off += 2
  }
  off += payload.copy(buf, off)
  return off
}

/** A connected raw publisher. `inflight` counts QoS 1 publishes not yet acknowledged. */
export interface WirePublisher {
  socket: Socket
  inflight(): number
  acked(): number
  /** Publish a slice of messages in one write; resolves when the socket can take more. */
  publishSlice(topics: readonly Buffer[], payloads: readonly Buffer[], from: number, to: number, qos: 0 | 1): Promise<void>
  /** Resolves when every QoS 1 publish so far is acknowledged. */
  drained(): Promise<void>
  end(): Promise<void>
}

/** Connect; rejects when the broker refuses (CONNACK return code != 0). */
export function connectWire(url: string, o: { clientId: string; username?: string; password?: string }): Promise<WirePublisher> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 1883) })
    socket.setNoDelay(true)
    let nextId = 1
    let inflight = 0
    let acked = 0
    let pending: Buffer = Buffer.alloc(0)
    let connected = false
    let drainWaiters: (() => void)[] = []
    const ping = setInterval(() => socket.write(Buffer.from([0xc0, 0])), 30_000)
    socket.once('error', (e) => {
      clearInterval(ping)
      if (!connected) reject(e)
    })
    socket.on('close', () => clearInterval(ping))
    socket.on('data', (d: Buffer) => {
      pending = pending.byteLength ? Buffer.concat([pending, d]) : d
      let o = 0
      while (pending.byteLength - o >= 2) {
        const type = pending[o]! >> 4
        let mult = 1
        let len = 0
        let i = o + 1
        let b: number
        do {
          if (i >= pending.byteLength) return void (pending = pending.subarray(o))
          b = pending[i++]!
          len += (b & 0x7f) * mult
          mult *= 128
        } while (b & 0x80)
        if (pending.byteLength < i + len) break
        if (type === 2) {
          const rc = pending[i + 1]!
          if (rc !== 0) {
            reject(new Error(`broker refused the connection (CONNACK ${rc})`))
            socket.destroy()
            return
          }
          connected = true
          resolve(pub)
        } else if (type === 4) {
          inflight--
          acked++
          if (inflight === 0) {
            const w = drainWaiters
            drainWaiters = []
            for (const f of w) f()
          }
        }
        o = i + len
      }
      pending = pending.subarray(o)
    })
    const pub: WirePublisher = {
      socket,
      inflight: () => inflight,
      acked: () => acked,
      publishSlice(topics, payloads, from, to, qos) {
        let size = 0
        for (let k = from; k < to; k++) size += publishSize(topics[k]!.byteLength, payloads[k]!.byteLength, qos)
        const buf = Buffer.allocUnsafe(size)
        let off = 0
        for (let k = from; k < to; k++) {
          off = writePublish(buf, off, topics[k]!, payloads[k]!, qos, nextId)
          if (qos) {
            inflight++
            nextId = nextId === 65535 ? 1 : nextId + 1
          }
        }
        return socket.write(buf) ? Promise.resolve() : new Promise((r) => socket.once('drain', () => r()))
      },
      drained: () => (inflight === 0 ? Promise.resolve() : new Promise((r) => drainWaiters.push(r))),
      end: () =>
        new Promise((r) => {
          clearInterval(ping)
          socket.end(Buffer.from([0xe0, 0]), () => r())
        }),
    }
    socket.once('connect', () => socket.write(encodeConnect({ ...o, clean: true })))
  })
}
