/**
 * The login throttle shared by the server nodes through Redis: every failed or successful login on
 * a node is announced on one channel (`<key>:login-throttle`), and every node applies the others'
 * to its own throttle, so an attacker spreading attempts over the nodes behind the load balancer
 * gets no more than against one node (issue 15). Checks stay local and synchronous. Nothing is
 * stored: a node that starts later counts from then on (the limits look back 15 minutes at most).
 * Redis errors are logged, never thrown; while Redis is away each node counts alone.
 */
import type { RedisClientType } from 'redis'
import type { LoginThrottle, ThrottleEvent, ThrottleReplica } from '../auth/login-throttle'
import type { Logger } from '../log'

interface Message extends ThrottleEvent {
  node: string
}

/**
 * The Redis replica of a node's login throttle.
 * @example
 * const replica = new RedisThrottle(redis.client, serverId, log)
 * const throttle = new LoginThrottle({ replica })
 * await replica.start(throttle)
 */
export class RedisThrottle implements ThrottleReplica {
  private throttle?: LoginThrottle
  private sub?: RedisClientType
  private readonly channel: string

  constructor(
    private readonly client: RedisClientType,
    private readonly node: string,
    private readonly log: Logger,
    key = 'envmon',
  ) {
    this.channel = `${key}:login-throttle`
  }

  /** Subscribe to the other nodes' events. */
  async start(throttle: LoginThrottle): Promise<void> {
    this.throttle = throttle
    const sub = this.client.duplicate() as RedisClientType
    sub.on('error', (e: Error) => this.log.limited('redis:throttle', 'warn', `redis (login throttle): ${e.message}`))
    await sub.connect()
    this.sub = sub
    await sub.subscribe(this.channel, (msg) => this.onMessage(msg))
  }

  share(e: ThrottleEvent): void {
    this.client
      .publish(this.channel, JSON.stringify({ node: this.node, ...e } satisfies Message))
      .catch((err: Error) =>
        this.log.limited('redis:throttle:publish', 'warn', `redis (login throttle): could not share a login attempt: ${err.message}`),
      )
  }

  async close(): Promise<void> {
    await this.sub?.close().catch(() => undefined)
  }

  private onMessage(msg: string): void {
    let m: Message
    try {
      m = JSON.parse(msg) as Message
    } catch {
      return
    }
    if (m.node === this.node) return
    if ((m.kind !== 'fail' && m.kind !== 'succeed') || typeof m.ip !== 'string' || typeof m.username !== 'string' || !Number.isFinite(m.at))
      return
    this.throttle?.applyRemote({ kind: m.kind, ip: m.ip, username: m.username, at: m.at })
  }
}
