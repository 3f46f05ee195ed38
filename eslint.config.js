/**
 * ESLint (flat config, typescript-eslint) for envmon. Besides the recommended rules it encodes the
 * layering of STYLE.md as import boundaries, so a wrong-way import fails `npm run lint` (and so
 * `npm test`, through pretest):
 *
 * - shared/   pure and browser-safe: imports nothing outside shared/, no node: module, no I/O package;
 * - client/   the browser: imports client/ and shared/ only, no Node module, no server-side package;
 * - ingest/   the ingest edge: shared/ and ingest/ only (the server composes ingest, never the reverse);
 * - server/   everything but the client, and the demo (simulator/, bench/) only from the demo plug-in;
 * - simulator/ and bench/ are imported by tests, bench and the demo plug-in only.
 *
 * The tools live in their own install (`.lint/`, `npm ci --prefix .lint`): typescript-eslint needs
 * the TypeScript 6 compiler API, while the project compiles with TypeScript 7.
 */
import { builtinModules, createRequire } from 'node:module'

const require = createRequire(new URL('./.lint/package.json', import.meta.url))
const js = require('@eslint/js')
const tseslint = require('typescript-eslint')

/** Files that may plug the demo in (the simulator's stations and passwords, startSimulator). */
const DEMO_PLUG_IN = ['server/src/main.ts', 'server/src/demo.ts']
/** Test code: may use anything, including the simulator and node: modules. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/test-fixtures.ts', '**/test-helpers.ts', '**/*-test-helpers.ts', 'test/**']

/** A relative import that climbs out of its top folder into one of `folders`. */
const into = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message })
const NODE_BUILTINS = {
  regex: `^(node:.*|${builtinModules
    .filter((m) => !m.startsWith('_'))
    .map((m) => m.replace(/[/]/g, '\\/'))
    .join('|')})(/.*)?$`,
  message: 'Node modules stay at the edges (server/, ingest/): shared/ and client/ run in the browser.',
}
/** Packages that do network, file or database I/O, or need Node. */
const IO_PACKAGES = [
  '@duckdb/*',
  '@influxdata/*',
  '@node-rs/*',
  '@socket.io/redis-adapter',
  'aedes',
  'express',
  'mqtt',
  'nodemailer',
  'prom-client',
  'redis',
  'socket.io',
]
const NO_DEMO = 'Production code never imports the simulator or the bench: main.ts plugs the demo in.'

/** no-restricted-imports for one layer. */
const restrict = (patterns, extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...patterns,
        ...(extra.length
          ? [{ group: extra, message: 'An I/O package belongs to an edge adapter (server/, ingest/), built by the composition root.' }]
          : []),
      ],
    },
  ],
})

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', '**/node_modules/**', '.lint/**', 'test/artifacts/**', 'bench/artifacts/**', 'client/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The few plain .js/.mjs files are Node configs and scripts.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { URL: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Unused `_x` parameters document a callback's shape.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // ---- import boundaries (production code; tests may reach anything) ----
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: restrict(
      [
        into(
          ['server', 'ingest', 'client', 'simulator', 'bench', 'test'],
          'shared/ imports nothing outside shared/ (it is the pure core).',
        ),
        NODE_BUILTINS,
      ],
      IO_PACKAGES,
    ),
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: restrict(
      [
        into(
          ['server', 'ingest', 'simulator', 'bench', 'test'],
          'client/ imports only client/ and shared/ (wire types live in shared/src/protocol).',
        ),
        {
          regex: '^(\\.\\./)+shared/src/ports(/|$)',
          message: 'client/ speaks the HTTP API, not the server-side ports: its wire types live in shared/src/protocol/http.',
        },
        NODE_BUILTINS,
      ],
      IO_PACKAGES,
    ),
  },
  {
    files: ['ingest/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([
      into(['server', 'client', 'test'], 'ingest/ imports shared/ and ingest/ only: the server composes ingest, never the reverse.'),
      into(['simulator', 'bench'], NO_DEMO),
    ]),
  },
  {
    files: ['server/**/*.ts'],
    ignores: [...TEST_FILES, ...DEMO_PLUG_IN],
    rules: restrict([
      into(['client', 'test'], 'server/ serves the built client; it never imports client code or tests.'),
      into(['simulator', 'bench'], NO_DEMO),
    ]),
  },
  {
    files: ['simulator/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict([
      into(
        ['server', 'client', 'bench', 'test'],
        'The simulator is a station: it speaks the protocol (shared/), it does not reach into the system.',
      ),
    ]),
  },
)
