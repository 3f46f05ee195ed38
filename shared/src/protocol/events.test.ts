// Types checked by `tsc` (npx tsc --noEmit -p tsconfig.json): expectTypeOf does nothing at run time,
// a wrong payload type is a compile error here. The run-time part checks the wire's guard.
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { ServerToClientEvents } from './events'
import { maybeTargetsBody, type TargetsBody } from './http/targets'

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0]

describe('socket event map', () => {
  it('types the targets event with the body of GET /api/targets', () => {
    expectTypeOf<Payload<'targets'>>().toEqualTypeOf<TargetsBody>()
    expectTypeOf<Payload<'targets'>['computing']>().toEqualTypeOf<boolean>()
  })

  it('types every server event (none is unknown or any)', () => {
    expectTypeOf<Payload<'reading'>>().not.toBeUnknown()
    expectTypeOf<Payload<'alert'>>().not.toBeUnknown()
    expectTypeOf<Payload<'station-status'>>().not.toBeUnknown()
    expectTypeOf<Payload<'targets'>>().not.toBeUnknown()
    expectTypeOf<Payload<'targets'>>().not.toBeAny()
    expectTypeOf<Payload<'feed'>>().not.toBeUnknown()
  })

  it('types the batched readings as an array of reading payloads', () => {
    expectTypeOf<Payload<'readings'>>().toEqualTypeOf<Payload<'reading'>[]>()
  })

  it('a targets payload that crossed the wire is still checked before use', () => {
    const body: Payload<'targets'> = {
      period: {
        name: 'month',
        from: '2026-12-01T00:00:00+08:00',
        to: '2027-01-01T00:00:00+08:00',
        asOf: '2026-12-06T08:00:00+08:00',
        completedDays: 5,
      },
      computedAt: '2026-12-06T08:00:00+08:00',
      computing: false,
      settings: {
        sewageGeneratedM3d: null,
        sewageBaseline: 'demo',
        airGoodDaysPct: 90,
        margins: { air: 2, sewage: 2, reclaimed: 1, energy: 5 },
      },
      targets: [],
    }
    expect(maybeTargetsBody(JSON.parse(JSON.stringify(body)))).toEqual(body)
    expect(maybeTargetsBody('{}')).toBeUndefined()
    expect(maybeTargetsBody(null)).toBeUndefined()
    expect(maybeTargetsBody({ targets: [] })).toBeUndefined()
    expect(maybeTargetsBody({ period: { name: 'month' }, targets: 'x' })).toBeUndefined()
  })
})
