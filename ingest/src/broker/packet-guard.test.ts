import { describe, expect, it } from 'vitest'
import { PacketGuard, PacketTooLarge } from './packet-guard'

/** Feed bytes to a guard; the error it fails with, if any. */
function feed(max: number, ...chunks: Buffer[]): Promise<PacketTooLarge | undefined> {
  return new Promise((resolve) => {
    const g = new PacketGuard(max)
    g.on('error', (e) => resolve(e as PacketTooLarge))
    g.on('data', () => undefined)
    for (const c of chunks) g.write(c)
    g.end((err?: Error | null) => resolve((err ?? undefined) as PacketTooLarge | undefined))
  })
}

/** A PUBLISH header declaring `len` bytes of remaining length (MQTT 3.1.1 §2.2.3). */
function header(first: number, len: number): Buffer {
  const out = [first]
  do {
    let b = len % 128
    len = Math.floor(len / 128)
    if (len > 0) b |= 0x80
    out.push(b)
  } while (len > 0)
  return Buffer.from(out)
}

const topic = (t: string) => Buffer.concat([Buffer.from([0, Buffer.byteLength(t)]), Buffer.from(t)])

describe('packet guard', () => {
  it('passes packets within the limit', async () => {
    expect(await feed(100, header(0x30, 5), topic('a/b').subarray(0, 5))).toBeUndefined()
  })

  it.each([
    ['QoS 0', 0x30, Buffer.alloc(0)],
    ['QoS 1 (packet id before the payload)', 0x32, Buffer.from([0, 7])],
  ])('refuses an oversized PUBLISH (%s) with its topic and the start of its payload', async (_name, first, packetId) => {
    const e = await feed(1000, Buffer.concat([header(first, 5000), topic('envmon/v1/air/X/reading'), packetId, Buffer.from('{"ts":1')]))
    expect(e).toBeInstanceOf(PacketTooLarge)
    expect(e).toMatchObject({ declared: 5000, max: 1000, packetType: 3, topic: 'envmon/v1/air/X/reading' })
    expect(e!.payload.toString()).toBe('{"ts":1')
  })

  it('keeps at most 4 KiB of an oversized packet', async () => {
    const e = await feed(1000, Buffer.concat([header(0x30, 100_000), topic('t'), Buffer.alloc(50_000, 0x61)]))
    expect(e!.head.length).toBe(4096)
  })

  it('names no topic for another packet type, nor when the topic had not arrived', async () => {
    expect((await feed(1000, header(0x10, 5000), Buffer.from([0, 4, 0x4d])))!.topic).toBeUndefined()
    expect((await feed(1000, header(0x30, 5000), Buffer.from([0, 40, 0x61])))!.topic).toBeUndefined()
  })
})
