import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import { backlogId, planDigest, renderDigest } from './digest'
import { Outbox } from './outbox'
import { RecipientStore } from './recipients'
import { NOTIFY_STATIONS } from './test-fixtures'

const H = 3_600_000
const NOW = Date.parse('2026-11-25T10:00:00+08:00')
const DAY = Date.parse('2026-11-24T00:00:00+08:00')
const exceedance = (id: string, from: number, to: number, severity: Alert['severity'] = 'warning'): Alert => ({
  id,
  stationId: 'DG-AIR-01',
  kind: 'air',
  metric: 'pm25',
  rule: 'air.pm25.1h',
  severity,
  state: 'resolved',
  value: 40,
  limit: 75,
  window: '1h',
  openedAt: from,
  updatedAt: NOW,
  detectedAt: NOW,
  historical: true,
  observedAt: to,
  peak: 130,
  message: 'm',
  resolved: { by: 'system', at: to, auto: true },
})
const backlog = (exceedances: Alert[]): BacklogSummary => ({
  stationId: 'DG-AIR-01',
  kind: 'air',
  receivedFrom: NOW - 60_000,
  receivedTo: NOW,
  dataFrom: DAY + 4 * H,
  dataTo: DAY + 34 * H,
  readings: 1800,
  exceedances,
  exceedanceCount: exceedances.length,
  ongoing: [],
})
const two = [exceedance('h1', DAY + 14 * H, DAY + 15 * H), exceedance('h2', DAY + 15.5 * H, DAY + 16 * H, 'critical')]

let dir: string
let outbox: Outbox
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'digest-'))
  outbox = new Outbox(join(dir, 'o.jsonl'), { now: () => NOW })
})
afterEach(() => {
  outbox.close()
  rmSync(dir, { recursive: true, force: true })
})

const store = RecipientStore.fromBook({
  version: 1,
  recipients: [
    {
      id: 'air',
      name: 'a',
      channels: [
        { type: 'email', to: 'a@x.cn' },
        { type: 'webhook', url: 'https://h.example/a' },
      ],
      subscriptions: [{ kinds: ['air'] }],
    },
    { id: 'water', name: 'w', channels: [{ type: 'email', to: 'w@x.cn' }], subscriptions: [{ kinds: ['water'] }] },
    { id: 'optout', name: 'o', channels: [{ type: 'email', to: 'o@x.cn' }], subscriptions: [{}], lateDigest: false },
    { id: 'optin', name: 'i', channels: [{ type: 'email', to: 'i@x.cn' }], subscriptions: [{ minSeverity: 'critical' }], lateDigest: true },
  ],
})
const plan = (b: BacklogSummary, defaultOn = true) =>
  planDigest(b, { store, outbox, station: NOTIFY_STATIONS['DG-AIR-01'], now: NOW, defaultOn })
const planned = () => outbox.forAlert(backlogId(backlog([]))).map((i) => `${i.recipientId} ${i.channelType}`)

describe('late-data digest', () => {
  it('goes once to each channel of every subscriber who wants digests', () => {
    expect(plan(backlog(two))).toBe(3)
    expect(planned()).toEqual(['air email', 'air webhook', 'optin email'])
    expect(plan(backlog(two))).toBe(0) // the same backlog again: deduped
  })

  it('NOTIFY_LATE_DIGEST=0: only recipients who opted in', () => {
    plan(backlog(two), false)
    expect(planned()).toEqual(['optin email'])
  })

  it('a backlog without historical exceedances sends nothing', () => {
    expect(plan(backlog([]))).toBe(0)
  })

  it('says which station, how much late data, how many exceedances and when (CST)', () => {
    plan(backlog(two))
    const item = outbox.forAlert(backlogId(backlog([])))[0]!
    const t = renderDigest(item.digest!, NOTIFY_STATIONS['DG-AIR-01'], 'https://envmon.example.cn')
    expect(t.subject).toBe('[envmon] 迟到数据摘要 Late-data digest · DG-AIR-01 sent 30 h of late data: 2 exceedances, 14:00–16:00')
    expect(t.text).toContain('DG-AIR-01 补传 30 小时 迟到数据：2 次超标，14:00–16:00')
    expect(t.text).toContain('2026-11-24 14:00:00 CST – 2026-11-24 15:00:00 CST  air.pm25.1h (1h) warning: peak 130 µg/m³, limit 75 µg/m³')
    expect(t.text).toContain('https://envmon.example.cn/#/station/DG-AIR-01')
    expect(item.notBefore).toBe(NOW)
  })
})
