/**
 * The demo's place in a composition root, as an interface: the roots never import the simulator;
 * `server/src/main.ts` passes the implementation (`server/src/demo.ts`), and so do the tests.
 * Without a plug-in a fresh registry starts empty and nothing is simulated.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { StationRecord } from '../../../shared/src/domain/station-record'
import type { DemoConfig } from '../config'

export interface DemoPlugIn {
  /** The stations a registry file that does not exist yet is created with, each with its password's hash. */
  seedStations(sim: DemoConfig, secret: string): StationRecord[]
  /** Publish as the demo stations among `stations` (SIMULATE=1), once ingest listens; stopped first on shutdown. */
  start(o: { brokerUrl: string; stations: readonly Station[]; secret: string; sim: DemoConfig; log: (line: string) => void }): {
    stop(): Promise<void> | void
  }
}

/** The demo settings of a configuration. */
export const demoConfigOf = (c: { simulator: Omit<DemoConfig, 'topicPrefix'>; mqtt: { topicPrefix: string } }): DemoConfig => ({
  ...c.simulator,
  topicPrefix: c.mqtt.topicPrefix,
})
