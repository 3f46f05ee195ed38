/**
 * A station's raw HJ 212 TCP connection, as real data loggers send (the ingest listener, default
 * port 7212). Frames go out as written; 9014 data acknowledgements coming back are counted. There
 * is no mqtt.js here, so this link owns its reconnect: a fixed delay after every close.
 */
import { connect, type Socket } from 'node:net'
import { FrameSplitter, HJ212_CN, parseFrame } from '../../../shared/src/protocol/hj212/index'
import { sleep, type LinkHooks, type LinkState, type StationLink } from './link'

/** Options of {@link createTcpLink}. */
export interface TcpLinkOptions {
  host: string
  port: number
  hooks: LinkHooks
  /** Delay before reconnecting, ms. Default 2000. */
  reconnectDelayMs?: number
}

/**
 * Parse `host:port` (the CLI's `--tcp`). Throws naming the option on a bad value.
 * @example
 * parseHostPort('localhost:7212') // { host: 'localhost', port: 7212 }
 */
export function parseHostPort(v: string): { host: string; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(v)
  const port = m ? Number(m[2]) : NaN
  if (!m || port < 1 || port > 65535) throw new Error(`invalid tcp: ${v} (expected host:port)`)
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port }
}

/**
 * Connect one station's logger to an HJ 212 TCP listener.
 * @example
 * const link = createTcpLink({ host: 'localhost', port: 7212, hooks })
 * await link.send('hj212', Buffer.from(frame, 'ascii'))
 */
export function createTcpLink(opts: TcpLinkOptions): StationLink {
  const { hooks } = opts
  let state: LinkState = 'connecting'
  let socket: Socket | undefined
  let retry: NodeJS.Timeout | undefined

  const open = () => {
    const splitter = new FrameSplitter()
    const s = connect({ host: opts.host, port: opts.port })
    socket = s
    s.setNoDelay(true)
    s.on('connect', () => {
      state = 'connected'
      hooks.onConnect()
    })
    s.on('data', (chunk: Buffer) => {
      for (const f of splitter.push(chunk).frames) {
        const p = parseFrame(f)
        if (p.ok && p.value.cn === HJ212_CN.dataAck) hooks.onAck?.()
        else hooks.onCommand?.(f)
      }
    })
    s.on('error', (e) => hooks.onError(e))
    s.on('close', () => {
      if (state === 'closed') return
      if (state === 'connected') hooks.onDisconnect()
      state = 'connecting'
      retry = setTimeout(open, opts.reconnectDelayMs ?? 2000)
    })
  }
  open()

  return {
    get state() {
      return state
    },
    send(_channel, body) {
      const s = socket
      if (state !== 'connected' || !s) return Promise.reject(new Error('not connected'))
      return new Promise((resolve, reject) => s.write(body, (err) => (err ? reject(err) : resolve())))
    },
    status() {
      return Promise.resolve()
    },
    async close(graceMs = 2000) {
      if (state === 'closed') return
      state = 'closed'
      clearTimeout(retry)
      const s = socket
      if (!s || s.destroyed) return
      await Promise.race([new Promise<void>((resolve) => s.end(resolve)), sleep(graceMs)])
      s.destroy()
    },
  }
}
