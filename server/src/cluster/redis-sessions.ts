/**
 * Sessions shared by the server nodes through Redis: every session created, touched or ended on a
 * node is written to one Redis hash (`<key>:sessions`, field = SHA-256 of the session id, as in the
 * sessions file) and announced on a channel; every node loads the hash at start and applies the
 * others' announcements, so a browser may land on any node (failover, or no sticky sessions for
 * the HTTP API). Reads stay local and synchronous. Redis errors are logged, never thrown.
 */
import type { RedisClientType } from 'redis'
import type { Session, SessionReplica, SessionStore } from '../auth/sessions'
import type { Logger } from '../log'

interface Change {
  node: string
  hash: string
  session?: Session
}

/**
 * The Redis replica of a node's session store.
 * @example
 * const replica = new RedisSessions(redis.client, serverId, log)
 * const sessions = new SessionStore({ replica })
 * await replica.start(sessions)
 */
export class RedisSessions implements SessionReplica {
  private store?: SessionStore
  private sub?: RedisClientType
  private readonly hashKey: string
  private readonly channel: string

  constructor(
    private readonly client: RedisClientType,
    private readonly node: string,
    private readonly log: Logger,
    key = 'envmon',
  ) {
    this.hashKey = `${key}:sessions`
    this.channel = `${key}:sessions:changes`
  }

  /** Subscribe to the other nodes' changes, then load every session (the store applies them without passing them back). */
  async start(store: SessionStore): Promise<void> {
    this.store = store
    const sub = this.client.duplicate() as RedisClientType
    sub.on('error', (e: Error) => this.log.limited('redis:sessions', 'warn', `redis (sessions): ${e.message}`))
    await sub.connect()
    this.sub = sub
    await sub.subscribe(this.channel, (msg) => this.onChange(msg))
    const all = await this.client.hGetAll(this.hashKey)
    for (const [hash, json] of Object.entries(all)) {
      try {
        store.applyRemote(hash, JSON.parse(json) as Session)
      } catch {
        this.log.limited('redis:sessions:bad', 'warn', 'redis (sessions): an unreadable session entry was ignored')
      }
    }
  }

  set(hash: string, session: Session): void {
    const json = JSON.stringify(session)
    this.client
      .multi()
      .hSet(this.hashKey, hash, json)
      .publish(this.channel, JSON.stringify({ node: this.node, hash, session } satisfies Change))
      .exec()
      .catch((e: Error) => this.log.limited('redis:sessions:set', 'warn', `redis (sessions): could not share a session: ${e.message}`))
  }

  delete(hash: string): void {
    this.client
      .multi()
      .hDel(this.hashKey, hash)
      .publish(this.channel, JSON.stringify({ node: this.node, hash } satisfies Change))
      .exec()
      .catch((e: Error) =>
        this.log.limited('redis:sessions:del', 'warn', `redis (sessions): could not end a session on the other nodes: ${e.message}`),
      )
  }

  async close(): Promise<void> {
    await this.sub?.close().catch(() => undefined)
  }

  private onChange(msg: string): void {
    let c: Change
    try {
      c = JSON.parse(msg) as Change
    } catch {
      return
    }
    if (c.node === this.node || typeof c.hash !== 'string') return
    this.store?.applyRemote(c.hash, c.session)
  }
}
