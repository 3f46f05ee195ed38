import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Alert } from '../../../../shared/src/domain/alert'
import type { Station } from '../../../../shared/src/domain/station'
import { renderNotice } from '../message'
import type { OutboxItem } from '../outbox'
import { dingtalkBody, dingtalkSign, dingtalkSignedUrl, genericBody, signBody, truncateUtf8, wecomBody } from './webhook-format'

const T = Date.parse('2026-11-24T08:00:00+08:00')
const alert: Alert = {
  id: 'al-1',
  stationId: 'DG-AIR-01',
  kind: 'air',
  metric: 'pm25',
  rule: 'air.pm25.1h',
  severity: 'warning',
  state: 'open',
  value: 120,
  limit: 75,
  window: '1h',
  openedAt: T,
  updatedAt: T,
  observedAt: T - 60_000,
  peak: 120,
  message: 'PM2.5 120 > 75',
}
const station: Station = {
  id: 'DG-AIR-01',
  kind: 'air',
  nameZh: '莞城',
  nameEn: 'Guancheng',
  lon: 113.75,
  lat: 23.04,
  town: '莞城街道',
  townEn: 'Guancheng',
  approx: false,
  intervalSec: 60,
}
const text = renderNotice({ kind: 'opened', step: 0, alert, station, publicUrl: 'https://envmon.example' })

describe('webhook signatures', () => {
  it('signs the raw body with HMAC-SHA256 as sha256=<hex>', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('DingTalk sign is base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret', () => {
    const secret = 'SEC000000000000000000000'
    const ts = 1_700_000_000_000
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64')
    expect(dingtalkSign(secret, ts)).toBe(expected)
  })

  it('DingTalk signing keeps the access token and adds timestamp and url-encoded sign', () => {
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC1', 1_700_000_000_000)
    const u = new URL(url)
    expect(u.searchParams.get('access_token')).toBe('abc')
    expect(u.searchParams.get('timestamp')).toBe('1700000000000')
    expect(u.searchParams.get('sign')).toBe(dingtalkSign('SEC1', 1_700_000_000_000))
    expect(url).not.toMatch(/sign=[^&]*[+/=]/) // base64 characters are percent-encoded
  })
})

describe('webhook bodies', () => {
  it('WeCom: a markdown message with the station, value and link', () => {
    const b = wecomBody(text)
    expect(b.msgtype).toBe('markdown')
    expect(b.markdown.content).toContain('莞城')
    expect(b.markdown.content).toContain('<font color="warning">120 µg/m³</font>')
    expect(b.markdown.content).toContain('https://envmon.example/#/alerts/al-1')
  })

  it('DingTalk: a markdown message with a title and text', () => {
    const b = dingtalkBody(text)
    expect(b).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('莞城') } })
    expect(b.markdown.text).toContain('**120 µg/m³**')
    expect(b.markdown.text).not.toContain('<font')
  })

  it('generic: the alert in its wire shape, the transition, the station and a stable delivery id', () => {
    const item = { kind: 'opened', event: 'opened', step: 0, transition: 'opened', alert } as OutboxItem
    const b = genericBody(item, station, text, 'https://envmon.example/#/alerts/al-1', T, 'd1')
    expect(b).toMatchObject({
      version: 1,
      deliveryId: 'd1',
      kind: 'opened',
      transition: 'opened',
      station: { id: 'DG-AIR-01', town: '莞城街道' },
    })
    expect(b.alert.openedAt).toBe(new Date(T).toISOString())
    expect(b.sentAt).toBe(new Date(T).toISOString())
  })

  it('truncates to a byte limit without splitting characters', () => {
    const s = '莞'.repeat(2000)
    const t = truncateUtf8(s, 4096)
    expect(Buffer.byteLength(t)).toBeLessThanOrEqual(4096)
    expect(t.endsWith('…')).toBe(true)
    expect(t).not.toContain('\uFFFD')
  })
})
