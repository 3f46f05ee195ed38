import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import { Outbox } from './outbox'
import { Planner } from './planner'
import { RecipientStore } from './recipients'
import { NOTIFY_STATIONS } from './test-fixtures'

const NIGHT = Date.parse('2026-11-24T23:00:00+08:00')
const MORNING = Date.parse('2026-11-25T07:00:00+08:00')
const alert = (severity: Alert['severity'], state: Alert['state'] = 'open'): Alert => ({
  id: 'a1',
  stationId: 'DG-AIR-01',
  kind: 'air',
  metric: 'pm25',
  rule: 'r',
  severity,
  state,
  value: 120,
  limit: 75,
  window: '1h',
  openedAt: NIGHT,
  updatedAt: NIGHT,
  observedAt: NIGHT,
  peak: 120,
  message: 'm',
})
const store = RecipientStore.fromBook({
  version: 1,
  recipients: [
    {
      id: 'night',
      name: 'n',
      channels: [
        { type: 'email', to: 'n@x.cn' },
        { type: 'webhook', url: 'https://h.example/a?key=1' },
      ],
      subscriptions: [{ kinds: ['air'] }],
      quietHours: { start: '22:00', end: '07:00' },
    },
    { id: 'day', name: 'd', channels: [{ type: 'email', to: 'd@x.cn' }], subscriptions: [{ kinds: ['water'] }] },
    { id: 'off', name: 'o', enabled: false, channels: [{ type: 'email', to: 'o@x.cn' }], subscriptions: [{}] },
  ],
})

let dir: string
let now: number
let outbox: Outbox
let planner: Planner
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'planner-'))
  now = NIGHT
  outbox = new Outbox(join(dir, 'o.jsonl'), { now: () => now })
  planner = new Planner(store, outbox, () => now)
})
afterEach(() => {
  outbox.close()
  rmSync(dir, { recursive: true, force: true })
})
const states = () =>
  outbox.forAlert('a1').map((i) => `${i.event} ${i.recipientId} ${i.channelType} ${i.state}${i.notBefore > i.createdAt ? ' deferred' : ''}`)
const opened = { kind: 'opened', event: 'opened', step: 0, transition: 'opened' } as const

describe('planner', () => {
  it('subscribers are enabled recipients with a matching subscription', () => {
    expect(planner.subscribers(alert('warning'), NOTIFY_STATIONS['DG-AIR-01']).map((r) => r.id)).toEqual(['night'])
  })

  it('plans one item per channel, deferred by quiet hours, and never the same key twice', () => {
    const a = alert('warning')
    expect(planner.toRecipients(a, store.recipients(), opened)).toBe(3)
    expect(planner.toRecipients(a, store.recipients(), opened)).toBe(0)
    expect(states()).toEqual(['opened night email pending deferred', 'opened night webhook pending deferred', 'opened day email pending'])
    expect(outbox.forAlert('a1')[0]!.notBefore).toBe(MORNING)
    expect(outbox.forAlert('a1')[1]!.channelLabel).toBe('generic webhook https://h.example/a')
  })

  it('a newer notice overtakes a deferred one for the same channel', () => {
    planner.toRecipients(alert('warning'), [store.recipient('night')!], opened)
    planner.toNotified(alert('warning'), { kind: 'reminder', event: 'reminder:1', step: 0 })
    expect(states()).toEqual([
      'opened night email cancelled deferred',
      'opened night webhook cancelled deferred',
      'reminder:1 night email pending deferred',
      'reminder:1 night webhook pending deferred',
    ])
  })

  it('a resolution before morning cancels the deferred notices and is not sent to those never told', () => {
    planner.toRecipients(alert('warning'), store.recipients(), opened)
    planner.cancelDeferred('a1', 'the alert resolved first')
    planner.toNotified(alert('warning', 'resolved'), { kind: 'resolved', event: 'resolved', step: 0, transition: 'resolved' })
    expect(states()).toEqual([
      'opened night email cancelled deferred',
      'opened night webhook cancelled deferred',
      'opened day email pending',
      'resolved day email pending',
    ])
  })

  it('"notified so far" counts pending and sent notices, not failed or cancelled ones', () => {
    planner.toRecipients(alert('critical'), store.recipients(), opened)
    const [n1, n2] = outbox.forAlert('a1')
    outbox.update(n1!.key, { state: 'failed' })
    outbox.update(n2!.key, { state: 'sent' })
    expect(planner.notified('a1')).toEqual([
      { recipientId: 'night', channelKey: n2!.channelKey },
      { recipientId: 'day', channelKey: 'email:d@x.cn' },
    ])
  })
})
