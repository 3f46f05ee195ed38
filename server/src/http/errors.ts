/**
 * HTTP errors per the contract: `{ "error": { "code", "message" } }` with a 4xx/5xx status and
 * never a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { z } from 'zod'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, code = 'bad-request') => new HttpError(400, code, message)
export const notFound = (message: string) => new HttpError(404, 'not-found', message)

/** Parse a query or body with a zod schema; a failure becomes a 400 naming each bad field. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const msg = r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
  throw badRequest(`invalid request: ${msg}`, 'validation')
}

export const notFoundHandler: RequestHandler = (req, _res, next) => next(notFound(`no route ${req.method} ${req.path}`))

export function errorHandler(log: (msg: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } })
      return
    }
    const e = err as { type?: string; status?: number; message?: string }
    // Bodies parsed by json-body.ts arrive as HttpError; this covers any other express.json.
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid-json', message: 'request body is not valid JSON' } })
      return
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too-large', message: 'request body too large' } })
      return
    }
    log(`http: ${e.message ?? String(err)}`)
    res.status(500).json({ error: { code: 'internal', message: 'internal server error' } })
  }
}
