/**
 * Bad loggers answering envmon's HJ 212 commands (issue 12, "Bad input"): one that never answers,
 * one that answers with garbage, one that answers a QN never asked, one that floods history and
 * one that sends history under another MN. Each is counted and dead-lettered or logged with a
 * reason, and its connection keeps working: a live frame after the exchange is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandEntry } from '../ingest/src/hj212/command-log'
import type { GapRecord } from '../ingest/src/hj212/gap-recovery'
import type { LoggerMisbehaviour } from '../simulator/src/output/logger-commands'
import { LoggerOnLink } from './helpers/sim-logger-link'
import { startTestSystem, type TestSystem } from './helpers/start-system'

const HOUR = 3_600_000
let sys: TestSystem
beforeAll(async () => {
  sys = await startTestSystem(
    { HJ212_COMMAND_TIMEOUT: '1', HJ212_COMMAND_RETRIES: '1', HJ212_COMMAND_BACKOFF: '0.1', HJ212_RECOVERY_SWEEP: '0' },
    { hj212Ephemeral: true },
  )
})
afterAll(async () => {
  await sys?.stop()
})

async function view(id: string): Promise<{ commands: CommandEntry[]; gaps: GapRecord[] }> {
  return (await (await sys.api(`/api/admin/hj212/commands?station=${id}`)).json()) as { commands: CommandEntry[]; gaps: GapRecord[] }
}
const history = async (id: string) => (await view(id)).commands.find((c) => c.cn === '2051')
const dead = (id: string, reason: string) => sys.ingest.deadLetters.recent(500).filter((d) => d.stationId === id && d.reason === reason)

/** A logger of `id` that sends minutes 0-4 and 20-24 of an old hour (a gap of 15 minutes) and misbehaves when asked for it. */
async function misbehaving(id: string, misbehave: LoggerMisbehaviour): Promise<{ l: LoggerOnLink; h: number }> {
  const l = new LoggerOnLink(sys, sys.registry.get(id)!, 'tcp', { misbehave })
  const h = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR
  l.measure(h, 0, 60)
  await l.ready()
  await l.sendLive(h, 0, 5)
  await l.sendLive(h, 20, 25)
  return { l, h }
}

/** The connection still works: a later live minute is stored. */
async function stillWorks(l: LoggerOnLink, h: number, minute: number): Promise<void> {
  await l.sendLive(h, minute, minute + 1)
  await expect.poll(() => sys.store.count(l.station.id, h + minute * 60_000, h + minute * 60_000 + 1), { timeout: 5_000 }).toBe(2)
}

describe('bad loggers answering commands', () => {
  const links: LoggerOnLink[] = []
  afterAll(async () => {
    await Promise.all(links.map((l) => l.link.close(100)))
  })

  it('never answers: resent once with a new QN after the back-off, then timed out; the gap is marked failed', async () => {
    const { l, h } = await misbehaving('DG-AIR-11', 'silent')
    links.push(l)
    await expect.poll(async () => (await history('DG-AIR-11'))?.state, { timeout: 10_000 }).toBe('timed-out')
    expect(await history('DG-AIR-11')).toMatchObject({ attempts: 2, result: 'no answer after 2 attempt(s)' })
    expect((await view('DG-AIR-11')).gaps[0]).toMatchObject({ state: 'failed' })
    await stillWorks(l, h, 30)
  })

  it('answers with garbage: the command fails, the answer and the stray bytes are dead-lettered with reasons', async () => {
    const { l, h } = await misbehaving('DG-AIR-12', 'garbage')
    links.push(l)
    await expect.poll(async () => (await history('DG-AIR-12'))?.state, { timeout: 10_000 }).toBe('failed')
    expect((await history('DG-AIR-12'))!.result).toContain('garbled answer')
    await expect.poll(() => dead('DG-AIR-12', 'hj212-command').length, { timeout: 5_000 }).toBeGreaterThan(0)
    expect(dead('DG-AIR-12', 'hj212-command')[0]!.message).toContain('QnRtn')
    await stillWorks(l, h, 30)
  })

  it('answers a QN never asked: dead-lettered, and the real request times out', async () => {
    const { l, h } = await misbehaving('DG-AIR-13', 'wrong-qn')
    links.push(l)
    await expect
      .poll(() => dead('DG-AIR-13', 'hj212-command').some((d) => d.message.includes('never sent')), { timeout: 10_000 })
      .toBe(true)
    await expect.poll(async () => (await history('DG-AIR-13'))?.state, { timeout: 10_000 }).toBe('timed-out')
    await stillWorks(l, h, 30)
  })

  it('floods history: what exceeds twice the span asked for is refused and dead-lettered; the rest is stored', async () => {
    const { l, h } = await misbehaving('DG-AIR-14', 'flood')
    links.push(l)
    await expect.poll(async () => (await history('DG-AIR-14'))?.state, { timeout: 15_000 }).toBe('executed')
    const e = (await history('DG-AIR-14'))!
    expect(e.readings).toBe(2 * 15 + 10)
    await expect.poll(() => dead('DG-AIR-14', 'hj212-command').some((d) => d.message.includes('flood')), { timeout: 5_000 }).toBe(true)
    // The gap itself is whole (idempotent store: the repeats are the same points).
    await expect.poll(() => sys.store.count('DG-AIR-14', h, h + 25 * 60_000), { timeout: 5_000 }).toBe(25 * 2)
    await stillWorks(l, h, 30)
  })

  it('sends history for another MN: refused (not a registered logger); nothing is counted as recovered', async () => {
    const { l, h } = await misbehaving('DG-AIR-15', 'other-mn')
    links.push(l)
    await expect.poll(async () => (await history('DG-AIR-15'))?.state, { timeout: 10_000 }).toBe('executed')
    expect(await history('DG-AIR-15')).toMatchObject({ readings: 0 })
    expect((await view('DG-AIR-15')).gaps[0]).toMatchObject({ state: 'no-data', readings: 0 })
    await expect
      .poll(
        () =>
          sys.ingest.deadLetters
            .recent(500)
            .some((d) => d.reason === 'unknown-station' && d.message.includes(`${sys.registry.get('DG-AIR-15')!.mn}X`)),
        { timeout: 5_000 },
      )
      .toBe(true)
    expect(await sys.store.count('DG-AIR-15', h + 5 * 60_000, h + 20 * 60_000)).toBe(0)
    await stillWorks(l, h, 30)
  })
})
