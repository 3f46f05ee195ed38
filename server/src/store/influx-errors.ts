/**
 * Typed errors of the InfluxStore: transport and server errors of `@influxdata/influxdb-client`
 * mapped onto a closed set of codes, so callers can tell "keep retrying" from "look at this".
 */
import { AbortError, HttpError, RequestTimedOutError } from '@influxdata/influxdb-client'

/**
 * - `unreachable`: no HTTP answer (connection refused or reset, DNS); retriable.
 * - `timeout`: no answer in time; retriable.
 * - `unavailable`: the server answered 429 or 5xx; retriable.
 * - `refused`: the server refused the request (4xx: bad data, token, org, bucket); retrying the
 *   same request will not help, but the data must still be kept by the caller.
 * - `closed`: the store was closed.
 */
export type InfluxErrorCode = 'unreachable' | 'timeout' | 'unavailable' | 'refused' | 'closed'

/** The operation that failed. */
export type InfluxOp = 'write' | 'query'

/** An InfluxStore operation failed; `cause` is the client's original error. */
export class InfluxStoreError extends Error {
  override readonly name = 'InfluxStoreError'
  constructor(
    readonly op: InfluxOp,
    readonly code: InfluxErrorCode,
    message: string,
    /** HTTP status when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /**
   * Whether the server refused the data itself (400, 413, 422), not the request's credentials or
   * target: the store writer then isolates the offending readings instead of retrying forever.
   */
  get rejectsData(): boolean {
    return this.code === 'refused' && (this.status === 400 || this.status === 413 || this.status === 422)
  }

  /** Whether retrying the same request may succeed. */
  get retriable(): boolean {
    return this.code === 'unreachable' || this.code === 'timeout' || this.code === 'unavailable'
  }
}

/** Whether `e` came from the client's transport or the server (not from our own argument checks). */
function isClientError(e: unknown): boolean {
  return (
    e instanceof HttpError ||
    e instanceof RequestTimedOutError ||
    e instanceof AbortError ||
    (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string')
  )
}

/** Map a transport or server error onto an {@link InfluxStoreError}; pass anything else through. */
export function asInfluxError(op: InfluxOp, e: unknown): unknown {
  return e instanceof InfluxStoreError || !isClientError(e) ? e : toInfluxError(op, e)
}

/** Map any error thrown by the client onto an {@link InfluxStoreError} (unknown ones count as unreachable). */
export function toInfluxError(op: InfluxOp, e: unknown): InfluxStoreError {
  if (e instanceof InfluxStoreError) return e
  if (e instanceof HttpError) {
    const code = e.statusCode === 429 || e.statusCode >= 500 ? 'unavailable' : 'refused'
    const body = (e.body ?? '').slice(0, 300)
    return new InfluxStoreError(op, code, `influx ${op} failed: HTTP ${e.statusCode}${body ? ` ${body}` : ''}`, e.statusCode, { cause: e })
  }
  if (e instanceof RequestTimedOutError || e instanceof AbortError)
    return new InfluxStoreError(op, 'timeout', `influx ${op} timed out`, undefined, { cause: e })
  const msg = e instanceof Error ? e.message || (e as NodeJS.ErrnoException).code || e.name : String(e)
  return new InfluxStoreError(op, 'unreachable', `influx ${op} failed: ${msg}`, undefined, { cause: e })
}

/** The error every operation rejects with after close(). */
export function closedError(op: InfluxOp): InfluxStoreError {
  return new InfluxStoreError(op, 'closed', 'store closed')
}
