import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import { Outbox, type NewItem } from './outbox'

const T = Date.parse('2026-11-24T10:00:00+08:00')
const alert = { id: 'a1', stationId: 'S', kind: 'air', severity: 'warning', state: 'open' } as Alert
const item = (event: string, recipientId = 'r1'): NewItem => ({
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
  notBefore: T,
})

let dir: string
let now = T
const open = (opts: Partial<ConstructorParameters<typeof Outbox>[1]> = {}) =>
  new Outbox(join(dir, 'outbox.jsonl'), { now: () => now, ...opts })
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'))
  now = T
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('outbox', () => {
  it('adds an item once: a second add of the same key is a duplicate', () => {
    const ob = open()
    expect(ob.add(item('opened'))).toMatchObject({ state: 'pending', attempts: 0, seq: 1, nextAttemptAt: T })
    expect(ob.add(item('opened'))).toBeUndefined()
    expect(ob.pending()).toHaveLength(1)
    ob.close()
  })

  it('the last state of each item survives a reopen', () => {
    const ob = open()
    ob.add(item('opened'))
    ob.add(item('step:1'))
    ob.update(item('opened').key, { state: 'sent', attempts: 1, sentAt: T + 5 })
    ob.close()
    const again = open()
    expect(again.get(item('opened').key)).toMatchObject({ state: 'sent', sentAt: T + 5 })
    expect(again.pending().map((i) => i.event)).toEqual(['step:1'])
    expect(again.add(item('opened'))).toBeUndefined()
    expect(again.add(item('resolved'))?.seq).toBe(3)
    again.close()
  })

  it('skips a torn last line after a crash', () => {
    const ob = open()
    ob.add(item('opened'))
    ob.close()
    appendFileSync(join(dir, 'outbox.jsonl'), '{"key":"a1|step:1|r1|em')
    const again = open()
    expect(again.corruptLines).toBe(1)
    expect(again.pending()).toHaveLength(1)
    again.close()
  })

  it('compaction keeps one line per item and drops finished items past retention', () => {
    const ob = open({ retentionMs: 1000 })
    ob.add(item('opened'))
    ob.add(item('step:1'))
    ob.update(item('opened').key, { state: 'sent', attempts: 1, sentAt: T })
    ob.update(item('step:1').key, { attempts: 1, lastError: 'x' })
    ob.close()
    now = T + 2000
    const again = open({ retentionMs: 1000 })
    expect(again.has(item('opened').key)).toBe(false)
    expect(again.has(item('step:1').key)).toBe(true)
    expect(readFileSync(join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
    again.close()
  })

  it("lists an alert's items in planning order", () => {
    const ob = open()
    ob.add(item('opened', 'r2'))
    ob.add(item('opened', 'r1'))
    ob.add(item('resolved', 'r2'))
    expect(ob.forAlert('a1').map((i) => `${i.event}/${i.recipientId}`)).toEqual(['opened/r2', 'opened/r1', 'resolved/r2'])
    expect(ob.forAlert('other')).toEqual([])
    ob.close()
  })
})
