import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

describe('DEAD_LETTER_MAX_BYTES', () => {
  it('defaults to 32 MiB', () => {
    expect(loadConfig({}).deadLetterMaxBytes).toBe(32 * 1024 * 1024)
  })

  it('takes a size in bytes', () => {
    expect(loadConfig({ DEAD_LETTER_MAX_BYTES: '268435456' }).deadLetterMaxBytes).toBe(256 * 1024 * 1024)
  })

  it.each(['1000', 'lots', '-5', String(17 * 1024 ** 3)])('refuses %s, naming the variable', (v) => {
    expect(() => loadConfig({ DEAD_LETTER_MAX_BYTES: v })).toThrow(/DEAD_LETTER_MAX_BYTES/)
  })
})
