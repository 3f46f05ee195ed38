import { describe, expect, it } from 'vitest'
import { stationPassword } from './station-password'

describe('stationPassword', () => {
  it('is 24 lowercase hex characters', () => {
    expect(stationPassword('s3cret', 'DG-AIR-01')).toMatch(/^[0-9a-f]{24}$/)
  })

  it('is deterministic', () => {
    expect(stationPassword('s3cret', 'DG-AIR-01')).toBe(stationPassword('s3cret', 'DG-AIR-01'))
  })

  it('is the first 24 hex characters of HMAC-SHA256(secret, id)', () => {
    // The well-known HMAC-SHA256 example (key 'key', the pangram): f7bc83f430538424b13298e6aa6fb143...
    expect(stationPassword('key', 'The quick brown fox jumps over the lazy dog')).toBe('f7bc83f430538424b13298e6')
  })

  it.each([
    ['s3cret', 'DG-AIR-02'],
    ['other', 'DG-AIR-01'],
  ])('differs for secret %s and station %s', (secret, id) => {
    expect(stationPassword(secret, id)).not.toBe(stationPassword('s3cret', 'DG-AIR-01'))
  })

  it('rejects an empty secret', () => {
    expect(() => stationPassword('', 'DG-AIR-01')).toThrow(/invalid secret/)
  })
})
