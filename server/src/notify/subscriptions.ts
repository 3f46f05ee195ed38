/**
 * Subscription matching, pure: which recipients want an alert, and which escalation policy
 * applies to it.
 */
import { rank } from '../../../shared/src/rules/rule'
import type { Severity } from '../../../shared/src/domain/alert'
import type { StationKind } from '../../../shared/src/domain/station'
import type { Filter, Policy, Recipient } from './model'

/** What a filter looks at: the alert's station, kind, severity and the station's town. */
export interface AlertFacts {
  stationId: string
  kind: StationKind
  severity: Severity
  /** Town of the station (zh and en), when the registry knows the station. */
  town?: string
  townEn?: string
}

/**
 * Whether an alert passes a filter: every given field must match; an omitted field matches all.
 * @example matchesFilter({ kinds: ['air'], minSeverity: 'warning' }, facts)
 */
export function matchesFilter(f: Filter, a: AlertFacts): boolean {
  if (f.stations && !f.stations.includes(a.stationId)) return false
  if (f.kinds && !f.kinds.includes(a.kind)) return false
  if (f.towns && !f.towns.some((t) => t === a.town || t === a.townEn)) return false
  if (f.minSeverity && rank(a.severity) < rank(f.minSeverity)) return false
  return true
}

/** Whether an enabled recipient has at least one subscription the alert matches (OR). */
export function isSubscribed(r: Recipient, a: AlertFacts): boolean {
  return r.enabled && r.subscriptions.some((s) => matchesFilter(s, a))
}

/** The first policy whose `match` fits the alert (no `match` fits every alert), or undefined. */
export function policyFor(policies: readonly Policy[], a: AlertFacts): Policy | undefined {
  return policies.find((p) => !p.match || matchesFilter(p.match, a))
}
