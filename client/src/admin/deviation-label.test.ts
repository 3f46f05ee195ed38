import { describe, expect, it } from 'vitest'
import { HJ212_DEVIATIONS } from '../../../shared/src/protocol/hj212/packet'
import { translator } from '../i18n/i18n'
import { deviationLabel } from './deviation-label'

describe('deviationLabel', () => {
  it.each(['en', 'zh'] as const)('has %s words for every HJ 212 deviation', (lang) => {
    const t = translator(lang)
    for (const d of HJ212_DEVIATIONS) expect(deviationLabel(d, t)).not.toBe(d)
  })

  it('shows an unknown kind as sent', () => {
    expect(deviationLabel('from-a-newer-server', translator('en'))).toBe('from-a-newer-server')
  })
})
