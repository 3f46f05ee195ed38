import { describe, expect, it } from 'vitest'
import { StationRegistry } from '../stations/station-registry'
import { hashSecret } from '../stations/secret-hash'
import { stationLogin } from './station-login'

const station = {
  id: 'DG-A1',
  kind: 'air' as const,
  nameZh: '测试',
  nameEn: 'Test',
  lon: 113.75,
  lat: 23.02,
  town: '莞城街道',
  approx: false,
  intervalSec: 60,
}

describe('stationLogin', () => {
  const registry = StationRegistry.fromRecords([{ ...station, secretHash: hashSecret('station-pw') }])
  const login = stationLogin({ registry, serviceUsername: 'envmon', servicePassword: 'svc-pw' })

  it('the service principal logs in with its own password only', () => {
    expect(login('envmon', 'svc-pw')).toEqual({ type: 'service', name: 'envmon' })
    expect(login('envmon', 'station-pw')).toBeUndefined()
  })

  it('a registered station logs in with its id and its password', () => {
    expect(login('DG-A1', 'station-pw')).toMatchObject({ type: 'station', station: { id: 'DG-A1', kind: 'air' } })
    expect(login('DG-A1', 'svc-pw')).toBeUndefined()
  })

  it('an unknown username is refused', () => {
    expect(login('DG-NOPE', 'station-pw')).toBeUndefined()
  })
})
