/**
 * Server-side sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie; the server
 * keeps only its SHA-256 (so a leaked sessions file cannot be replayed), the user, role and a
 * per-session CSRF token. Idle and absolute expiry. Persisted so a restart does not log the
 * control room out.
 *
 * Several server nodes (docs/deployment.md): an optional replica (server/src/cluster/redis-sessions.ts)
 * is told of every session created, touched (at most once a minute) or ended here, and applies
 * other nodes' changes with `applyRemote`, so any node accepts any session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { writePrivateFileAtomic } from '../../../ingest/src/stations/private-file'
import type { Role } from './roles'

export interface Session {
  userId: string
  username: string
  role: Role
  csrf: string
  createdAt: number
  lastSeen: number
}

/** Where this node's session changes go (another node's store, e.g. through Redis). Never throws. */
export interface SessionReplica {
  set(hash: string, session: Session): void
  delete(hash: string): void
}

/** How often a session's idle timer is passed on to the replica. */
const REPLICATE_TOUCH_MS = 60_000

export interface SessionOptions {
  file?: string
  replica?: SessionReplica
  idleMs?: number
  absoluteMs?: number
  now?: () => number
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex')

export class SessionStore {
  private readonly byHash = new Map<string, Session>()
  private readonly idleMs: number
  private readonly absoluteMs: number
  private readonly now: () => number
  private saveTimer?: NodeJS.Timeout
  /** When each session was last passed to the replica. */
  private readonly replicated = new Map<string, number>()
  private readonly endedListeners = new Set<(hash: string) => void>()

  constructor(private readonly opts: SessionOptions = {}) {
    this.idleMs = opts.idleMs ?? 12 * 3_600_000
    this.absoluteMs = opts.absoluteMs ?? 7 * 86_400_000
    this.now = opts.now ?? Date.now
    if (opts.file && existsSync(opts.file)) {
      try {
        const saved = JSON.parse(readFileSync(opts.file, 'utf8')) as Record<string, Session>
        for (const [h, s] of Object.entries(saved)) this.byHash.set(h, s)
      } catch {
        /* a corrupt sessions file only logs people out */
      }
    }
  }

  /** The key a session is kept under (SHA-256 of the cookie value), as {@link onEnded} reports it. */
  static hashOf(id: string): string {
    return hashId(id)
  }

  /**
   * Hear of every session that ends here or on another node (logout, expiry found on use, a user's
   * role, password or account changed): its live connections must close too. Returns an unsubscribe.
   */
  onEnded(listener: (hash: string) => void): () => void {
    this.endedListeners.add(listener)
    return () => {
      this.endedListeners.delete(listener)
    }
  }

  private ended(hash: string): void {
    for (const l of this.endedListeners) l(hash)
  }

  /** Create a session; returns the cookie value (shown once, never stored). */
  create(user: { id: string; username: string; role: Role }): { id: string; session: Session } {
    const id = randomBytes(32).toString('base64url')
    const t = this.now()
    const session: Session = {
      userId: user.id,
      username: user.username,
      role: user.role,
      csrf: randomBytes(24).toString('base64url'),
      createdAt: t,
      lastSeen: t,
    }
    const h = hashId(id)
    this.byHash.set(h, session)
    this.persist()
    this.replicateSet(h, session)
    return { id, session }
  }

  /** The live session for a cookie value, touching its idle timer; undefined when absent or expired. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined
    const h = hashId(id)
    const s = this.byHash.get(h)
    if (!s) return undefined
    const t = this.now()
    if (t - s.lastSeen > this.idleMs || t - s.createdAt > this.absoluteMs) {
      this.byHash.delete(h)
      this.persist()
      this.replicateDelete(h)
      this.ended(h)
      return undefined
    }
    s.lastSeen = t
    if (this.opts.replica && t - (this.replicated.get(h) ?? 0) >= REPLICATE_TOUCH_MS) this.replicateSet(h, s)
    return s
  }

  destroy(id: string | undefined): void {
    if (!id) return
    const h = hashId(id)
    if (this.byHash.delete(h)) this.persist()
    this.replicateDelete(h)
    this.ended(h)
  }

  /** End every session of a user (role change, password change, deletion). */
  destroyUser(userId: string): void {
    let changed = false
    for (const [h, s] of this.byHash) {
      if (s.userId !== userId) continue
      changed = this.byHash.delete(h) || changed
      this.replicateDelete(h)
      this.ended(h)
    }
    if (changed) this.persist()
  }

  /** A change made on another node (from the replica): applied here, not passed back. */
  applyRemote(hash: string, session: Session | undefined): void {
    if (session) {
      const cur = this.byHash.get(hash)
      // Keep the later idle timer of the two copies.
      this.byHash.set(hash, cur && cur.lastSeen > session.lastSeen ? { ...session, lastSeen: cur.lastSeen } : session)
      this.replicated.set(hash, this.now())
    } else {
      this.byHash.delete(hash)
      this.replicated.delete(hash)
      this.ended(hash)
    }
    this.persist()
  }

  private replicateSet(h: string, s: Session): void {
    if (!this.opts.replica) return
    this.replicated.set(h, this.now())
    this.opts.replica.set(h, { ...s })
  }

  private replicateDelete(h: string): void {
    if (!this.opts.replica) return
    this.replicated.delete(h)
    this.opts.replica.delete(h)
  }

  /** Constant-time CSRF check. */
  static csrfMatches(session: Session, token: unknown): boolean {
    if (typeof token !== 'string') return false
    const a = Buffer.from(session.csrf)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer)
      this.saveTimer = undefined
    }
    const file = this.opts.file
    if (!file) return
    writePrivateFileAtomic(file, JSON.stringify(Object.fromEntries(this.byHash)))
  }

  private persist(): void {
    if (!this.opts.file || this.saveTimer) return
    this.saveTimer = setTimeout(() => this.flush(), 1000)
    this.saveTimer.unref()
  }
}
