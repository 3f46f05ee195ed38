/**
 * `npm run bench`: runs the measurements of issue 7 ("Benchmark") against the real system and
 * writes bench/results.json plus a readable table. A missed goal is reported, never an error exit;
 * the process fails only when a measurement could not be made at all.
 * Options: see lib/options.ts (`npm run bench -- --help`); how each figure is measured: README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchContext } from './lib/context'
import type { Figure, ScenarioResult } from './lib/figures'
import { machineInfo } from './lib/machine'
import { parseOptions, USAGE, type ScenarioName } from './lib/options'
import { removeSutBundle, sutProcess, sutRuntime } from './lib/sut'
import { renderMachine, renderTable } from './lib/table'
import { alertsScenario } from './scenarios/alerts'
import { backfillScenario } from './scenarios/backfill'
import { completenessScenario } from './scenarios/completeness'
import { historyScenario } from './scenarios/history'
import { ingestScenario } from './scenarios/ingest'
import { liveScenario } from './scenarios/live'
import { publicScenario } from './scenarios/public'
import { queryScenario } from './scenarios/query'
import { reportsScenario } from './scenarios/reports'

async function main(): Promise<void> {
  let opts
  try {
    opts = parseOptions(process.argv.slice(2))
  } catch (e) {
    const msg = (e as Error).message
    const help = msg === USAGE
    ;(help ? process.stdout : process.stderr).write(`${msg}\n`)
    process.exit(help ? 0 : 2)
  }
  const started = Date.now()
  const machine = machineInfo()
  const workDir = mkdtempSync(join(tmpdir(), 'envmon-bench-'))
  const artifactsDir = resolve('bench/artifacts')
  mkdirSync(artifactsDir, { recursive: true })
  const log = (m: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`)
  const ctx: BenchContext = { opts, workDir, artifactsDir, machine, log }
  log(renderMachine(machine).replaceAll('\n', '\n         '))
  sutRuntime.source = opts.profile
  log(`system under test: ${sutProcess()}`)
  const results: Partial<Record<ScenarioName | 'live', ScenarioResult & { seconds: number; error?: string }>> = {}
  const run = async (name: ScenarioName | 'live', fn: (c: BenchContext) => Promise<ScenarioResult>) => {
    const t0 = Date.now()
    try {
      results[name] = { ...(await fn(ctx)), seconds: Math.round((Date.now() - t0) / 1000) }
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`)
      results[name] = { figures: [], config: {}, details: {}, error: (e as Error).message, seconds: Math.round((Date.now() - t0) / 1000) }
    }
  }
  const only = new Set(opts.only)
  try {
    if (only.has('ingest')) await run('ingest', ingestScenario)
    if (only.has('alerts')) await run('alerts', alertsScenario)
    if (only.has('query')) await run('query', queryScenario)
    if (only.has('completeness')) await run('completeness', completenessScenario)
    if (only.has('history')) await run('history', historyScenario)
    if (only.has('backfill')) await run('backfill', backfillScenario)
    if (only.has('public')) await run('public', publicScenario)
    if (only.has('reports')) await run('reports', reportsScenario)
    // The browser and memory figures share one live system (1000 stations at 1 Hz).
    if (only.has('browser') || only.has('memory')) await run('live', liveScenario)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
    removeSutBundle()
  }
  const figures: Figure[] = Object.values(results).flatMap((r) => r!.figures)
  const out = {
    command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
    startedAt: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    options: opts,
    sut: sutProcess(),
    machine,
    figures: figures.map((f) => ({ ...f, machine })),
    scenarios: results,
  }
  writeFileSync(resolve(opts.out), JSON.stringify(out, null, 2) + '\n')
  process.stdout.write(
    `\n${renderMachine(machine)}\nrun: ${out.command}, ${out.seconds} s\nsystem under test: ${out.sut}\n\n${renderTable(figures)}\n`,
  )
  const notes = Object.entries(results).flatMap(([k, r]) => [
    ...(r!.notes ?? []).map((n) => `${k}: ${n}`),
    ...(r!.skipped ? [`${k}: skipped: ${r!.skipped}`] : []),
    ...(r!.error ? [`${k}: FAILED: ${r!.error}`] : []),
  ])
  if (notes.length) process.stdout.write(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}\n`)
  process.stdout.write(`\nwritten: ${opts.out}\n`)
  if (Object.values(results).some((r) => r!.error)) process.exitCode = 1
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
