/** What every scenario gets from the orchestrator. */
import type { MachineInfo } from './machine'
import type { BenchOptions } from './options'

export interface BenchContext {
  opts: BenchOptions
  /** Temp directory of this run (registry, message caches, data dirs); removed at the end. */
  workDir: string
  /** bench/artifacts (git-ignored): CPU profiles, screenshots. */
  artifactsDir: string
  machine: MachineInfo
  log(msg: string): void
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
