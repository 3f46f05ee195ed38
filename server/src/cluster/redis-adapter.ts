/**
 * The socket.io Redis adapter (`@socket.io/redis-adapter` on node-redis): a broadcast made on one
 * server node (`io.to(rooms).emit`) reaches the matching browsers on every node. node-redis owns
 * reconnection; its errors are logged (rate-limited), never thrown.
 */
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient, type RedisClientType } from 'redis'
import type { ServerOptions } from 'socket.io'
import type { Logger } from '../log'

/** The adapter and the Redis connections behind it. */
export interface RedisLink {
  adapter: NonNullable<ServerOptions['adapter']>
  /** A plain client for other uses (sessions). */
  client: RedisClientType
  /** Another connection in subscriber mode can be made with `client.duplicate()`. */
  ready(): boolean
  close(): Promise<void>
}

/**
 * Connect the adapter's publisher and subscriber; rejects when Redis cannot be reached at start.
 * @example
 * const redis = await connectRedis('redis://redis:6379', log)
 * const hub = new LiveHub(http, { adapter: redis.adapter })
 */
export async function connectRedis(url: string, log: Logger, key = 'envmon'): Promise<RedisLink> {
  const pub = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: (n) => Math.min(100 * 2 ** n, 5000) } })
  const sub = pub.duplicate()
  for (const [name, c] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    c.on('error', (e: Error) => log.limited(`redis:${name}`, 'warn', `redis (${name}): ${e.message}`))
  }
  try {
    await Promise.all([pub.connect(), sub.connect()])
  } catch (e) {
    pub.destroy()
    sub.destroy()
    throw new Error(`REDIS_URL=${url}: cannot connect: ${(e as Error).message}`, { cause: e })
  }
  return {
    adapter: createAdapter(pub, sub, { key: `${key}:socket.io` }) as unknown as NonNullable<ServerOptions['adapter']>,
    client: pub as unknown as RedisClientType,
    ready: () => pub.isReady && sub.isReady,
    async close() {
      await Promise.allSettled([sub.close(), pub.close()])
    },
  }
}
