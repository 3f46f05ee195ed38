import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/i18n'
import { reasonLabel } from './reason-label'

describe('dead letter reason label', () => {
  it.each([
    ['not-json', 'Not JSON', '不是 JSON'],
    ['unknown-metric', 'Unknown metric', '未知指标'],
    ['hj212-crc', 'HJ 212 CRC error', 'HJ 212 校验码错误'],
  ])('names %s in both languages', (reason, en, zh) => {
    expect(reasonLabel(reason, translator('en'))).toBe(en)
    expect(reasonLabel(reason, translator('zh'))).toBe(zh)
  })

  it('shows a reason it does not know as sent', () => {
    expect(reasonLabel('new-reason', translator('en'))).toBe('new-reason')
  })
})
