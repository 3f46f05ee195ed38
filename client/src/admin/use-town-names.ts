/**
 * The city's town names in both languages, from the bundled boundary file (the names stations are
 * registered under), for the station form's town list.
 */
import { useEffect, useState } from 'react'
import { fetchBoundary } from '../data/api'

/** A town's names. */
export interface TownName {
  name: string
  nameEn: string
}

let cached: Promise<TownName[]> | undefined

/** Town names (empty until loaded or when the boundary cannot be read). */
export function useTownNames(): TownName[] {
  const [towns, setTowns] = useState<TownName[]>([])
  useEffect(() => {
    cached ??= fetchBoundary().then((topo) => {
      const geoms =
        (topo as { objects?: { towns?: { geometries?: { properties?: { name?: string; name_en?: string } }[] } } }).objects?.towns
          ?.geometries ?? []
      return geoms.flatMap((g) =>
        g.properties?.name ? [{ name: g.properties.name, nameEn: g.properties.name_en ?? g.properties.name }] : [],
      )
    })
    let live = true
    cached.then((x) => live && setTowns(x)).catch(() => (cached = undefined))
    return () => {
      live = false
    }
  }, [])
  return towns
}
