/**
 * Reviewers' remits (issue 13): which towns and/or kinds each reviewer may mark and sign off, from
 * `DATA_DIR/review/remits.json`, e.g. `{ "li.wei": { "towns": ["Humen", "虎门镇"], "kinds": ["air"] } }`.
 * No file, or a user not in it: no remit configured, the reviewer may review every station. Read
 * once at start; a malformed file stops the start with a message naming it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { STATION_KINDS } from '../../../shared/src/domain/station'
import type { Remit } from '../../../shared/src/review/marks'

export function loadRemits(file: string): (username: string) => Remit | undefined {
  if (!existsSync(file)) return () => undefined
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`review remits ${file}: not JSON (${(e as Error).message})`, { cause: e })
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`review remits ${file}: expected an object of username → { towns?, kinds? }`)
  const remits = new Map<string, Remit>()
  for (const [user, r] of Object.entries(json as Record<string, unknown>)) {
    const x = r as { towns?: unknown; kinds?: unknown }
    const strings = (v: unknown, what: string): string[] | undefined => {
      if (v === undefined) return undefined
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
        throw new Error(`review remits ${file}: ${user}.${what} must be a list of strings`)
      return v as string[]
    }
    const towns = strings(x.towns, 'towns')
    const kinds = strings(x.kinds, 'kinds')
    for (const k of kinds ?? [])
      if (!(STATION_KINDS as readonly string[]).includes(k)) throw new Error(`review remits ${file}: ${user}.kinds: unknown kind ${k}`)
    remits.set(user, { ...(towns ? { towns } : {}), ...(kinds ? { kinds: kinds as Remit['kinds'] } : {}) })
  }
  return (username) => remits.get(username)
}
