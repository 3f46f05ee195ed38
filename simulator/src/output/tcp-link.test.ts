import { once } from 'node:events'
import net, { type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FrameSplitter, buildDataAck, parseFrame, type Hj212Packet } from '../../../shared/src/protocol/hj212/index'
import { startSimulator, type Simulator } from '../run'
import { demoStations } from '../select-stations'
import { parseHostPort } from './tcp-link'

/** A minimal HJ 212 listener: parses frames and answers 9014 when Flag asks for it. */
async function startListener() {
  const packets: Hj212Packet[] = []
  const sockets = new Set<Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    const splitter = new FrameSplitter()
    socket.on('data', (chunk: Buffer) => {
      for (const f of splitter.push(chunk).frames) {
        const p = parseFrame(f)
        if (!p.ok) continue
        packets.push(p.value)
        if (p.value.flag.ackRequired) socket.write(buildDataAck(p.value))
      }
    })
    socket.on('error', () => undefined)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    packets,
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropAll: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy())
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

let sim: Simulator | undefined
let listener: Awaited<ReturnType<typeof startListener>> | undefined

afterEach(async () => {
  await sim?.stop()
  await listener?.close()
  sim = undefined
  listener = undefined
})

describe('HJ 212 over TCP', () => {
  const stations = demoStations(4, 1)

  it('sends CN 2011 frames with PW, MN and Flag=5, and counts the 9014 acks', async () => {
    listener = await startListener()
    sim = startSimulator({
      stations,
      transport: 'tcp',
      protocol: 'hj212',
      tcp: listener.address,
      intervalSec: 0.2,
      outageRate: 0,
      credentials: (s) => ({ username: s.id, password: `pw${s.id.slice(-2)}` }),
    })
    await vi.waitFor(() => expect(sim!.stats.acked).toBeGreaterThanOrEqual(8), { timeout: 5000 })
    const p = listener.packets[0]!
    const s = stations.find((x) => x.mn === p.mn)!
    expect([p.cn, p.pw, p.flag.ackRequired]).toEqual(['2011', `pw${s.id.slice(-2)}`, true])
    expect(new Set(listener.packets.map((x) => x.mn))).toEqual(new Set(stations.map((x) => x.mn)))
  })

  it('reconnects after the listener drops the connections', async () => {
    listener = await startListener()
    sim = startSimulator({ stations: stations.slice(0, 1), transport: 'tcp', protocol: 'hj212', tcp: listener.address, intervalSec: 0.1 })
    await vi.waitFor(() => expect(sim!.stats.connected).toBe(1), { timeout: 3000 })
    listener.dropAll()
    await vi.waitFor(() => expect(sim!.stats.connected).toBe(0), { timeout: 3000 })
    await vi.waitFor(() => expect(sim!.stats.connected).toBe(1), { timeout: 6000 })
  })
})

describe('parseHostPort', () => {
  it.each([
    ['localhost:7212', { host: 'localhost', port: 7212 }],
    ['[::1]:7212', { host: '::1', port: 7212 }],
  ])('parses %s', (v, want) => {
    expect(parseHostPort(v)).toEqual(want)
  })

  it.each(['localhost', 'host:0', 'host:70000', ''])('rejects %j', (v) => {
    expect(() => parseHostPort(v)).toThrow(/invalid tcp/)
  })
})
