/**
 * The demo plug-in (`DemoPlugIn`): the simulator's stations seed a fresh registry, each with a
 * password derived from the installation's station secret, and with SIMULATE=1 the simulator
 * publishes as them. The only production file besides main.ts that imports `simulator/`.
 */
import { hashSecret } from '../../ingest/src/stations/secret-hash'
import { startSimulator } from '../../simulator/src/run'
import { demoStations } from '../../simulator/src/select-stations'
import { stationPassword } from '../../simulator/src/station-password'
import type { DemoPlugIn } from './compose/demo-plug-in'

export const demoPlugIn: DemoPlugIn = {
  seedStations: (sim, secret) =>
    demoStations(sim.stations, sim.seed).map((s) => ({ ...s, secretHash: hashSecret(stationPassword(secret, s.id)) })),
  start: ({ brokerUrl, stations, secret, sim, log }) =>
    startSimulator({
      brokerUrl,
      // The demo's own stations (DG-…), not those an operator added.
      stations: stations.filter((s) => s.id.startsWith('DG-')),
      intervalSec: sim.intervalSec,
      seed: sim.seed,
      topicPrefix: sim.topicPrefix,
      backfillHours: sim.backfillHours,
      episodeRate: sim.episodeRate,
      protocol: sim.protocol,
      ...(sim.outage ? { outage: sim.outage } : {}),
      credentials: (s) => ({ username: s.id, password: stationPassword(secret, s.id) }),
      log,
    }),
}
