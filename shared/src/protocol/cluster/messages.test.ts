import { describe, expect, it } from 'vitest'
import type { Alert } from '../../domain/alert'
import type { BacklogSummary } from '../../rules/backlog'
import { decodeAlertSnapshot, decodeBacklogSummary } from './messages'

const enc = (v: unknown) => Buffer.from(JSON.stringify(v))
const T = Date.parse('2026-11-24T12:00:00Z')
const historical: Alert = {
  id: 'h1',
  stationId: 'DG-AIR-05',
  kind: 'air',
  metric: 'so2',
  rule: 'air.so2.1h',
  severity: 'warning',
  state: 'resolved',
  value: 20,
  limit: 500,
  window: '1h',
  openedAt: T - 12 * 3_600_000,
  updatedAt: T,
  detectedAt: T,
  historical: true,
  observedAt: T - 11 * 3_600_000,
  peak: 800,
  message: 'm',
  resolved: { by: 'system', at: T - 11 * 3_600_000, auto: true },
}

describe('cluster messages (late data)', () => {
  it('a recorded (historical) alert snapshot decodes with its fields', () => {
    expect(decodeAlertSnapshot(enc({ type: 'recorded', alert: historical }))).toEqual({ type: 'recorded', alert: historical })
  })

  it('a backlog summary round-trips; a malformed one is refused', () => {
    const b: BacklogSummary = {
      stationId: 'DG-AIR-05',
      kind: 'air',
      receivedFrom: T,
      receivedTo: T + 1000,
      dataFrom: T - 13 * 3_600_000,
      dataTo: T - 8 * 3_600_000,
      readings: 60,
      exceedances: [historical],
      exceedanceCount: 1,
      ongoing: [],
    }
    expect(decodeBacklogSummary(enc(b))).toEqual(b)
    expect(decodeBacklogSummary(enc({ ...b, exceedances: [{ id: 'x' }] }))).toBeUndefined()
    expect(decodeBacklogSummary(enc({ ...b, readings: 'many' }))).toBeUndefined()
    expect(decodeBacklogSummary(Buffer.from('not json'))).toBeUndefined()
  })
})
