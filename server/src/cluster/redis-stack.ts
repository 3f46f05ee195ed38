/**
 * A server node's Redis (REDIS_URL): the socket.io adapter (a push reaches the browsers of every
 * node), and users, sessions and the login throttle shared between the server nodes. Without
 * REDIS_URL the node keeps its own sessions file and throttle (fine for a single server node).
 */
import { join } from 'node:path'
import { LoginThrottle } from '../auth/login-throttle'
import { SessionStore } from '../auth/sessions'
import type { UserStore } from '../auth/users'
import type { Logger } from '../log'
import type { Cleanups } from '../compose/cleanups'
import { connectRedis, type RedisLink } from './redis-adapter'
import { RedisSessions } from './redis-sessions'
import { RedisThrottle } from './redis-throttle'
import { RedisUsers } from './redis-users'

export interface RedisStack {
  redis?: RedisLink
  sessions: SessionStore
  /** Undefined without Redis: the web stack makes one of its own. */
  loginThrottle?: LoginThrottle
}

/** Connect Redis and share `users`, sessions and the throttle through it; or, without `redisUrl`, the node's own. */
export async function startRedisStack(o: {
  redisUrl?: string
  serverId: string
  dataDir: string
  users: UserStore
  log: Logger
  cleanups: Cleanups
}): Promise<RedisStack> {
  const { serverId, log, cleanups } = o
  if (!o.redisUrl) {
    log.warn(
      'REDIS_URL is not set: this server node pushes only to its own browsers and keeps its own sessions (fine for a single server node)',
    )
    const sessions = new SessionStore({ file: join(o.dataDir, 'sessions.json') })
    cleanups.push(() => sessions.flush())
    return { sessions }
  }
  const redis = await connectRedis(o.redisUrl, log)
  cleanups.push(() => redis.close())
  const sharedUsers = new RedisUsers(redis.client, serverId, log)
  await sharedUsers.start(o.users)
  cleanups.push(() => sharedUsers.close())
  const replica = new RedisSessions(redis.client, serverId, log)
  const sessions = new SessionStore({ replica })
  await replica.start(sessions)
  cleanups.push(() => replica.close())
  const throttleReplica = new RedisThrottle(redis.client, serverId, log)
  const loginThrottle = new LoginThrottle({ replica: throttleReplica })
  await throttleReplica.start(loginThrottle)
  cleanups.push(() => throttleReplica.close())
  return { redis, sessions, loginThrottle }
}
