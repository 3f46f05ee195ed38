/**
 * The import boundaries of eslint.config.js (STYLE.md, Layering) fail on a wrong-way import: each
 * case lints a small module placed, in memory, at a path inside the tree, with the project's own
 * ESLint config and ESLint's Node API (the install in .lint/, `npm ci --prefix .lint`).
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

interface LintMessage {
  ruleId: string | null
  severity: number
  message: string
}
interface ESLintApi {
  lintText(code: string, options: { filePath: string }): Promise<{ messages: LintMessage[] }[]>
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(new URL('../.lint/package.json', import.meta.url))
const { ESLint } = require('eslint') as { ESLint: new (o: { cwd: string }) => ESLintApi }
const eslint = new ESLint({ cwd: ROOT })

/** The boundary errors ESLint reports for `code` placed at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message)
}

describe('import boundaries', () => {
  it.each([
    [
      'shared/src/domain/wrong-way.ts',
      "import { DuckDbStore } from '../../../server/src/store/duckdb-store'",
      'shared/ imports nothing outside shared/',
    ],
    [
      'shared/src/rules/wrong-way.ts',
      "import type { AlertService } from '../../../ingest/src/alerting/alert-service'",
      'shared/ imports nothing outside shared/',
    ],
    ['shared/src/protocol/wrong-way.ts', "import { readFileSync } from 'node:fs'", 'Node modules stay at the edges'],
    ['shared/src/ports/wrong-way.ts', "export { createHash } from 'crypto'", 'Node modules stay at the edges'],
    ['shared/src/domain/wrong-way.ts', "import mqtt from 'mqtt'", 'An I/O package belongs to an edge adapter'],
    [
      'client/src/data/wrong-way.ts',
      "import type { DeadLetter } from '../../../ingest/src/decode/dead-letter'",
      'client/ imports only client/ and shared/',
    ],
    ['client/src/trends/wrong-way.ts', "import { join } from 'node:path'", 'Node modules stay at the edges'],
    [
      'client/src/trends/wrong-way.ts',
      "import type { Every } from '../../../shared/src/ports/store'",
      'client/ speaks the HTTP API, not the server-side ports',
    ],
    [
      'client/src/wrong-way.ts',
      "import type { AlertsView } from '../../shared/src/ports'",
      'client/ speaks the HTTP API, not the server-side ports',
    ],
    [
      'ingest/src/pipeline/wrong-way.ts',
      "import { loadConfig } from '../../../server/src/config'",
      'the server composes ingest, never the reverse',
    ],
    [
      'server/src/compose/wrong-way.ts',
      "import { startSimulator } from '../../../simulator/src/run'",
      'Production code never imports the simulator',
    ],
    [
      'ingest/src/alerting/wrong-way.ts',
      "import { runBench } from '../../../bench/run'",
      'Production code never imports the simulator or the bench',
    ],
  ])('%s: `%s` is a boundary error', async (filePath, code, message) => {
    const errors = await boundaryErrors(filePath, `${code}\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(message)
  })

  it.each([
    ['shared/src/rules/right-way.ts', "import type { Reading } from '../domain/reading'"],
    ['client/src/trends/right-way.ts', "import type { Every } from '../../../shared/src/protocol/http/series'"],
    ['ingest/src/pipeline/right-way.ts', "import type { Store } from '../../../shared/src/ports/store'"],
    ['server/src/compose/right-way.ts', "import { IngestService } from '../../../ingest/src/service'"],
    ['server/src/main.ts', "import { startSimulator } from '../../simulator/src/run'"],
    ['test/right-way.test.ts', "import { stationPassword } from '../simulator/src/station-password'"],
  ])('%s: `%s` is allowed', async (filePath, code) => {
    expect(await boundaryErrors(filePath, `${code}\n`)).toEqual([])
  })
})
