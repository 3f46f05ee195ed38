/**
 * Registry changes → caches: a removed station is forgotten by the targets board and the live
 * cache (and, on a server node, by its read models: `alsoForget`). Added and changed stations need
 * nothing here (the rules stack tracks them itself).
 */
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { LatestCache } from '../live/latest-cache'
import type { TargetsService } from '../targets/targets-service'

export interface RegistryChangesDeps {
  registry: Pick<StationRegistry, 'on'>
  targets: Pick<TargetsService, 'forget'>
  latest: Pick<LatestCache, 'delete'>
  alsoForget?: ((stationId: string) => void)[]
}

export function wireRegistryChanges(d: RegistryChangesDeps): void {
  d.registry.on('change', (kind, s) => {
    if (kind !== 'remove') return
    d.targets.forget(s.id)
    d.latest.delete(s.id)
    for (const f of d.alsoForget ?? []) f(s.id)
  })
}
