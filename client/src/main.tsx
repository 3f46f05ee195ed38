/**
 * Entry point: start the live data layer and mount the app.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { startLive } from './data/live'
import { getLang, setLang } from './i18n/i18n'
import { App } from './shell/app'
import './styles.css'
import './map/map.css'
import './station/station.css'
import './alerts/alerts.css'

setLang(getLang())
startLive()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
