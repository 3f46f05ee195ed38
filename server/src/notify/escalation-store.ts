/**
 * Persistence of the escalation schedule: the state of every active escalation in
 * `${dataDir}/notify/escalations.json` (atomic write). With it a restart resumes each alert's
 * escalation where it stopped; steps planned just before a crash but not yet recorded here are
 * planned again and dropped by the outbox's dedupe key, so they are not sent twice.
 */
import { readJsonFile, writeJsonAtomic } from './json-file'
import type { EscalationState } from './escalation'

export class EscalationStore {
  private readonly byAlert = new Map<string, EscalationState>()

  constructor(private readonly file: string) {
    const raw = readJsonFile(file) as { escalations?: EscalationState[] } | undefined
    for (const s of raw?.escalations ?? []) {
      if (typeof s?.alertId === 'string' && typeof s.policyId === 'string' && Number.isFinite(s.startedAt) && s.phase === 'active')
        this.byAlert.set(s.alertId, s)
    }
  }

  get(alertId: string): EscalationState | undefined {
    return this.byAlert.get(alertId)
  }

  /** Active escalations. */
  list(): EscalationState[] {
    return [...this.byAlert.values()]
  }

  /** Record a state; stopped escalations are forgotten. Writes only when something changed. */
  put(s: EscalationState): void {
    const prev = this.byAlert.get(s.alertId)
    if (s.phase !== 'active') {
      if (!prev) return
      this.byAlert.delete(s.alertId)
    } else {
      if (prev && prev.stepsDone === s.stepsDone && prev.remindersDone === s.remindersDone && prev.policyId === s.policyId) return
      this.byAlert.set(s.alertId, s)
    }
    writeJsonAtomic(this.file, { version: 1, escalations: this.list() })
  }
}
