/**
 * The key the HJ 212 listener caps connections by: the sender's IPv4 address, or the /64 prefix of
 * an IPv6 one (a single IPv6 host is routinely handed a whole /64, so capping by full address would
 * cap nothing). IPv4-mapped IPv6 (`::ffff:10.0.0.1`, seen on a dual-stack listener) is its IPv4.
 */
import { isIPv6 } from 'node:net'

/**
 * The per-address key of a remote address; an address Node could not give (`undefined`, a socket
 * already gone) is `?`.
 * @example
 * addressKey('::ffff:10.1.2.3') === '10.1.2.3'
 * addressKey('2001:db8:1:2:3:4:5:6') === '2001:db8:1:2::/64'
 */
export function addressKey(address: string | undefined): string {
  if (address === undefined || address === '') return '?'
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!isIPv6(address)) return address
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::')
  const left = head === '' ? [] : head.split(':')
  // With '::', the groups it stands for are zeros between the left and right parts.
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
