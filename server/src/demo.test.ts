/**
 * The demo plug-in: a registry file that does not exist yet is seeded with the demo stations
 * (whatever SIMULATE says: the roots call the seed only when the file is absent), each station's
 * password derived from the installation's secret; an existing file is never reseeded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadRegistry } from '../../ingest/src/stations/load-registry'
import { stationPassword } from '../../simulator/src/station-password'
import { loadConfig } from './config'
import { demoConfigOf } from './compose/demo-plug-in'
import { demoPlugIn } from './demo'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'envmon-demo-'))
  dirs.push(d)
  return d
}

describe('demoPlugIn', () => {
  it('seeds a fresh registry with SIMULATE=0 too, each station logging in with its derived password', () => {
    const dir = tempDir()
    const config = loadConfig({ DATA_DIR: dir, SIMULATE: '0', SIM_STATIONS: '6' })
    let seeded = 0
    const registry = loadRegistry(config.registryFile, () => {
      seeded++
      return demoPlugIn.seedStations(demoConfigOf(config), 'secret-1')
    })
    expect(seeded).toBe(1)
    expect(registry.size).toBe(6)
    const [first] = registry.list()
    expect(first!.id).toMatch(/^DG-/)
    expect(registry.verify(first!.id, stationPassword('secret-1', first!.id))).toBe(true)
    expect(registry.verify(first!.id, stationPassword('secret-2', first!.id))).toBe(false)
  })

  it('does not reseed an existing registry file', () => {
    const dir = tempDir()
    const file = join(dir, 'stations.json')
    writeFileSync(file, JSON.stringify({ stations: [] }))
    const registry = loadRegistry(file, () => demoPlugIn.seedStations(demoConfigOf(loadConfig({ DATA_DIR: dir })), 'secret-1'))
    expect(registry.size).toBe(0)
  })

  it('simulates only the demo’s own stations (DG-…), not those an operator added', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), SIM_STATIONS: '2' })
    const [demo] = demoPlugIn.seedStations(demoConfigOf(config), 's')
    const start = (ids: string[]) =>
      demoPlugIn.start({
        brokerUrl: 'mqtt://127.0.0.1:1',
        stations: ids.map((id) => ({ ...demo!, id })),
        secret: 's',
        sim: demoConfigOf(config),
        log: () => undefined,
      })
    // With no demo station among them, the simulator has nothing to run and says so.
    expect(() => start(['OPERATOR-1', 'QX-2'])).toThrow(/invalid stations: none/)
  })
})
