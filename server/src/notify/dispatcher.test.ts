import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import { DeliveryError } from './channels/delivery-error'
import { backoffMs, Dispatcher } from './dispatcher'
import { Outbox, type NewItem, type OutboxItem } from './outbox'

const T = Date.parse('2026-11-24T10:00:00+08:00')
const alert = { id: 'a1', stationId: 'S', kind: 'air', severity: 'warning', state: 'open' } as Alert
const item = (event: string, recipientId = 'r1', notBefore = T): NewItem => ({
  key: `a1|${event}|${recipientId}|email:x@y.cn`,
  alertId: 'a1',
  recipientId,
  channelKey: 'email:x@y.cn',
  channelType: 'email',
  channelLabel: 'email x@y.cn',
  kind: 'opened',
  event,
  step: 0,
  alert,
  createdAt: T,
  notBefore,
})
const quiet = { warn: () => {}, error: () => {} }

let dir: string
let now: number
let outbox: Outbox
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dispatch-'))
  now = T
  outbox = new Outbox(join(dir, 'outbox.jsonl'), { now: () => now })
})
afterEach(() => {
  outbox.close()
  rmSync(dir, { recursive: true, force: true })
})

function dispatcher(deliver: (i: OutboxItem) => Promise<void>, maxAttempts = 4) {
  return new Dispatcher(outbox, deliver, {
    now: () => now,
    maxAttempts,
    backoffBaseMs: 1000,
    backoffMaxMs: 5000,
    concurrency: 2,
    log: quiet,
  })
}

describe('dispatcher', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 5000],
    [60, 5000],
  ])('backoff after %i failed attempts is %i ms (base 1 s, cap 5 s)', (n, ms) => {
    expect(backoffMs(n, 1000, 5000)).toBe(ms)
  })

  it('marks a delivered item sent with the time', async () => {
    outbox.add(item('opened'))
    expect(await dispatcher(async () => {}).dispatch()).toBe(1)
    expect(outbox.get(item('opened').key)).toMatchObject({ state: 'sent', attempts: 1, sentAt: T })
  })

  it('retries a transient failure with exponential backoff, then fails at maxAttempts', async () => {
    outbox.add(item('opened'))
    const d = dispatcher(() => Promise.reject(new DeliveryError('network', 'ECONNREFUSED', false)), 3)
    await d.dispatch()
    expect(outbox.get(item('opened').key)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: T + 1000,
      lastError: 'network: ECONNREFUSED',
    })
    expect(await d.dispatch()).toBe(0) // not due yet
    expect(d.nextDueAt()).toBe(T + 1000)
    now = T + 1000
    await d.dispatch()
    expect(outbox.get(item('opened').key)).toMatchObject({ attempts: 2, nextAttemptAt: T + 3000 })
    now = T + 3000
    await d.dispatch()
    expect(outbox.get(item('opened').key)).toMatchObject({ state: 'failed', attempts: 3 })
    expect(d.nextDueAt()).toBeUndefined()
  })

  it('fails a permanent error at once', async () => {
    outbox.add(item('opened'))
    await dispatcher(() => Promise.reject(new DeliveryError('http-status', 'HTTP 404', true))).dispatch()
    expect(outbox.get(item('opened').key)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'http-status: HTTP 404' })
  })

  it('keeps planning order per (alert, recipient, channel): a later notice waits for a retrying one', async () => {
    outbox.add(item('opened'))
    outbox.add(item('resolved'))
    outbox.add(item('opened', 'r2'))
    const sent: string[] = []
    let fail = true
    const d = dispatcher(async (i) => {
      if (fail && i.event === 'opened' && i.recipientId === 'r1') throw new DeliveryError('timeout', 'slow', false)
      sent.push(`${i.event}/${i.recipientId}`)
    })
    await d.dispatch()
    expect(sent).toEqual(['opened/r2'])
    fail = false
    now = T + 1000
    await d.dispatch()
    await d.dispatch()
    expect(sent).toEqual(['opened/r2', 'opened/r1', 'resolved/r1'])
  })

  it('waits for notBefore (quiet hours)', async () => {
    outbox.add(item('opened', 'r1', T + 60_000))
    const d = dispatcher(async () => {})
    expect(await d.dispatch()).toBe(0)
    expect(d.nextDueAt()).toBe(T + 60_000)
    now = T + 60_000
    expect(await d.dispatch()).toBe(1)
  })
})
