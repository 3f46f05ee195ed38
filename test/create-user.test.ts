/** `npm run create-user` creates a user who can then log in with that password. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UserStore } from '../server/src/auth/users'

const dir = mkdtempSync(join(tmpdir(), 'envmon-cu-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const run = (args: string[], input: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/create-user.ts', ...args], {
    input,
    env: { ...process.env, DATA_DIR: dir },
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  })

describe('create-user', () => {
  it('creates an admin whose password verifies', async () => {
    expect(run(['--username', 'chief', '--role', 'admin', '--password-stdin'], 'a-long-password-1\n')).toMatch(/created admin chief/)
    const users = new UserStore(join(dir, 'users.json'))
    expect(await users.verify('chief', 'a-long-password-1')).toMatchObject({ username: 'chief', role: 'admin' })
    expect(await users.verify('chief', 'wrong-password-1')).toBeUndefined()
  })

  it('refuses a short password and an unknown role with a clear message', () => {
    expect(() => run(['--username', 'x1', '--role', 'admin', '--password-stdin'], 'short\n')).toThrow(/at least 10 characters/)
    expect(() => run(['--username', 'x2', '--role', 'boss', '--password-stdin'], 'a-long-password-1\n')).toThrow(/usage/)
  })
})
