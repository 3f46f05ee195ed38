/**
 * `npm run create-user -- --username NAME --role admin|analyst|operator|viewer [--name "Full Name"]`
 * Creates a user in the data directory's users file. The password is read from the terminal
 * (not echoed) or, for scripts, from standard input with --password-stdin.
 */
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config'
import { maybeRole, ROLES } from '../auth/roles'
import { UserStore, checkPassword } from '../auth/users'

async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin })
    for await (const line of rl) return line
    return ''
  }
  process.stdout.write(prompt)
  stdin.setRawMode(true)
  stdin.resume()
  let pw = ''
  return new Promise((resolve) => {
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false)
          stdin.pause()
          stdin.off('data', onData)
          process.stdout.write('\n')
          return resolve(pw)
        }
        if (ch === '\u0003') process.exit(130)
        if (ch === '\u007f') pw = pw.slice(0, -1)
        else pw += ch
      }
    }
    stdin.on('data', onData)
  })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  })
  const role = maybeRole(values.role)
  if (!values.username || !role) {
    process.stderr.write(
      `usage: npm run create-user -- --username NAME --role ${ROLES.join('|')} [--name "Full Name"] [--password-stdin]\n`,
    )
    process.exit(2)
  }
  const config = loadConfig(process.env)
  const users = new UserStore(join(config.dataDir, 'users.json'))
  const pw = values['password-stdin'] ? await readPassword('') : await readPassword(`password for ${values.username}: `)
  const bad = checkPassword(pw)
  if (bad) {
    process.stderr.write(`${bad}\n`)
    process.exit(2)
  }
  const u = await users.create({ username: values.username, role, password: pw, name: values.name })
  process.stdout.write(`created ${u.role} ${u.username} in ${join(config.dataDir, 'users.json')}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`create-user: ${(e as Error).message}\n`)
  process.exit(1)
})
