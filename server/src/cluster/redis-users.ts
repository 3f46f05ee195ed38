/**
 * Users shared by the server nodes through Redis: the whole set (as in users.json, password
 * hashes included) is kept under one key (`<key>:users`) and every change is announced on a
 * channel; each node replaces its set with the announced one. The first node to start seeds the
 * key with its own set (SET NX); every later node adopts what is there, so user ids — which
 * sessions refer to — are the same on every node. Redis errors are logged, never thrown.
 *
 * Concurrent edits of users on two nodes within the same instant: the last announcement wins
 * (user administration is rare and done by one admin).
 */
import type { RedisClientType } from 'redis'
import type { StoredUser, UserStore } from '../auth/users'
import type { Logger } from '../log'

interface Announcement {
  node: string
  users: StoredUser[]
}

/**
 * Keeps a node's users equal to the cluster's.
 * @example
 * await new RedisUsers(redis.client, serverId, log).start(users)
 */
export class RedisUsers {
  private sub?: RedisClientType
  private readonly key: string
  private readonly channel: string

  constructor(
    private readonly client: RedisClientType,
    private readonly node: string,
    private readonly log: Logger,
    prefix = 'envmon',
  ) {
    this.key = `${prefix}:users`
    this.channel = `${prefix}:users:changes`
  }

  /** Subscribe, then seed Redis with this node's users or adopt the cluster's; afterwards every local change is shared. */
  async start(users: UserStore): Promise<void> {
    const sub = this.client.duplicate() as RedisClientType
    sub.on('error', (e: Error) => this.log.limited('redis:users', 'warn', `redis (users): ${e.message}`))
    await sub.connect()
    this.sub = sub
    await sub.subscribe(this.channel, (msg) => {
      try {
        const a = JSON.parse(msg) as Announcement
        if (a.node !== this.node && Array.isArray(a.users)) users.replaceAll(a.users)
      } catch {
        this.log.limited('redis:users:bad', 'warn', 'redis (users): an unreadable announcement was ignored')
      }
    })
    const seeded = await this.client.set(this.key, JSON.stringify(users.all()), { condition: 'NX' })
    if (seeded !== 'OK') {
      const json = await this.client.get(this.key)
      if (json) users.replaceAll(JSON.parse(json) as StoredUser[])
    }
    users.onSaved = (all) => {
      const json = JSON.stringify(all)
      this.client
        .multi()
        .set(this.key, json)
        .publish(this.channel, JSON.stringify({ node: this.node, users: all } satisfies Announcement))
        .exec()
        .catch((e: Error) =>
          this.log.limited('redis:users:set', 'warn', `redis (users): a change could not be shared with the other nodes: ${e.message}`),
        )
    }
  }

  async close(): Promise<void> {
    await this.sub?.close().catch(() => undefined)
  }
}
