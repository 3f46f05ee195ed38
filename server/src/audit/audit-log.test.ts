/**
 * The audit log on real files in a temp dir: newest first, filters, pages, a chain that continues
 * across a reopen, tampering detected, owner-only files, a torn line survived, secrets redacted.
 */
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AuditLog, type AuditEntry } from './audit-log'
import { redact } from './redact'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'envmon-audit-'))
  dirs.push(d)
  return join(d, 'audit')
}

const entry = (action: string, user = 'alice', extra: Partial<AuditEntry> = {}): AuditEntry => ({
  user,
  role: 'admin',
  address: '10.0.0.7',
  method: 'PUT',
  route: '/api/x/:id',
  path: '/api/x/1',
  params: { id: '1' },
  status: 200,
  complete: true,
  action,
  ...extra,
})

const NOV = Date.UTC(2026, 10, 30, 23, 0)
const DEC = Date.UTC(2026, 11, 1, 1, 0)

function clock(start: number) {
  let t = start
  return { now: () => t, set: (v: number) => (t = v) }
}

async function all(log: AuditLog, f = {}) {
  const out = []
  for await (const r of log.matching(f)) out.push(r)
  return out
}

describe('AuditLog', () => {
  it('returns records newest first, across monthly files', async () => {
    const dir = tempDir()
    const c = clock(NOV)
    const log = new AuditLog({ dir, node: 'main', now: c.now })
    log.append(entry('a'))
    c.set(NOV + 1000)
    log.append(entry('b'))
    c.set(DEC)
    log.append(entry('c'))
    expect((await all(log)).map((r) => [r.action, r.seq])).toEqual([
      ['c', 3],
      ['b', 2],
      ['a', 1],
    ])
    expect(readdirSync(dir).sort()).toEqual(['audit-main-2026-11.jsonl', 'audit-main-2026-12.jsonl'])
    await log.close()
  })

  it.each([
    [{ user: 'BOB' }, ['bob-1']],
    [{ action: 'station.update' }, ['station.update']],
    [{ action: 'station.*' }, ['station.delete', 'station.update']],
    [{ action: 'station.' }, ['station.delete', 'station.update']],
    [{ from: DEC }, ['station.delete']],
    [{ to: DEC }, ['bob-1', 'station.update']],
  ])('filters by %o', async (f, actions) => {
    const c = clock(NOV)
    const log = new AuditLog({ dir: tempDir(), node: 'main', now: c.now })
    log.append(entry('station.update'))
    c.set(NOV + 1)
    log.append(entry('bob-1', 'bob'))
    c.set(DEC)
    log.append(entry('station.delete'))
    expect((await all(log, f)).map((r) => r.action).sort()).toEqual(actions)
    await log.close()
  })

  it('pages with a total', async () => {
    const c = clock(NOV)
    const log = new AuditLog({ dir: tempDir(), node: 'main', now: c.now })
    for (let i = 0; i < 7; i++) {
      c.set(NOV + i)
      log.append(entry(`a${i}`))
    }
    const p = await log.page({}, 2, 3)
    expect(p.total).toBe(7)
    expect(p.records.map((r) => r.action)).toEqual(['a4', 'a3', 'a2'])
    await log.close()
  })

  it('continues the chain and the numbering after a reopen', async () => {
    const dir = tempDir()
    const a = new AuditLog({ dir, node: 'main', now: () => NOV })
    a.append(entry('one'))
    const second = a.append(entry('two'))
    await a.close()
    const b = new AuditLog({ dir, node: 'main', now: () => NOV + 5 })
    const third = b.append(entry('three'))
    expect(third.seq).toBe(3)
    expect(third.prev).toBe(second.hash)
    expect(await b.verify()).toEqual({ ok: true, nodes: [{ node: 'main', records: 3, ok: true }] })
    await b.close()
  })

  it('writes owner-only files in an owner-only directory', async () => {
    const dir = tempDir()
    const log = new AuditLog({ dir, node: 'main', now: () => NOV })
    log.append(entry('x'))
    await log.flush()
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'audit-main-2026-11.jsonl')).mode & 0o777).toBe(0o600)
    await log.close()
  })

  it.each([
    [
      'a changed value',
      (lines: string[]) => (lines[1] = lines[1]!.replace('"status":200', '"status":201')),
      /line 2: the record does not match its hash/,
    ],
    ['a removed line', (lines: string[]) => lines.splice(1, 1), /line 2: does not link to the record before it/],
    ['two lines swapped', (lines: string[]) => ([lines[0], lines[1]] = [lines[1]!, lines[0]!]), /line 2: does not link/],
  ])('detects %s', async (_what, tamper, problem) => {
    const dir = tempDir()
    const log = new AuditLog({ dir, node: 'main', now: () => NOV })
    for (const a of ['a', 'b', 'c']) log.append(entry(a))
    await log.close()
    const file = join(dir, 'audit-main-2026-11.jsonl')
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    tamper(lines)
    writeFileSync(file, `${lines.join('\n')}\n`)
    const v = await new AuditLog({ dir, node: 'other', now: () => NOV }).verify()
    expect(v.ok).toBe(false)
    expect(v.nodes[0]!.problem).toMatch(problem)
  })

  it('keeps one chain per node in a shared directory and reads them all', async () => {
    const dir = tempDir()
    const a = new AuditLog({ dir, node: 'server-a', now: () => NOV })
    const b = new AuditLog({ dir, node: 'server-b', now: () => NOV + 1 })
    a.append(entry('from-a'))
    b.append(entry('from-b'))
    await a.flush()
    expect((await all(b)).map((r) => [r.node, r.action])).toEqual([
      ['server-b', 'from-b'],
      ['server-a', 'from-a'],
    ])
    expect((await b.verify()).nodes.map((n) => [n.node, n.ok])).toEqual([
      ['server-a', true],
      ['server-b', true],
    ])
    await a.close()
    await b.close()
  })

  it('after a torn last line (a crash mid-write) appends on a new line and says where the chain broke', async () => {
    const dir = tempDir()
    const a = new AuditLog({ dir, node: 'main', now: () => NOV })
    a.append(entry('whole'))
    await a.close()
    appendFileSync(join(dir, 'audit-main-2026-11.jsonl'), '{"seq":2,"ts":"2026-11-3')
    const b = new AuditLog({ dir, node: 'main', now: () => NOV + 1 })
    const next = b.append(entry('after'))
    expect(next.seq).toBe(2)
    expect((await all(b)).map((r) => r.action)).toEqual(['after', 'whole'])
    expect((await b.verify()).nodes[0]!.problem).toMatch(/line 2: the record does not match its hash \(changed or torn\)/)
    await b.close()
  })

  it('refuses a node name that could escape the directory', () => {
    expect(() => new AuditLog({ dir: tempDir(), node: '../x' })).toThrow(/invalid audit node name/)
  })
})

