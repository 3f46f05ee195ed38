import { describe, expect, it } from 'vitest'
import { makeTopics } from '../../shared/src/protocol/topics'
import { generateReadings } from './generate'
import { cst, demoSet } from './models/test-helpers'

const T0 = cst('2026-01-10T00:00:00')
const stations = demoSet().slice(0, 30)
const topics = makeTopics('envmon')

describe('generateReadings', () => {
  it('yields exactly count messages', () => {
    expect([...generateReadings(stations, T0, 1000, 1)]).toHaveLength(1000)
  })

  it('is deterministic for a seed', () => {
    const a = [...generateReadings(stations, T0, 200, 1)].map((m) => m.payload.toString())
    const b = [...generateReadings(stations, T0, 200, 1)].map((m) => m.payload.toString())
    expect(a).toEqual(b)
  })

  it('publishes on each station reading topic', () => {
    for (const m of generateReadings(stations, T0, 300, 1)) {
      const t = topics.parseStation(m.topic)
      expect(t?.channel).toBe('reading')
      expect(stations.some((s) => s.id === t?.stationId && s.kind === t.kind)).toBe(true)
    }
  })

  it('goes round-robin: the first round has one reading per online station at startTs', () => {
    const first = [...generateReadings(stations, T0, stations.length - 2, 1)]
    expect(new Set(first.map((m) => m.topic)).size).toBe(first.length)
    for (const m of first) expect(JSON.parse(m.payload.toString()).ts).toBe('2026-01-10T00:00:00+08:00')
  })

  it('honours topicPrefix and protocol hj212', () => {
    const [m] = [...generateReadings(stations, T0, 1, 1, { topicPrefix: 'city/dg', protocol: 'hj212' })]
    expect(m!.topic).toMatch(/^city\/dg\/v1\/air\/DG-AIR-01\/hj212$/)
    expect(m!.payload.toString('ascii')).toMatch(/^##\d{4}QN=/)
  })

  it('yields nothing for count 0', () => {
    expect([...generateReadings(stations, T0, 0, 1)]).toEqual([])
  })
})
