/**
 * How a station marker looks, as a pure function of what is known about the station:
 * - offline: grey, whatever the kind;
 * - air: the official HJ 633-2012 colour of its AQI level when the AQI is known, else a calm blue;
 * - water and wastewater: green / amber / red by their worst active alert;
 * - energy: neutral;
 * - stale (data late): outlined instead of filled, in the colour it would have;
 * - any active alert: a ring in the colour of the worst severity (dashed once all are acknowledged).
 */
import type { Severity } from '../../../shared/src/domain/alert'
import type { StationKind, StationStatus } from '../../../shared/src/domain/station'
import { aqiLevel } from '../../../shared/src/standards/aqi-table'
import type { AlertSummary } from '../data/alert-store'

/** Marker colours (also used by the legend). */
export const MARKER_COLORS = {
  offline: '#6b7785',
  energy: '#9aa9bb',
  airNoAqi: '#5aa9e6',
  ok: '#2fb67c',
  warning: '#f0a531',
  critical: '#e5484d',
  outline: '#0b1118',
  hollowFill: '#101a24',
} as const

/** Ring colour per severity. */
export const RING_COLORS: Readonly<Record<Severity, string>> = { info: '#6cb4ff', warning: '#ffb224', critical: '#ff4d5e' }

/** What the style depends on. */
export interface MarkerInput {
  kind: StationKind
  status: StationStatus
  /** The AQI value, when the server has computed one. */
  aqi?: number
  /** The server's colour for that AQI (used only if the level table cannot place the value). */
  aqiColor?: string
  alerts?: AlertSummary
}

/** The resolved look of a marker. */
export interface MarkerStyle {
  fill: string
  stroke: string
  strokeWidth: number
  /** Stale: drawn as an outline. */
  hollow: boolean
  ring?: { color: string; dashed: boolean }
}

function baseColor(m: MarkerInput): string {
  if (m.status === 'offline') return MARKER_COLORS.offline
  switch (m.kind) {
    case 'air': {
      if (m.aqi === undefined || !Number.isFinite(m.aqi)) return MARKER_COLORS.airNoAqi
      return aqiLevel(Math.round(m.aqi))?.hex ?? m.aqiColor ?? MARKER_COLORS.airNoAqi
    }
    case 'water':
    case 'wastewater':
      if (!m.alerts || m.alerts.count === 0) return MARKER_COLORS.ok
      return m.alerts.worst === 'critical' ? MARKER_COLORS.critical : MARKER_COLORS.warning
    case 'energy':
      return MARKER_COLORS.energy
  }
}

/**
 * The style of a marker.
 * @example markerStyle({ kind: 'air', status: 'online', aqi: 120 }).fill === '#ff7e00'
 */
export function markerStyle(m: MarkerInput): MarkerStyle {
  const color = baseColor(m)
  const hollow = m.status === 'stale'
  const style: MarkerStyle = hollow
    ? { fill: MARKER_COLORS.hollowFill, stroke: color, strokeWidth: 2.5, hollow }
    : { fill: color, stroke: MARKER_COLORS.outline, strokeWidth: 1, hollow }
  if (m.alerts && m.alerts.count > 0) style.ring = { color: RING_COLORS[m.alerts.worst], dashed: m.alerts.open === 0 }
  return style
}

/** A compact key of a style, to skip DOM writes when nothing changed. */
export function styleKey(s: MarkerStyle): string {
  return `${s.fill}|${s.stroke}|${s.strokeWidth}|${s.ring ? `${s.ring.color}${s.ring.dashed ? 'd' : ''}` : ''}`
}
