/**
 * The JSON body parser of every route: express.json with a size limit, then a bound on nesting
 * (issue 15: `[[[[…` in a rules body answered "Maximum call stack size exceeded"). Both failures
 * answer 400 `invalid-json` with a plain message (errors.ts), never the parser's internal text.
 */
import express, { type RequestHandler } from 'express'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../../shared/src/domain/json-depth'

/** The error a too-deep body becomes; errors.ts answers it like unparseable JSON. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep'
  readonly status = 400
  constructor(readonly maxDepth: number) {
    super(`request body nests deeper than ${maxDepth} levels`)
  }
}

/**
 * Parse JSON bodies of at most `limit` bytes nested at most `maxDepth` levels.
 *
 * @example
 * app.use(jsonBody({ limit: '256kb' }))
 */
export function jsonBody(opts: { limit: string; maxDepth?: number }): RequestHandler[] {
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH
  const bounded: RequestHandler = (req, _res, next) => {
    // JSON.parse itself is iterative; the check runs before any route walks the value.
    next(jsonDepthExceeds(req.body, maxDepth) ? new JsonTooDeepError(maxDepth) : undefined)
  }
  return [express.json({ limit: opts.limit }), bounded]
}
