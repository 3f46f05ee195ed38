/**
 * Entry point: check the session and mount the app (which starts the live data once logged in).
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { checkSession } from './auth/session'
import { getLang, setLang } from './i18n/i18n'
import { App } from './shell/app'
import './styles.css'
import './ui/controls.css'
import './auth/login.css'
import './map/map.css'
import './map/map-side.css'
import './station/station.css'
import './alerts/alerts.css'
import './shell/shell.css'
import './ui/page.css'
import './targets/targets.css'
import './reports/reports.css'
import './trends/trends.css'
import './admin/admin.css'
import './shell/wall.css'
import './review/review.css'

setLang(getLang())
void checkSession()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
