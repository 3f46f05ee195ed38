/**
 * The audit log as a composition root opens it: in AUDIT_DIR, named after the node, write failures
 * logged (rate-limited), closed (pending records written) at shutdown.
 */
import type { Config } from '../config'
import type { Logger } from '../log'
import { AuditLog } from './audit-log'

/**
 * Open this node's audit log and register its closing.
 * @example const audit = openAuditLog(config, 'main', log, cleanups)
 */
export function openAuditLog(
  config: Pick<Config, 'auditDir'>,
  node: string,
  log: Logger,
  cleanups: { push(step: () => Promise<void>): void },
): AuditLog {
  const audit = new AuditLog({
    dir: config.auditDir,
    node,
    onError: (e) =>
      log.limited(
        'audit-write',
        'error',
        `audit trail: cannot write to ${config.auditDir}: ${e.message} (records are kept in memory and retried)`,
      ),
  })
  cleanups.push(() => audit.close())
  return audit
}
