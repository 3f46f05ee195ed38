/**
 * The JSON body parser of every route: express.json with a size limit, then a bound on nesting
 * (issue 15: `[[[[…` in a rules body answered "Maximum call stack size exceeded"). Every failure
 * becomes an {@link HttpError} with a plain message, never the parser's internal text: 400
 * `invalid-json` (unparseable, too deep, unreadable such as a corrupt gzip body), 413 `too-large`,
 * 415 `unsupported-media-type` (a charset other than UTF-8, an unknown content encoding).
 */
import express, { type RequestHandler } from 'express'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../../shared/src/domain/json-depth'
import { HttpError } from './errors'

/** The body parser's error (http-errors: `type` and a 4xx `status`) as the contract's error. */
function bodyError(err: unknown): unknown {
  const e = err as { type?: string; status?: number }
  if (e.type === 'entity.too.large') return new HttpError(413, 'too-large', 'request body too large')
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'invalid-json', 'request body is not valid JSON')
  if (e.status === 415)
    return new HttpError(415, 'unsupported-media-type', 'request body must be JSON in UTF-8, uncompressed or gzip, deflate or br')
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new HttpError(400, 'invalid-json', 'request body could not be read')
  return err
}

/**
 * Parse JSON bodies of at most `limit` bytes nested at most `maxDepth` levels.
 *
 * @example
 * app.use(jsonBody({ limit: '256kb' }))
 */
export function jsonBody(opts: { limit: string; maxDepth?: number }): RequestHandler {
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH
  const parser = express.json({ limit: opts.limit })
  return (req, res, next) => {
    parser(req, res, (err?: unknown) => {
      if (err) return next(bodyError(err))
      // JSON.parse itself is iterative; the check runs before any route walks the value.
      if (jsonDepthExceeds(req.body, maxDepth))
        return next(new HttpError(400, 'invalid-json', `request body nests deeper than ${maxDepth} levels`))
      next()
    })
  }
}
