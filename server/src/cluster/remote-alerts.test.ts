import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../../shared/src/domain/alert'
import type { ActionRequest } from '../../../shared/src/protocol/cluster/messages'
import { partitionOf } from '../../../shared/src/protocol/cluster/partition'
import { HttpError } from '../http/errors'
import { RemoteAlerts } from './remote-alerts'

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  stationId: 'DG-AIR-01',
  kind: 'air',
  metric: 'o3',
  rule: 'air.o3.1h',
  severity: 'warning',
  state: 'open',
  value: 260,
  limit: 200,
  window: '1h',
  openedAt: 1000,
  updatedAt: 1000,
  observedAt: 900,
  peak: 260,
  message: 'O3 high',
  ...over,
})

function setup(o: { connected?: boolean; sendFails?: boolean } = {}) {
  const sent: { p: number; req: ActionRequest }[] = []
  const remote = new RemoteAlerts({
    evaluator: { rulesFor: () => [] },
    partitions: 16,
    send: async (p, req) => {
      if (o.sendFails) throw new Error('closed')
      sent.push({ p, req })
    },
    connected: () => o.connected ?? true,
    replyTo: 'envmon/internal/v1/reply/srv-a',
    timeoutMs: 5000,
    now: () => 10_000,
  })
  return { remote, sent }
}

afterEach(() => vi.useRealTimers())

describe('RemoteAlerts (a server node’s alerts read model)', () => {
  it('keeps the newest snapshot of an alert and ignores an older one', () => {
    const { remote } = setup()
    expect(remote.applySnapshot({ type: 'acknowledged', alert: alert({ state: 'acknowledged', updatedAt: 2000 }) })).toBe(true)
    expect(remote.applySnapshot({ type: 'opened', alert: alert() })).toBe(false)
    expect(remote.get('a1')?.state).toBe('acknowledged')
  })

  it('lists newest first, filtered by state and station, and the active ones of a station', () => {
    const { remote } = setup()
    remote.applySnapshot({ type: 'opened', alert: alert({ id: 'old', openedAt: 1 }) })
    remote.applySnapshot({ type: 'resolved', alert: alert({ id: 'done', openedAt: 2, state: 'resolved' }) })
    remote.applySnapshot({ type: 'opened', alert: alert({ id: 'other', stationId: 'DG-AIR-02', openedAt: 3 }) })
    expect(remote.list().map((a) => a.id)).toEqual(['other', 'done', 'old'])
    expect(remote.list({ status: 'open', stationId: 'DG-AIR-01' }).map((a) => a.id)).toEqual(['old'])
    expect(remote.activeFor('DG-AIR-01').map((a) => a.id)).toEqual(['old'])
  })

  it('sends an acknowledge to the owner of the station’s partition and answers with its reply', async () => {
    const { remote, sent } = setup()
    remote.applySnapshot({ type: 'opened', alert: alert() })
    const result = remote.acknowledge('a1', 'duty', 'on it')
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]).toMatchObject({
      p: partitionOf('DG-AIR-01', 16),
      req: {
        action: 'ack',
        alertId: 'a1',
        stationId: 'DG-AIR-01',
        by: 'duty',
        note: 'on it',
        expiresAt: 15_000,
        replyTo: 'envmon/internal/v1/reply/srv-a',
      },
    })
    const acked = alert({ state: 'acknowledged', updatedAt: 3000, acknowledged: { by: 'duty', at: 3000, note: 'on it' } })
    remote.applyReply({ id: sent[0]!.req.id, ok: true, transition: { type: 'acknowledged', alert: acked } })
    expect(await result).toMatchObject({ ok: true, transition: { alert: { state: 'acknowledged' } } })
    expect(remote.get('a1')?.state).toBe('acknowledged')
  })

  it('passes the owner’s refusal on', async () => {
    const { remote, sent } = setup()
    remote.applySnapshot({ type: 'opened', alert: alert() })
    const result = remote.resolve('a1', 'duty')
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    remote.applyReply({ id: sent[0]!.req.id, ok: false, code: 'already-resolved', message: 'alert a1 is already resolved' })
    expect(await result).toEqual({ ok: false, code: 'already-resolved', message: 'alert a1 is already resolved' })
  })

  it('answers 504 when the owner does not reply in time', async () => {
    vi.useFakeTimers()
    const { remote } = setup()
    remote.applySnapshot({ type: 'opened', alert: alert() })
    const result = remote.acknowledge('a1', 'duty').catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(5001)
    const e = (await result) as HttpError
    expect(e).toBeInstanceOf(HttpError)
    expect(e).toMatchObject({ status: 504, code: 'owner-timeout' })
    expect(e.message).toContain(`partition ${partitionOf('DG-AIR-01', 16)}`)
  })

  it('answers 503 at once when the broker is unreachable or the request cannot be sent', async () => {
    for (const o of [{ connected: false }, { sendFails: true }]) {
      const { remote } = setup(o)
      remote.applySnapshot({ type: 'opened', alert: alert() })
      await expect(remote.acknowledge('a1', 'duty')).rejects.toMatchObject({ status: 503, code: 'unavailable' })
    }
  })

  it('answers not-found and already-resolved without asking the owner', async () => {
    const { remote, sent } = setup()
    expect(await remote.acknowledge('nope', 'duty')).toMatchObject({ ok: false, code: 'not-found' })
    remote.applySnapshot({ type: 'resolved', alert: alert({ state: 'resolved' }) })
    expect(await remote.acknowledge('a1', 'duty')).toMatchObject({ ok: false, code: 'already-resolved' })
    expect(sent).toHaveLength(0)
  })
})
