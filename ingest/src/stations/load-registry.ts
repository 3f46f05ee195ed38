/**
 * The station registry of a start: the registry file, or, when the file is absent, the stations the
 * caller seeds it with (the demo plug-in's stations; none without it). The seed runs only then.
 */
import { StationRegistry, type StationRecord } from './station-registry'

/** Load `file`, created from `seed()` when absent. */
export function loadRegistry(file: string, seed: () => StationRecord[]): StationRegistry {
  return StationRegistry.load(file, seed)
}
