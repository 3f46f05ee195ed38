/**
 * Issue 15: files that hold secrets are owner-only (0600) when created, when rewritten (temporary
 * file + rename) and after a start that found them readable by others (tightened, with a warning).
 * stations.json used to be created 0644 with every station's secret hash in it.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../server/src/log'
import { startTestSystem } from './helpers/start-system'

const modeOf = (f: string) => statSync(f).mode & 0o777
const json = { 'content-type': 'application/json' }

describe('secret files', () => {
  it('are created 0600 at the first start: station-secret, stations.json, users.json', async () => {
    // No STATION_SECRET: the installation generates its own into the data directory.
    const sys = await startTestSystem({ STATION_SECRET: undefined } as unknown as Record<string, string>)
    try {
      for (const f of ['station-secret', 'stations.json', 'users.json']) {
        expect(existsSync(join(sys.dir, f)), f).toBe(true)
        expect(modeOf(join(sys.dir, f)), f).toBe(0o600)
      }
    } finally {
      await sys.stop()
    }
  })

  it('stay 0600 when rewritten through the API, even over a leftover world-readable temporary file', async () => {
    const sys = await startTestSystem()
    try {
      const file = (f: string) => join(sys.dir, f)
      // A crash between write and rename leaves a .tmp behind; open(…, 0600) would keep its 0666.
      for (const f of ['stations.json', 'users.json', 'sessions.json', 'notify/recipients.json']) {
        writeFileSync(file(`${f}.tmp`), 'torn')
        chmodSync(file(`${f}.tmp`), 0o666)
      }
      const before = readFileSync(file('stations.json'), 'utf8')
      const cred = await sys.api('/api/admin/stations/DG-AIR-01/credentials', { method: 'POST' })
      expect(cred.status).toBe(200)
      const user = await sys.api('/api/admin/users', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: 'inspector', role: 'viewer', password: 'a long enough password 1' }),
      })
      expect(user.status).toBe(201)
      const rcpt = await sys.api('/api/admin/notify/recipients/ops', {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({
          name: 'Duty desk',
          channels: [{ type: 'webhook', url: 'https://hooks.example.org/envmon', secret: 'webhook-signing-secret' }],
        }),
      })
      expect(rcpt.status).toBe(201)
      await sys.login('viewer')
      sys.sessions.flush()

      expect(readFileSync(file('stations.json'), 'utf8')).not.toBe(before) // rewritten: a new hash
      expect(readFileSync(file('users.json'), 'utf8')).toContain('"inspector"')
      expect(readFileSync(file('notify/recipients.json'), 'utf8')).toContain('webhook-signing-secret')
      for (const f of ['stations.json', 'users.json', 'sessions.json', 'notify/recipients.json']) {
        expect(modeOf(file(f)), f).toBe(0o600)
        expect(existsSync(file(`${f}.tmp`)), `${f}.tmp`).toBe(false)
      }
    } finally {
      await sys.stop()
    }
  })

  it('found readable by others at start are tightened to 0600, each with a warning naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envmon-modes-'))
    try {
      const first = await startTestSystem({}, {}, dir)
      await first.stop()
      const loose = { 'stations.json': 0o644, 'users.json': 0o640, 'sessions.json': 0o604 } as const
      for (const [f, mode] of Object.entries(loose)) chmodSync(join(dir, f), mode)
      writeFileSync(join(dir, 'station-secret'), 'an-old-installation-secret\n', { mode: 0o644 })
      chmodSync(join(dir, 'station-secret'), 0o644)

      const lines: string[] = []
      const log = createLogger('warn', (l) => lines.push(l))
      const second = await startTestSystem({}, { log }, dir)
      try {
        for (const f of [...Object.keys(loose), 'station-secret']) {
          expect(modeOf(join(dir, f)), f).toBe(0o600)
          expect(
            lines.some((l) => l.includes(' warn ') && l.includes(join(dir, f)) && l.includes('tightened to 600')),
            f,
          ).toBe(true)
        }
        expect(lines.find((l) => l.includes(join(dir, 'stations.json')))).toContain('was mode 644')
        // The system runs normally on the tightened files.
        expect((await second.apiAs('viewer', '/api/stations')).status).toBe(200)
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
