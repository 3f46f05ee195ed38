/**
 * The app shell: the login gate, then header, the current view, the notices region and the
 * critical-alert toasts. Starts the live data and the alarm once logged in.
 */
import { useEffect } from 'react'
import { ActionDialog } from '../alerts/action-dialog'
import { startAlarm } from '../alerts/alarm'
import { AlertDetailView } from '../alerts/alert-detail-view'
import { alertStationName, metricAndWindow, valueVsLimit } from '../alerts/alert-text'
import { AlertsView } from '../alerts/alerts-view'
import { CriticalToasts } from '../alerts/critical-toasts'
import { AdminView } from '../admin/admin-view'
import { BadDaysView } from '../analysis/bad-days-view'
import { LoginScreen } from '../auth/login-screen'
import { recheckSession, useSession } from '../auth/session'
import { alertStore, setSessionRecheck, startLive } from '../data/live'
import { getLang, translator } from '../i18n/i18n'
import { useI18n } from '../i18n/use-i18n'
import { MapView } from '../map/map-view'
import { ReviewQueueView } from '../review/review-queue-view'
import { StationPage } from '../station/station-page'
import { TargetsView } from '../targets/targets-view'
import { ReportsView } from '../reports/reports-view'
import { TrendsView } from '../trends/trends-view'
import { ConnectionBanner } from './connection-banner'
import { Header } from './header'
import { Notices } from './notices'
import { navigate, useRoute } from './route'

/** Start the alarm with messages in the language of the moment. */
function startCriticalAlarm(): () => void {
  return startAlarm(
    alertStore,
    (a) => {
      const lang = getLang()
      const t = translator(lang)
      return {
        title: `${t('alarm.notifyTitle')} · ${alertStationName(a, lang)}`,
        body: `${metricAndWindow(a, lang, t)} ${valueVsLimit(a)}\n${a.message}`,
      }
    },
    (a) => navigate({ view: 'alerts', alertId: a.id }),
  )
}

/** The whole UI. */
export function App() {
  const session = useSession()
  const { t } = useI18n()
  useEffect(() => {
    if (session.state !== 'authenticated') return
    setSessionRecheck(recheckSession)
    startLive()
    return startCriticalAlarm()
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
        {route.view === 'alerts' && (route.alertId ? <AlertDetailView alertId={route.alertId} /> : <AlertsView />)}
        {route.view === 'station' && <StationPage stationId={route.stationId} />}
        {route.view === 'trends' && <TrendsView />}
        {route.view === 'bad-days' && <BadDaysView month={route.month} />}
        {route.view === 'targets' && <TargetsView />}
        {route.view === 'reports' && <ReportsView reportId={route.reportId} />}
        {route.view === 'admin' && <AdminView section={route.section} />}
        {route.view === 'review' && <ReviewQueueView />}
      </main>
      <Notices />
      <CriticalToasts />
      <ActionDialog />
    </div>
  )
}
