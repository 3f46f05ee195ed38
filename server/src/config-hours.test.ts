import { describe, expect, it } from 'vitest'
import { loadConfig } from './config'

describe('HOUR_CLOSE_DELAY', () => {
  it('defaults to 300 s', () => {
    expect(loadConfig({}).hourCloseDelaySec).toBe(300)
  })

  it.each([
    ['0', 0],
    ['3599', 3599],
  ])('accepts %s', (v, want) => {
    expect(loadConfig({ HOUR_CLOSE_DELAY: v }).hourCloseDelaySec).toBe(want)
  })

  it.each(['3600', '-1', '1.5', 'five'])('refuses %s, naming the option', (v) => {
    expect(() => loadConfig({ HOUR_CLOSE_DELAY: v })).toThrow('HOUR_CLOSE_DELAY')
  })
})
