/**
 * Typed delivery failures. Channels reject with a `DeliveryError`; the dispatcher retries the
 * transient ones with backoff and fails the permanent ones at once.
 */

/** Why a delivery failed. */
export type DeliveryErrorCode =
  'timeout' | 'network' | 'http-status' | 'robot-error' | 'smtp-rejected' | 'not-configured' | 'channel-removed' | 'secret-missing'

export class DeliveryError extends Error {
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    /** Retrying cannot help (bad address, 4xx, no SMTP configured, channel removed). */
    readonly permanent: boolean,
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

/** Normalize anything thrown by a channel into a DeliveryError (unknown errors are transient). */
export function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e
  return new DeliveryError('network', e instanceof Error ? e.message : String(e), false)
}
