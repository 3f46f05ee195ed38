/**
 * Entry of the public page (client/public.html, served at /public without a session): its own
 * small React tree, no operator bundle, no socket.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { PublicApp } from './public-app'
import './public.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
)
