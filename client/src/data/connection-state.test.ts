import { describe, expect, it } from 'vitest'
import { INITIAL_CONNECTION, nextConnection, shownConnection, type ConnectionEvent, type ConnectionModel } from './connection-state'

const run = (events: ConnectionEvent[], from: ConnectionModel = INITIAL_CONNECTION) => events.reduce(nextConnection, from)

describe('connection state', () => {
  it('starts connecting', () => {
    expect(INITIAL_CONNECTION.state).toBe('connecting')
  })

  it('is live once connected', () => {
    expect(run([{ type: 'connect' }]).state).toBe('live')
  })

  it('is reconnecting right after losing a live connection', () => {
    expect(run([{ type: 'connect' }, { type: 'disconnect', willRetry: true }]).state).toBe('reconnecting')
  })

  it('stays reconnecting for the first failed attempts', () => {
    const m = run([{ type: 'connect' }, { type: 'disconnect', willRetry: true }, { type: 'error', willRetry: true }, { type: 'attempt', attempt: 2 }])
    expect(m.state).toBe('reconnecting')
  })

  it('turns offline after several failed attempts', () => {
    const fails: ConnectionEvent[] = [1, 2, 3].map(() => ({ type: 'error', willRetry: true }))
    expect(run([{ type: 'connect' }, { type: 'disconnect', willRetry: true }, ...fails]).state).toBe('offline')
  })

  it('is offline when the server refuses the connection (no retry)', () => {
    expect(run([{ type: 'error', willRetry: false }]).state).toBe('offline')
  })

  it('is offline when the client disconnected for good', () => {
    expect(run([{ type: 'connect' }, { type: 'disconnect', willRetry: false }]).state).toBe('offline')
  })

  it('is offline while the browser has no network, and retries when it comes back', () => {
    const down = run([{ type: 'connect' }, { type: 'disconnect', willRetry: true }, { type: 'browser-offline' }])
    expect(down.state).toBe('offline')
    expect(nextConnection(down, { type: 'browser-online' }).state).toBe('reconnecting')
  })

  it('goes back to live on reconnect and forgets the failures', () => {
    const m = run([{ type: 'connect' }, { type: 'disconnect', willRetry: true }, { type: 'error', willRetry: true }, { type: 'error', willRetry: true }, { type: 'error', willRetry: true }, { type: 'connect' }])
    expect(m).toMatchObject({ state: 'live', failures: 0 })
  })

  it('says connecting (not reconnecting) while the first connection is still being tried', () => {
    expect(run([{ type: 'error', willRetry: true }]).state).toBe('connecting')
  })

  describe('the server\'s broker link (socket feed event)', () => {
    const live = run([{ type: 'connect' }])

    it('shows reconnecting, about the broker, while the server has lost it', () => {
      expect(shownConnection(nextConnection(live, { type: 'feed', up: false }))).toEqual({ state: 'reconnecting', cause: 'broker' })
    })

    it('shows live again when the broker is back', () => {
      const m = run([{ type: 'feed', up: false }, { type: 'feed', up: true }], live)
      expect(shownConnection(m)).toEqual({ state: 'live', cause: 'server' })
    })

    it('a lost server connection is about the server, whatever the broker did', () => {
      const m = run([{ type: 'feed', up: false }, { type: 'disconnect', willRetry: true }], live)
      expect(shownConnection(m)).toEqual({ state: 'reconnecting', cause: 'server' })
    })

    it('forgets a down broker on reconnect (the server says so again if it still is)', () => {
      const m = run([{ type: 'feed', up: false }, { type: 'disconnect', willRetry: true }, { type: 'connect' }], live)
      expect(shownConnection(m)).toEqual({ state: 'live', cause: 'server' })
    })
  })
})
