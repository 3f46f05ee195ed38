/**
 * `TRUST_PROXY`: which peers' `X-Forwarded-For` express believes (issue 15). Off by default: the
 * client address is the socket's, and a forged header changes nothing. Behind a reverse proxy,
 * list the proxy's addresses or networks; express (proxy-addr) then takes the client address as
 * the rightmost address in the header not in the list, so a header the client sent itself sits
 * to the left of what the proxy appended and is ignored.
 */
import { isIP } from 'node:net'

/** proxy-addr's names for address ranges. */
const NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const

/**
 * Parse `TRUST_PROXY`: unset, empty, `0`, `false`, `no` or `off` = trust no proxy; otherwise a
 * comma-separated list of IP addresses, CIDRs (`10.0.0.0/8`, `fd00::/8`) and the names
 * `loopback`, `linklocal`, `uniquelocal`. Throws `invalid TRUST_PROXY ...` on anything else,
 * including `true` and hop counts, which would trust addresses a client can choose.
 * @example
 * parseTrustProxy('loopback, 10.1.2.0/24') // ['loopback', '10.1.2.0/24']
 * parseTrustProxy(undefined)                // []
 */
export function parseTrustProxy(value: string | undefined): string[] {
  const v = (value ?? '').trim()
  if (['', '0', 'false', 'no', 'off'].includes(v.toLowerCase())) return []
  const list = v.split(',').map((x) => x.trim())
  for (const entry of list) {
    if (!validEntry(entry)) {
      throw new Error(
        `invalid TRUST_PROXY entry ${JSON.stringify(entry)}: expected proxy addresses or CIDRs (10.0.0.5, 10.0.0.0/8, ::1) or ${NAMES.join(', ')}, comma-separated; ` +
          'trusting every address or a hop count would let any client choose its own address',
      )
    }
  }
  return list
}

function validEntry(entry: string): boolean {
  if ((NAMES as readonly string[]).includes(entry)) return true
  const parts = entry.split('/')
  if (parts.length > 2) return false
  const family = isIP(parts[0]!)
  if (!family) return false
  if (parts.length === 1) return true
  const bits = parts[1]!
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)
}
