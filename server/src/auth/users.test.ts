/** The user store's password handling: argon2id PHC hashes on disk, never the password. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import { afterAll, describe, expect, it } from 'vitest'
import { UserStore } from './users'

const dir = mkdtempSync(join(tmpdir(), 'envmon-users-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('UserStore passwords', () => {
  it('stores an argon2id hash with OWASP cost and no trace of the password', async () => {
    const file = join(dir, 'a.json')
    const users = new UserStore(file)
    await users.create({ username: 'duty-officer', role: 'operator', password: 'correct-horse-9' })
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('correct-horse-9')
    const stored = (JSON.parse(text) as { users: { passwordHash: string }[] }).users[0]!.passwordHash
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await new UserStore(file).verify('DUTY-OFFICER', 'correct-horse-9')).toMatchObject({
      username: 'duty-officer',
      role: 'operator',
    })
    expect(await users.verify('duty-officer', 'correct-horse-8')).toBeUndefined()
  })

  it('verifies a hash made with other argon2 parameters (read from the PHC string)', async () => {
    const file = join(dir, 'b.json')
    // As written by the earlier native binding's defaults (64 MiB, 3 passes, 4 lanes).
    const passwordHash = await hash('an-older-password', { memoryCost: 65_536, timeCost: 3, parallelism: 4 })
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ id: 'u1', username: 'old', name: 'Old', role: 'viewer', createdAt: '2026-01-01T00:00:00Z', passwordHash }],
      }),
    )
    const users = new UserStore(file)
    expect(await users.verify('old', 'an-older-password')).toMatchObject({ id: 'u1' })
    expect(await users.verify('old', 'an-older-passwore')).toBeUndefined()
  })

  it('refuses a disabled account, an unknown user and a corrupt hash without throwing', async () => {
    const file = join(dir, 'c.json')
    const users = new UserStore(file)
    const u = await users.create({ username: 'leaver', role: 'viewer', password: 'leaving-soon-1' })
    await users.update(u.id, { disabled: true })
    expect(await users.verify('leaver', 'leaving-soon-1')).toBeUndefined()
    expect(await users.verify('nobody', 'leaving-soon-1')).toBeUndefined()
    writeFileSync(
      file,
      JSON.stringify({
        users: [
          { id: 'u2', username: 'broken', name: 'B', role: 'viewer', createdAt: '2026-01-01T00:00:00Z', passwordHash: '$argon2id$garbage' },
        ],
      }),
    )
    expect(await new UserStore(file).verify('broken', 'anything-at-all')).toBeUndefined()
  })
})
