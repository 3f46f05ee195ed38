import { describe, expect, it } from 'vitest'
import { SessionStore, type Session, type SessionReplica } from './sessions'

/** Two nodes' stores joined by an in-memory replica (what redis-sessions.ts does over Redis). */
function pair(now: () => number) {
  const stores: SessionStore[] = []
  const replica = (from: number): SessionReplica => ({
    set: (hash: string, s: Session) => stores[1 - from]!.applyRemote(hash, s),
    delete: (hash: string) => stores[1 - from]!.applyRemote(hash, undefined),
  })
  stores.push(new SessionStore({ replica: replica(0), now }), new SessionStore({ replica: replica(1), now }))
  return stores as [SessionStore, SessionStore]
}

const user = { id: 'u1', username: 'duty', role: 'operator' as const }

describe('sessions shared between server nodes', () => {
  it('a session created on one node is accepted on the other', () => {
    const [a, b] = pair(() => 1000)
    const { id } = a.create(user)
    expect(b.get(id)).toMatchObject({ userId: 'u1', role: 'operator' })
  })

  it('a logout on one node ends the session on the other', () => {
    const [a, b] = pair(() => 1000)
    const { id } = a.create(user)
    b.destroy(id)
    expect(a.get(id)).toBeUndefined()
  })

  it('ending every session of a user on one node ends them on the other', () => {
    const [a, b] = pair(() => 1000)
    const { id } = a.create(user)
    b.destroyUser('u1')
    expect(a.get(id)).toBeUndefined()
  })

  it('tells each node of a session ended anywhere (so each closes its own live sockets)', () => {
    const [a, b] = pair(() => 1000)
    const heard: [string, string][] = []
    a.onEnded((h) => heard.push(['a', h]))
    b.onEnded((h) => heard.push(['b', h]))
    const { id } = a.create(user)
    b.destroyUser('u1')
    expect(heard).toEqual([
      ['a', SessionStore.hashOf(id)],
      ['b', SessionStore.hashOf(id)],
    ])
  })

  it('passes use on at most once a minute, so an active session does not idle out on the other node', () => {
    let t = 0
    const [a, b] = pair(() => t)
    const { id } = a.create(user)
    for (t = 30_000; t <= 13 * 3_600_000; t += 30_000) expect(a.get(id)).toBeDefined()
    expect(b.get(id)).toBeDefined()
  })
})
