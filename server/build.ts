/**
 * `npm run build:server`: the server as plain JavaScript, the way `npm start` and production run it.
 *
 * - `dist/server/main.mjs`: server/src/main.ts and everything of the project it imports, bundled.
 * - `dist/server/public-edge.mjs`: the public edge's own process (server/src/public/public-edge.ts),
 *   which the host forks from beside the bundle.
 *
 * npm packages stay outside the bundle (`packages: 'external'`) and resolve from the project's
 * node_modules, so the output must live inside the project tree. Source maps are written beside
 * the bundles (`NODE_OPTIONS=--enable-source-maps` shows source lines in stack traces).
 *
 * Why not tsx in production (issue 16): tsx keeps its transformed sources and their maps on the
 * heap. At 1000 stations and 1000 readings/s the built server holds ~40 MiB less RSS
 * (bench/README.md, "Steady memory"). `npm run dev` and the tests still run the sources through tsx.
 */
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The server's entry points: output name → source. */
export const SERVER_ENTRIES: Record<string, string> = {
  main: 'server/src/main.ts',
  'public-edge': 'server/src/public/public-edge.ts',
}

/**
 * The Node flags `npm start` runs the built server with, read from package.json's start script so
 * that the bench and the tests run the same process as a user does. Today `--max-semi-space-size=8`:
 * V8's young generation at 8 MB instead of 16 (steady RSS −18 MiB, ingest CPU per reading within
 * the bench's noise; bench/README.md, "Steady memory").
 */
export function startNodeFlags(root = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  const m = /(?:^|&&)\s*node((?:\s+--\S+)*)\s+dist\/server\/main\.mjs\s*$/.exec(pkg.scripts.start ?? '')
  if (!m) throw new Error(`package.json: the start script does not end with "node [--flags] dist/server/main.mjs": ${pkg.scripts.start}`)
  return m[1]!.split(/\s+/).filter(Boolean)
}

/** Bundle `entries` (paths relative to the project root) into `outDir` as `<name>.mjs`. */
export async function buildServer(outDir = 'dist/server', entries: Record<string, string> = SERVER_ENTRIES): Promise<void> {
  await build({
    entryPoints: entries,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await buildServer(process.argv[2])
