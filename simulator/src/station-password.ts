/**
 * Per-station passwords derived from one secret, so the demo registry and the simulator agree
 * without any plaintext password in the repository.
 */
import { createHmac } from 'node:crypto'

/**
 * The MQTT password (and HJ 212 `PW`) of `stationId`: HMAC-SHA256(secret, stationId) in hex,
 * first 24 characters. Deterministic; the secret comes from the environment (SIM_SECRET).
 * @example
 * stationPassword('s3cret', 'DG-AIR-01') // 24 lowercase hex characters
 */
export function stationPassword(secret: string, stationId: string): string {
  if (secret.length === 0) throw new Error('invalid secret: empty')
  return createHmac('sha256', secret).update(stationId, 'utf8').digest('hex').slice(0, 24)
}
