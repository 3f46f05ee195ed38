import { describe, expect, it } from 'vitest'
import type { Station } from '../../../shared/src/domain/station'
import { makeTopics } from '../../../shared/src/protocol/topics'
import { mayPublish, maySubscribe, type Principal } from './acl'

const topics = makeTopics('envmon')
const station = { type: 'station', station: { id: 'DG-AIR-01', kind: 'air' } as Station } as Principal

describe('station publish ACL', () => {
  it.each([
    ['its own reading', 'envmon/v1/air/DG-AIR-01/reading', { ok: true }],
    ["another station's topic", 'envmon/v1/air/DG-AIR-02/reading', { ok: false, reason: 'unauthorized' }],
    ['the alerts topic', 'envmon/v1/alerts/DG-AIR-01', { ok: false, reason: 'unauthorized' }],
    ['$SYS', '$SYS/broker/x', { ok: false, reason: 'unauthorized' }],
    ['its own id under another kind', 'envmon/v1/water/DG-AIR-01/reading', { ok: false, reason: 'kind-mismatch' }],
    ['another id under another kind', 'envmon/v1/water/DG-WAT-01/reading', { ok: false, reason: 'unauthorized' }],
  ])('%s → %o', (_name, topic, want) => {
    expect(mayPublish(station, topic, topics)).toMatchObject(want)
  })
})

describe('station subscribe ACL (issue 12): exactly its own HJ 212 command topic', () => {
  it.each([
    ['its own command topic', 'envmon/v1/air/DG-AIR-01/hj212/cmd', true],
    ["another station's command topic", 'envmon/v1/air/DG-AIR-02/hj212/cmd', false],
    ['a wildcard over all command topics', 'envmon/v1/+/+/hj212/cmd', false],
    ['a wildcard over its own topics', 'envmon/v1/air/DG-AIR-01/#', false],
    ['its own id under another kind', 'envmon/v1/water/DG-AIR-01/hj212/cmd', false],
    ['its own data topic', 'envmon/v1/air/DG-AIR-01/hj212', false],
  ])('%s → %s', (_name, filter, ok) => {
    expect(maySubscribe(station, filter, topics).ok).toBe(ok)
  })

  it('a service may subscribe to anything', () => {
    expect(maySubscribe({ type: 'service', name: 'envmon-ingest' }, 'envmon/v1/#', topics).ok).toBe(true)
  })
})
