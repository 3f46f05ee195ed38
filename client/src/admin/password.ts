/**
 * A strong random password for a new user or a reset (crypto.getRandomValues; no look-alike
 * characters), long enough for the server's minimum of 10.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'

/**
 * A random password of `length` characters.
 * @example generatePassword().length === 16
 */
export function generatePassword(length = 16): string {
  const bytes = new Uint32Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length]
  return s
}
