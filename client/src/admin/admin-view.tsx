/**
 * Administration (`#/admin/<section>`, admin role): stations and credentials, per-station rule
 * overrides, users and roles, notification recipients and escalation, dead letters, the audit log,
 * HJ 212 commands (issue 12). Other roles see
 * a note (the server refuses them anyway).
 */
import { isAdmin, useSession } from '../auth/session'
import type { MessageKey } from '../i18n/dict'
import { useI18n } from '../i18n/use-i18n'
import { ADMIN_SECTIONS, routeHref, type AdminSection } from '../shell/route'
import { AuditAdmin } from './audit-admin'
import { CompletenessAdmin } from './completeness-admin'
import { DeadLettersAdmin } from './dead-letters-admin'
import { Hj212Admin } from './hj212-admin'
import { NotifyAdmin } from './notify-admin'
import { RulesAdmin } from './rules-admin'
import { StationsAdmin } from './stations-admin'
import { UsersAdmin } from './users-admin'

/** Props of {@link AdminView}. */
export interface AdminViewProps {
  section: AdminSection
}

/** The admin page. */
export function AdminView({ section }: AdminViewProps) {
  const { t } = useI18n()
  const session = useSession()
  if (!isAdmin(session)) return <p className="empty-state">{t('admin.only')}</p>
  return (
    <div className="page admin-page" data-testid="admin-view" data-section={section}>
      <nav className="tabs" aria-label={t('nav.admin')}>
        {ADMIN_SECTIONS.map((s) => (
          <a
            key={s}
            className="tab"
            href={routeHref({ view: 'admin', section: s })}
            aria-current={s === section ? 'page' : undefined}
            data-section={s}
          >
            {t(`admin.${s}` as MessageKey)}
          </a>
        ))}
      </nav>
      {section === 'stations' && <StationsAdmin />}
      {section === 'rules' && <RulesAdmin />}
      {section === 'users' && <UsersAdmin />}
      {section === 'notify' && <NotifyAdmin />}
      {section === 'deadletters' && <DeadLettersAdmin />}
      {section === 'audit' && <AuditAdmin />}
      {section === 'completeness' && <CompletenessAdmin />}
      {section === 'hj212' && <Hj212Admin />}
    </div>
  )
}
