/**
 * A file of the project's tree (e.g. `shared/geo/…`), found by walking up from the calling module:
 * the same lookup works from the sources (tsx) and from the built server, where every module is
 * bundled into `dist/server/main.mjs` (server/build.ts) and a fixed `../../` would point elsewhere.
 */
import { existsSync } from 'node:fs'

export function projectFile(rel: string, from: string): URL {
  let dir = new URL('.', from)
  for (;;) {
    const candidate = new URL(rel, dir)
    if (existsSync(candidate)) return candidate
    const up = new URL('..', dir)
    // Not found anywhere above: the nearest candidate, so that reading it names a sensible path.
    if (up.href === dir.href) return new URL(rel, new URL('.', from))
    dir = up
  }
}