describe('redact', () => {
  it.each([
    [
      { username: 'a', password: 'p' },
      { username: 'a', password: '[redacted]' },
    ],
    [
      { station: { secretHash: 'h', hasCredentials: true, keySource: true } },
      { station: { secretHash: '[redacted]', hasCredentials: true, keySource: true } },
    ],
    [{ channels: [{ url: 'https://x', secret: 's' }] }, { channels: [{ url: 'https://x', secret: '[redacted]' }] }],
    [
      { csrfToken: 't', PW: '123456', smtpPass: 'x', apiKey: 'k', note: 'password is fine as text' },
      { csrfToken: '[redacted]', PW: '[redacted]', smtpPass: '[redacted]', apiKey: '[redacted]', note: 'password is fine as text' },
    ],
    [{ password: '' }, { password: '' }],
    [
      { hasSecret: true, secret: 'x' },
      { hasSecret: true, secret: '[redacted]' },
    ],
    [
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123&x=1' },
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=%5Bredacted%5D&x=1' },
    ],
    [
      { url: 'https://user:pw@hooks.example.cn/h?sign=s&key=k' },
      { url: 'https://user:redacted@hooks.example.cn/h?sign=%5Bredacted%5D&key=%5Bredacted%5D' },
    ],
    [{ url: 'https://hooks.example.cn/h?station=DG-AIR-01' }, { url: 'https://hooks.example.cn/h?station=DG-AIR-01' }],
  ])('%o → %o', (input, out) => {
    expect(redact(input)).toEqual(out)
  })

  it('keeps a note of the size instead of a huge body', () => {
    expect(redact({ big: 'x'.repeat(20_000) })).toEqual({ truncated: true, jsonLength: 20_010 })
  })
})
