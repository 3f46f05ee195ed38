import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import { parseTrustProxy } from './trust-proxy'

describe('parseTrustProxy', () => {
  it.each([undefined, '', '0', 'false', 'no', 'off', 'OFF'])('%j trusts no proxy', (v) => {
    expect(parseTrustProxy(v)).toEqual([])
  })

  it.each([
    ['loopback', ['loopback']],
    ['10.0.0.5', ['10.0.0.5']],
    ['loopback, 10.1.2.0/24,fd00::/8', ['loopback', '10.1.2.0/24', 'fd00::/8']],
    ['::1,127.0.0.1/32', ['::1', '127.0.0.1/32']],
    ['uniquelocal,linklocal', ['uniquelocal', 'linklocal']],
  ])('%j is the list %j', (v, list) => {
    expect(parseTrustProxy(v)).toEqual(list)
  })

  it.each([
    'true',
    '1',
    '2',
    '*',
    '0.0.0.0/33',
    '10.0.0.0/',
    'proxy.example',
    '10.0.0.1,',
    'loopback,,10.0.0.1',
    '::1/129',
    '10.0.0.0/8/8',
  ])('refuses %j', (v) => {
    expect(() => parseTrustProxy(v)).toThrow(/invalid TRUST_PROXY entry/)
  })
})

describe('TRUST_PROXY in the configuration', () => {
  it('is off by default', () => {
    expect(loadConfig({ SIMULATE: '0' }).http.trustProxy).toEqual([])
  })

  it('stops the start naming the variable and the value', () => {
    expect(() => loadConfig({ SIMULATE: '0', TRUST_PROXY: 'true' })).toThrow(
      /^invalid configuration: TRUST_PROXY="true": invalid TRUST_PROXY entry "true"/,
    )
  })

  it('takes a list', () => {
    expect(loadConfig({ SIMULATE: '0', TRUST_PROXY: '10.0.0.5,loopback' }).http.trustProxy).toEqual(['10.0.0.5', 'loopback'])
  })
})
