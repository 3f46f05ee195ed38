import { describe, expect, it } from 'vitest'
import { makeTopics } from './topics'

describe('topic grammar', () => {
  const t = makeTopics()

  it('builds the contract topics', () => {
    expect(t.station('air', 'DG-AIR-01', 'reading')).toBe('envmon/v1/air/DG-AIR-01/reading')
    expect(t.alert('DG-AIR-01')).toBe('envmon/v1/alerts/DG-AIR-01')
    expect(t.deadLetter(undefined)).toBe('envmon/v1/deadletter/_')
    expect(t.allStations('hj212')).toBe('envmon/v1/+/+/hj212')
  })

  it.each([
    ['envmon/v1/air/DG-AIR-01/reading', { kind: 'air', stationId: 'DG-AIR-01', channel: 'reading' }],
    ['envmon/v1/energy/E_1/status', { kind: 'energy', stationId: 'E_1', channel: 'status' }],
    ['envmon/v1/wastewater/P1/hj212', { kind: 'wastewater', stationId: 'P1', channel: 'hj212' }],
  ])('parses %s', (topic, want) => {
    expect(t.parseStation(topic)).toEqual(want)
  })

  it.each([
    'envmon/v1/air/DG-AIR-01',
    'envmon/v1/soil/X/reading',
    'envmon/v1/air/bad id/reading',
    'envmon/v1/air/X/command',
    'envmon/v2/air/X/reading',
    'other/v1/air/X/reading',
    'envmon/v1/alerts/X',
    `envmon/v1/air/${'x'.repeat(65)}/reading`,
  ])('rejects %s', (topic) => {
    expect(t.parseStation(topic)).toBeUndefined()
  })

  it.each([
    ['envmon/v1/air/DG-AIR-01/reading', true],
    ['envmon/v1/energy/E_1/status', true],
    ['envmon/v1/soil/X/hj212', true], // matched by envmon/v1/+/+/hj212, refused later as a bad topic
    ['envmon/v1/air//reading', true],
    ['envmon/v1/air/X/command', false],
    ['envmon/v1/alerts/X', false],
    ['envmon/v1/air/X/reading/extra', false],
    ['envmon/v2/air/X/reading', false],
  ])('%s matches the ingest filters: %s', (topic, want) => {
    expect(t.matchesStationFilter(topic)).toBe(want)
  })

  it('supports a multi-level prefix', () => {
    const p = makeTopics('city/dg')
    expect(p.parseStation('city/dg/v1/water/W1/reading')).toEqual({ kind: 'water', stationId: 'W1', channel: 'reading' })
    expect(p.parseStation('envmon/v1/water/W1/reading')).toBeUndefined()
    expect(p.matchesStationFilter('city/dg/v1/water/W1/reading')).toBe(true)
    expect(p.matchesStationFilter('envmon/v1/water/W1/reading')).toBe(false)
  })

  it.each(['', '/x', 'x/', 'a+b', 'a#'])('refuses the prefix "%s"', (prefix) => {
    expect(() => makeTopics(prefix)).toThrow(/invalid topic prefix/)
  })
})
