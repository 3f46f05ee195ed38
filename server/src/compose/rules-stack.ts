/**
 * The rules stack: the standards evaluator (windows, hourly AQI) and the alert service (alert
 * lifecycle, persisted in the alert log; liveness), warmed from the store, kept in step with the
 * registry, and ticked for liveness and to close hours on the clock (HOUR_CLOSE_DELAY after their end). Used by the one-process system (all stations) and by cluster
 * ingest nodes (only the stations of the partitions they own: `owns`).
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Alert } from '../../../shared/src/domain/alert'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import type { RuleEvaluator } from '../../../shared/src/rules/evaluator'
import type { RuleOverrides } from '../../../shared/src/rules/standard-overrides'
import { warmFromStore } from '../../../shared/src/rules/standard-warmup'
import { standardsEvaluator, type StandardsEvaluator } from '../../../shared/src/rules/standards-evaluator'
import type { Store } from '../../../shared/src/ports/store'
import { AlertLog } from '../../../ingest/src/alerting/alert-log'
import { AlertService } from '../../../ingest/src/alerting/alert-service'
import type { RulesConfig } from '../config'
import type { Logger } from '../log'
import { ruleOverridesOf } from '../../../ingest/src/alerting/rules-file'
import type { Cleanups } from './cleanups'

/** Configuration, store, registry, the live cache and which stations are ours. */
export interface RulesStackOptions {
  config: RulesConfig
  log: Logger
  now: () => number
  store: Store
  registry: StationRegistry
  /** Override the rule evaluator (tests). */
  evaluator?: RuleEvaluator
  /** When data last arrived from a station (the live cache, warmed from the store). */
  lastSeen: (stationId: string) => number | undefined
  /** The stations whose rules run here (default all). */
  owns?: (stationId: string) => boolean
  /** Alerts restored besides the alert log's (a cluster owner: the broker's retained snapshots). */
  restored?: readonly Alert[]
  cleanups: Cleanups
}

/** The parts of the rules stack. */
export interface RulesStack {
  alertLog: AlertLog
  ruleOverrides: RuleOverrides
  standards: StandardsEvaluator
  alerts: AlertService
  /**
   * Start the tick: liveness, and the standards' hours closed by the clock (their observations go to
   * the alert service; `onHourClosed` hears each station whose hourly AQI may have changed).
   */
  startTick(ms: number, onHourClosed?: (stationId: string) => void): void
}

/** Build the rules stack (restored, tracked, warmed); start its tick with `startTick`. */
export async function createRulesStack(o: RulesStackOptions): Promise<RulesStack> {
  const { config, log, now, registry, cleanups } = o
  const owns = o.owns ?? (() => true)
  const alertLog = new AlertLog(join(config.dataDir, 'alerts.jsonl'))
  cleanups.push(() => alertLog.close())
  const ruleOverrides = ruleOverridesOf(config.rulesFile)
  const standards = standardsEvaluator({ overrides: ruleOverrides, hourCloseDelayMs: config.hourCloseDelaySec * 1000 })
  const initial = o.owns || o.restored ? [...alertLog.loaded, ...(o.restored ?? [])].filter((a) => owns(a.stationId)) : undefined
  const alerts = new AlertService({
    evaluator: o.evaluator ?? standards,
    log: alertLog,
    now,
    newId: randomUUID,
    initial,
    lateAfterMs: config.lateData.afterMs,
    quietMs: config.lateData.quietMs,
  })
  const mine = registry.list().filter((s) => owns(s.id))
  for (const s of mine) alerts.track(s, o.lastSeen(s.id))
  // Standards windows from the last 25 h in the store, before any live reading arrives.
  const warm = await warmFromStore(standards, mine, o.store, now())
  log.info(`standards: warmed ${warm.stations} station(s) from ${warm.readings} stored reading(s)`)
  for (const f of warm.failed) log.warn(`standards: ${f.id} starts cold: ${f.error}`)
  registry.on('change', (kind, s) => {
    if (kind === 'remove') {
      standards.forget(s.id)
      alerts.untrack(s.id)
    } else if (owns(s.id)) alerts.track(s, o.lastSeen(s.id))
  })
  return {
    alertLog,
    ruleOverrides,
    standards,
    alerts,
    startTick(ms, onHourClosed) {
      const tick = setInterval(() => {
        alerts.tick()
        // A test's own evaluator replaces the standards in the alert path: then nothing to close here.
        if (o.evaluator) return
        const closed = standards.closeDue(now())
        alerts.observe(closed.observations)
        if (onHourClosed) for (const id of closed.stations) onHourClosed(id)
      }, ms)
      tick.unref()
      cleanups.push(() => clearInterval(tick))
    },
  }
}
