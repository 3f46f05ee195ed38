/**
 * A real local HTTP receiver for webhook tests (node:http on 127.0.0.1, port 0). Records each
 * request with its raw body (for signature checks) and answers what `respond` says (default
 * 200 `{ "errcode": 0, "errmsg": "ok" }`, which is what the WeCom and DingTalk robots answer).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  raw: string
  json: unknown
}

export interface WebhookReceiver {
  /** URL of a path on the receiver. */
  url(path?: string): string
  requests: ReceivedRequest[]
  stop(): Promise<void>
}

export async function startWebhookReceiver(
  respond: (r: ReceivedRequest) => { status: number; body?: unknown } = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }),
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const u = new URL(req.url ?? '/', 'http://x')
      let json: unknown
      try {
        json = JSON.parse(raw)
      } catch {
        json = undefined
      }
      const r: ReceivedRequest = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, raw, json }
      requests.push(r)
      const a = respond(r)
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body === undefined ? '' : JSON.stringify(a.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
