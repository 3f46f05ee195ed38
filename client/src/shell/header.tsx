/**
 * The header: product name, navigation (views by role), alarm switch, connection state, CST clock,
 * user menu and language switch.
 */
import { canAnalyze, isAdmin, useSession } from '../auth/session'
import { useAlerts } from '../data/hooks'
import { setLang } from '../i18n/i18n'
import { useI18n } from '../i18n/use-i18n'
import { AlarmButton } from './alarm-button'
import { Clock } from './clock'
import { ConnectionIndicator } from './connection-indicator'
import { routeHref, type Route } from './route'
import { UserMenu } from './user-menu'

/** Props of {@link Header}. */
export interface HeaderProps {
  route: Route
}

/** The top bar. */
export function Header({ route }: HeaderProps) {
  const { t, lang } = useI18n()
  const session = useSession()
  const alerts = useAlerts()
  const open = alerts.reduce((n, a) => n + (a.state === 'open' ? 1 : 0), 0)
  const link = (r: Route, label: string, current: boolean, badge?: number, title?: string) => (
    <a href={routeHref(r)} className="nav-link" aria-current={current ? 'page' : undefined} title={title}>
      {label}
      {badge ? (
        <span className="nav-badge" aria-label={`${badge} ${t('state.open')}`}>
          {badge}
        </span>
      ) : null}
    </a>
  )
  const v = route.view
  return (
    <header className="header">
      <a className="brand" href={routeHref({ view: 'map' })}>
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">envmon</span>
        <span className="brand-city">东莞环境监测</span>
      </a>
      <nav className="nav" aria-label={t('nav.label')}>
        {link({ view: 'map' }, t('nav.map'), v === 'map' || v === 'station')}
        {link({ view: 'alerts' }, t('nav.alerts'), v === 'alerts', open)}
        {link(
          { view: 'trends' },
          t('nav.trends'),
          v === 'trends' || v === 'bad-days',
          undefined,
          canAnalyze(session) ? undefined : t('trends.limitedTitle'),
        )}
        {link({ view: 'targets' }, t('nav.targets'), v === 'targets')}
        {link({ view: 'reports' }, t('nav.reports'), v === 'reports')}
        {canAnalyze(session) && link({ view: 'review' }, t('review.queue'), v === 'review')}
        {isAdmin(session) && link({ view: 'admin', section: 'stations' }, t('nav.admin'), v === 'admin')}
      </nav>
      <div className="header-right">
        <AlarmButton />
        <ConnectionIndicator />
        <Clock />
        {session.state === 'authenticated' && <UserMenu session={session} />}
        <button
          type="button"
          className="btn btn-quiet lang-switch"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          aria-label={t('lang.switchLabel')}
          lang={lang === 'zh' ? 'en' : 'zh'}
          data-testid="lang-switch"
        >
          {t('lang.switch')}
        </button>
      </div>
    </header>
  )
}
