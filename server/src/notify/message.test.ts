import { describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import type { Station } from '../../../shared/src/domain/station'
import { alertUrl, formatCst, renderNotice } from './message'

const T = Date.parse('2026-11-24T08:00:00+08:00')
const alert: Alert = {
  id: 'al-1',
  stationId: 'DG-WW-01',
  kind: 'wastewater',
  metric: 'cod',
  rule: 'ww.cod.instant',
  severity: 'critical',
  state: 'open',
  value: 75.25,
  limit: 50,
  window: 'instant',
  openedAt: T,
  updatedAt: T,
  observedAt: T - 60_000,
  peak: 75.25,
  message: 'COD 75.3 > 50',
}
const station: Station = {
  id: 'DG-WW-01',
  kind: 'wastewater',
  nameZh: '松山湖污水厂',
  nameEn: 'Songshan Lake WWTP',
  lon: 113.9,
  lat: 22.9,
  town: '松山湖',
  approx: false,
  intervalSec: 60,
}

describe('notice text', () => {
  it('formats times in CST whatever the time zone', () => {
    expect(formatCst(Date.parse('2026-11-24T00:00:00Z'))).toBe('2026-11-24 08:00:00 CST')
  })

  it('links to the alert in the UI', () => {
    expect(alertUrl('https://envmon.example/', 'a b')).toBe('https://envmon.example/#/alerts/a%20b')
  })

  it.each([
    ['says when an alert opened by late data was detected', T + 3 * 3_600_000, true],
    ['says nothing more for an alert detected with its data', T + 30_000, false],
  ])('%s', (_n, detectedAt, shown) => {
    const t = renderNotice({ kind: 'opened', step: 0, alert: { ...alert, detectedAt }, station, publicUrl: 'https://e.example' })
    expect(t.text.includes('发现时间 Detected: 2026-11-24 11:00:00 CST (数据迟到 late data)')).toBe(shown)
    expect(t.text.includes('发现时间 Detected')).toBe(shown)
  })

  it('the subject names severity, event, station, metric and value in both languages', () => {
    const t = renderNotice({ kind: 'opened', step: 0, alert, station, publicUrl: 'https://e.example' })
    expect(t.subject).toBe('[envmon] 严重 critical · 新告警 New alert · 松山湖污水厂 Songshan Lake WWTP · 化学需氧量 COD 75.3 mg/L')
  })

  it('the text has station, metric, value vs limit with unit, window, CST time and link', () => {
    const t = renderNotice({ kind: 'opened', step: 0, alert, station, publicUrl: 'https://e.example' })
    expect(t.text).toContain('站点 Station: 松山湖污水厂 Songshan Lake WWTP (DG-WW-01, 松山湖)')
    expect(t.text).toContain('数值 Value: 75.3 mg/L')
    expect(t.text).toContain('限值 Limit: 50.0 mg/L')
    expect(t.text).toContain('即时 instant')
    expect(t.text).toContain('告警时间 Opened: 2026-11-24 08:00:00 CST')
    expect(t.text).toContain('https://e.example/#/alerts/al-1')
  })

  it('the HTML escapes what it shows', () => {
    const t = renderNotice({
      kind: 'opened',
      step: 0,
      alert: { ...alert, message: '<script>x</script>' },
      station,
      publicUrl: 'https://e.example',
    })
    expect(t.html).toContain('&lt;script&gt;')
    expect(t.html).not.toContain('<script>')
  })

  it.each([
    ['step', 1, '告警升级（第 2 级，仍未确认）'],
    ['reminder', 0, '提醒：告警仍未确认'],
    ['resolved', 0, '告警已解除'],
    ['escalated', 0, '告警级别升高'],
  ] as const)('says what happened: %s', (kind, step, zh) => {
    expect(renderNotice({ kind, step, alert, station, publicUrl: 'https://e.example' }).text.split('\n')[0]).toContain(zh)
  })

  it('falls back to the station id and metric key when they are unknown', () => {
    const t = renderNotice({
      kind: 'opened',
      step: 0,
      alert: { ...alert, metric: 'status', value: 1, limit: 0 },
      station: undefined,
      publicUrl: 'https://e.example',
    })
    expect(t.text).toContain('站点 Station: DG-WW-01 (DG-WW-01)')
    expect(t.text).toContain('指标 Metric: status')
  })
})
