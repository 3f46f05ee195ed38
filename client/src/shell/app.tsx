/**
 * The app shell: the login gate, then header, the current view, and the notices region.
 */
import { useEffect } from 'react'
import { ActionDialog } from '../alerts/action-dialog'
import { AlertsView } from '../alerts/alerts-view'
import { LoginScreen } from '../auth/login-screen'
import { useSession } from '../auth/session'
import { startLive } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { MapView } from '../map/map-view'
import { StationPage } from '../station/station-page'
import { ConnectionBanner } from './connection-banner'
import { Header } from './header'
import { Notices } from './notices'
import { useRoute } from './route'

/** The whole UI. */
export function App() {
  const session = useSession()
  const { t } = useI18n()
  useEffect(() => {
    if (session.state === 'authenticated') startLive()
  }, [session.state])
  if (session.state === 'checking') return <div className="splash">{t('login.checking')}</div>
  if (session.state === 'anonymous') return <LoginScreen expired={session.expired} />
  return <Shell />
}

function Shell() {
  const route = useRoute()
  const { t } = useI18n()
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <Header route={route} />
      <ConnectionBanner />
      <main id="main" className={`view view-${route.view}`} tabIndex={-1}>
        {route.view === 'map' && <MapView selectedId={route.stationId} />}
        {route.view === 'alerts' && <AlertsView />}
        {route.view === 'station' && <StationPage stationId={route.stationId} />}
      </main>
      <Notices />
      <ActionDialog />
    </div>
  )
}
