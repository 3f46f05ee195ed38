/**
 * The header: product name, navigation, connection state, CST clock and language switch.
 */
import { logout, useSession } from '../auth/session'
import { useAlerts } from '../data/hooks'
import type { MessageKey } from '../i18n/dict'
import { setLang } from '../i18n/i18n'
import { useI18n } from '../i18n/use-i18n'
import { Clock } from './clock'
import { ConnectionIndicator } from './connection-indicator'
import { routeHref, type Route } from './route'

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
  const link = (r: Route, label: string, current: boolean, badge?: number) => (
    <a href={routeHref(r)} className="nav-link" aria-current={current ? 'page' : undefined}>
      {label}
      {badge ? (
        <span className="nav-badge" aria-label={`${badge} ${t('state.open')}`}>
          {badge}
        </span>
      ) : null}
    </a>
  )
  return (
    <header className="header">
      <a className="brand" href={routeHref({ view: 'map' })}>
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">envmon</span>
        <span className="brand-city">东莞环境监测</span>
      </a>
      <nav className="nav" aria-label={t('nav.label')}>
        {link({ view: 'map' }, t('nav.map'), route.view === 'map' || route.view === 'station')}
        {link({ view: 'alerts' }, t('nav.alerts'), route.view === 'alerts', open)}
      </nav>
      <div className="header-right">
        <ConnectionIndicator />
        <Clock />
        {session.state === 'authenticated' && session.user && (
          <div className="user-box">
            <span title={session.user.username}>
              {session.user.name || session.user.username} · {t(`role.${session.user.role}` as MessageKey)}
            </span>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => void logout()}>
              {t('session.logout')}
            </button>
          </div>
        )}
        <button type="button" className="btn btn-quiet lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('lang.switchLabel')} lang={lang === 'zh' ? 'en' : 'zh'}>
          {t('lang.switch')}
        </button>
      </div>
    </header>
  )
}
