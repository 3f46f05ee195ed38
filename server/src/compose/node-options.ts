/**
 * Options of a cluster node's start (tests inject a clock, a logger, a store or faster timers).
 */
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { Store } from '../../../shared/src/ports/store'
import type { Logger } from '../log'
import type { DemoPlugIn } from './demo-plug-in'

/** Test hooks of `startCluster`. */
export interface NodeOptions {
  now?: () => number
  log?: Logger
  /** Open a store other than the configured one. */
  store?: Store
  /** Override the rule evaluator (ingest nodes). */
  evaluator?: RuleEvaluator
  /** Liveness tick period (default 5 s; ingest nodes). */
  tickMs?: number
  /** Live feed throttle per station (default 1000 ms; ingest nodes). */
  liveIntervalMs?: number
  /** Listen for HJ 212 on an ephemeral port even when HJ212_PORT=0 (ingest nodes). */
  hj212Ephemeral?: boolean
  /** The demo (main.ts and the tests pass server/src/demo.ts): seeds a fresh registry file with its stations. */
  demo?: DemoPlugIn
}
