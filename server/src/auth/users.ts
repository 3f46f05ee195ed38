/**
 * Users with roles, persisted as JSON in the data directory (atomic writes). Passwords are
 * hashed with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane; `@node-rs/argon2`, which hashes
 * on libuv's thread pool, so a login never blocks the event loop); an unknown username still costs
 * one hash so timing does not reveal it. Hashes are PHC strings, so ones made with other argon2
 * parameters still verify.
 *
 * Several server nodes (docs/deployment.md): `onSaved` hears every change made here and
 * `replaceAll` applies the whole set as changed on another node (server/src/cluster/redis-users.ts).
 */
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import { writePrivateFileAtomic } from '../../../ingest/src/stations/private-file'
import type { UserView } from '../../../shared/src/protocol/http/users'
import { maybeRole, type Role } from './roles'

/** A user as the API shows it (shared/src/protocol/http/users.ts). */
export type User = UserView

/** A user as persisted (with the password hash; never sent to a browser). */
export interface StoredUser extends User {
  passwordHash: string
}

export const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/
export const MIN_PASSWORD = 10

/** Reasons a password is refused. */
export function checkPassword(pw: string): string | undefined {
  if (pw.length < MIN_PASSWORD) return `password must have at least ${MIN_PASSWORD} characters`
  if (pw.length > 256) return 'password too long'
  return undefined
}

/**
 * argon2id (the library's default algorithm; its `Algorithm` is an ambient const enum, which
 * `verbatimModuleSyntax` cannot import) with OWASP's recommended minimum cost.
 */
const hashPassword = (password: string): Promise<string> => argonHash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 })

const publicUser = ({ passwordHash: _h, ...u }: StoredUser): User => u

export class UserStore {
  private readonly users = new Map<string, StoredUser>()
  private dummyHash?: string
  /** Told of every change made on this node (the whole set, after it is saved). */
  onSaved?: (users: StoredUser[]) => void

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { users?: StoredUser[] }
      for (const u of json.users ?? []) {
        if (!maybeRole(u.role)) throw new Error(`users file ${file}: invalid role for ${u.username}: ${u.role}`)
        this.users.set(u.id, u)
      }
    }
  }

  get size(): number {
    return this.users.size
  }

  list(): User[] {
    return [...this.users.values()].map(publicUser)
  }

  get(id: string): User | undefined {
    const u = this.users.get(id)
    return u && publicUser(u)
  }

  byUsername(username: string): User | undefined {
    const u = this.find(username)
    return u && publicUser(u)
  }

  async create(input: { username: string; name?: string; role: Role; password: string }): Promise<User> {
    if (!USERNAME.test(input.username)) throw new Error(`invalid username: ${input.username}`)
    if (this.find(input.username)) throw new Error(`user ${input.username} exists`)
    const bad = checkPassword(input.password)
    if (bad) throw new Error(bad)
    const u: StoredUser = {
      id: randomUUID(),
      username: input.username,
      name: input.name ?? input.username,
      role: input.role,
      createdAt: new Date().toISOString(),
      passwordHash: await hashPassword(input.password),
    }
    this.users.set(u.id, u)
    this.save()
    return publicUser(u)
  }

  async update(id: string, patch: { name?: string; role?: Role; password?: string; disabled?: boolean }): Promise<User | undefined> {
    const u = this.users.get(id)
    if (!u) return undefined
    if (patch.password !== undefined) {
      const bad = checkPassword(patch.password)
      if (bad) throw new Error(bad)
      u.passwordHash = await hashPassword(patch.password)
    }
    if (patch.name !== undefined) u.name = patch.name
    if (patch.role !== undefined) u.role = patch.role
    if (patch.disabled !== undefined) u.disabled = patch.disabled
    this.save()
    return publicUser(u)
  }

  remove(id: string): boolean {
    const ok = this.users.delete(id)
    if (ok) this.save()
    return ok
  }

  /** The user if the password is right and the account enabled. */
  async verify(username: string, password: string): Promise<User | undefined> {
    const u = this.find(username)
    if (!u) {
      this.dummyHash ??= await hashPassword('not-a-real-password')
      await argonVerify(this.dummyHash, password).catch(() => false)
      return undefined
    }
    const ok = await argonVerify(u.passwordHash, password).catch(() => false)
    return ok && !u.disabled ? publicUser(u) : undefined
  }

  /** Every user as persisted (for replication to other nodes). */
  all(): StoredUser[] {
    return [...this.users.values()].map((u) => ({ ...u }))
  }

  /** Replace the whole set with another node's (saved here, not passed back to `onSaved`). */
  replaceAll(users: readonly StoredUser[]): void {
    this.users.clear()
    for (const u of users)
      if (maybeRole(u.role) && typeof u.id === 'string' && typeof u.passwordHash === 'string') this.users.set(u.id, { ...u })
    this.write()
  }

  private find(username: string): StoredUser | undefined {
    const lower = username.toLowerCase()
    for (const u of this.users.values()) if (u.username.toLowerCase() === lower) return u
    return undefined
  }

  private save(): void {
    this.write()
    this.onSaved?.(this.all())
  }

  private write(): void {
    writePrivateFileAtomic(this.file, JSON.stringify({ version: 1, users: [...this.users.values()] }, null, 1))
  }
}
