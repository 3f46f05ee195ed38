/**
 * A real SMTP server for tests (npm smtp-server on 127.0.0.1): captures every message with a
 * small MIME decoder (multipart, base64, quoted-printable, RFC 2047 encoded-word subjects).
 * STARTTLS is disabled (loopback, self-signed certificates would need trusting); with `auth`
 * set, AUTH is required and checked.
 */
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'

export interface CapturedMail {
  from: string
  to: string[]
  /** The authenticated user, if any. */
  user?: string
  raw: string
  headers: Record<string, string>
  subject: string
  text: string
  html: string
}

export interface SmtpCapture {
  port: number
  messages: CapturedMail[]
  /** Failed AUTH attempts. */
  authFailures: number
  /** Messages answered 451 (`failFirst`). */
  refused: number
  stop(): Promise<void>
}

/** Start on `port` (0 = ephemeral; a fixed port lets a test bring the "same" server back up). */
export async function startSmtpCapture(
  opts: {
    port?: number
    auth?: { user: string; pass: string }
    /** Answer the first N messages 451 (try again later). */
    failFirst?: number
    /** Refuse these recipients 550 (no such user). */
    rejectRcpt?: string[]
  } = {},
): Promise<SmtpCapture> {
  const messages: CapturedMail[] = []
  const cap = { authFailures: 0, refused: 0 }
  const server = new SMTPServer({
    logger: false,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return cb(null, { user: auth.username })
      cap.authFailures++
      cb(new Error('Invalid username or password'))
    },
    onRcptTo(address, _session, cb) {
      if (opts.rejectRcpt?.includes(address.address)) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }))
      cb()
    },
    onData(stream, session, cb) {
      if (cap.refused < (opts.failFirst ?? 0)) {
        cap.refused++
        stream.on('data', () => {})
        stream.on('end', () => cb(Object.assign(new Error('busy, try again later'), { responseCode: 451 })))
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const m = parseMail(raw)
        messages.push({
          ...m,
          raw,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
        })
        cb()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  server.on('error', () => {})
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    messages,
    get authFailures() {
      return cap.authFailures
    },
    get refused() {
      return cap.refused
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface Part {
  headers: Record<string, string>
  body: string
}

function splitPart(raw: string): Part {
  const i = raw.indexOf('\r\n\r\n')
  const head = i < 0 ? raw : raw.slice(0, i)
  const body = i < 0 ? '' : raw.slice(i + 4)
  const headers: Record<string, string> = {}
  let last = ''
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && last) headers[last] += line
    else {
      const c = line.indexOf(':')
      if (c < 0) continue
      last = line.slice(0, c).trim().toLowerCase()
      headers[last] = line.slice(c + 1).trim()
    }
  }
  return { headers, body }
}

function decodeBody(p: Part): string {
  const cte = (p.headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  if (cte === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (cte === 'quoted-printable') return decodeQp(p.body.replace(/=\r\n/g, ''))
  return p.body
}

function decodeQp(s: string): string {
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Decode RFC 2047 encoded words (adjacent words joined before UTF-8 decoding). */
export function decodeWords(s: string): string {
  return s.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+(?==\?))?/g, '$1').replace(/(?:=\?([^?]+)\?([BbQq])\?([^?]*)\?=)+/g, (run) => {
    const bytes: Buffer[] = []
    for (const m of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      if (m[2]!.toUpperCase() === 'B') bytes.push(Buffer.from(m[3]!, 'base64'))
      else bytes.push(Buffer.from(decodeQp(m[3]!.replace(/_/g, ' ')), 'utf8'))
    }
    return Buffer.concat(bytes).toString('utf8')
  })
}

function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string; html: string } {
  const top = splitPart(raw)
  const out = { headers: top.headers, subject: decodeWords(top.headers['subject'] ?? ''), text: '', html: '' }
  const walk = (p: Part) => {
    const ct = p.headers['content-type'] ?? 'text/plain'
    const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1]
    if (/^multipart\//i.test(ct) && boundary) {
      for (const chunk of p.body.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break
        walk(splitPart(chunk.replace(/^\r\n/, '')))
      }
    } else if (/^text\/html/i.test(ct)) out.html = decodeBody(p)
    else if (/^text\/plain/i.test(ct)) out.text = decodeBody(p)
  }
  walk(top)
  return out
}
