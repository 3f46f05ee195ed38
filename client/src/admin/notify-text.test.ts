import { describe, expect, it } from 'vitest'
import { channelsText, filterText, stepsText } from './notify-text'

describe('notification book summaries', () => {
  it('lists channels with webhook hosts and a lock for a stored secret', () => {
    expect(
      channelsText([
        { type: 'email', to: 'a@b.cn' },
        { type: 'webhook', url: 'https://qyapi.weixin.qq.com/x?key=1', format: 'wecom', hasSecret: true },
      ]),
    ).toBe('a@b.cn, wecom qyapi.weixin.qq.com 🔒')
  })

  it('summarizes filters', () => {
    expect(filterText({ kinds: ['air', 'water'], towns: ['莞城街道'], minSeverity: 'warning' })).toBe('air/water · 莞城街道 · ≥ warning')
    expect(filterText({})).toBe('*')
    expect(filterText(undefined)).toBe('*')
  })

  it('summarizes escalation steps in minutes', () => {
    expect(
      stepsText({
        steps: [
          { afterMs: 0, groups: ['duty'], recipients: [] },
          { afterMs: 900_000, groups: [], recipients: ['chief'] },
        ],
      }),
    ).toBe('0 min → duty; 15 min → chief')
  })
})
