/**
 * Station models, one per kind: pure and seeded (time comes in through `next(t)`).
 */
import type { Station } from '../../../shared/src/domain/station'
import { createAirModel } from './air'
import { createEnergyModel } from './energy'
import { createWastewaterModel } from './wastewater'
import { createWaterModel } from './water'
import type { ModelOptions, StationModel } from './types'

export type { ModelOptions, Sample, StationModel } from './types'

/**
 * Create the model of `station` for its kind, seeded by `seed` and the station id.
 * @example
 * const model = createModel(station, 42, { episodeRate: 10 })
 * const sample = model.next(Date.now()) // { values, flags } or null when offline
 */
export function createModel(station: Station, seed: number, opts: ModelOptions = {}): StationModel {
  switch (station.kind) {
    case 'air':
      return createAirModel(station, seed, opts)
    case 'water':
      return createWaterModel(station, seed, opts)
    case 'wastewater':
      return createWastewaterModel(station, seed, opts)
    case 'energy':
      return createEnergyModel(station, seed, opts)
  }
}
