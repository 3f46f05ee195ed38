/**
 * The hover card of a station: names in both languages, town, AQI, key latest values with units,
 * status and time. Follows the station live while shown.
 */
import type { StationKind } from '../../../shared/src/domain/station'
import { METRICS } from '../../../shared/src/domain/metric-catalog'
import { useStation } from '../data/hooks'
import { stationStore } from '../data/live'
import { useI18n } from '../i18n/use-i18n'
import { formatCstShort } from '../time/cst'
import { formatWithUnit, isFlagged, kindLabel, townName } from '../ui/labels'

/** Props of {@link MapTooltip}. */
export interface MapTooltipProps {
  stationId: string
  /** Marker position in the map container (px). */
  x: number
  y: number
  containerWidth: number
}

const KEY_METRICS: Readonly<Record<StationKind, readonly string[]>> = {
  air: ['pm25', 'pm10', 'o3', 'no2'],
  water: ['ph', 'do', 'nh3n', 'tp'],
  wastewater: ['cod', 'nh3n', 'tp', 'inflow'],
  energy: ['power_kw', 'elec_kwh', 'gas_m3', 'steam_t'],
}

/** The hover card. */
export function MapTooltip({ stationId, x, y, containerWidth }: MapTooltipProps) {
  const s = useStation(stationId)
  const { t, lang } = useI18n()
  if (!s) return null
  const other = lang === 'zh' ? s.nameEn : s.nameZh
  const values = s.latest?.values ?? {}
  const keys = KEY_METRICS[s.kind].filter((k) => values[k])
  const alerts = stationStore.alertSummary(s.id)
  const left = x + 16 + 280 > containerWidth ? x - 16 - 280 : x + 16
  return (
    <div className="map-tooltip" style={{ left, top: Math.max(8, y - 20) }} role="tooltip">
      <div className="tt-title">{lang === 'zh' ? s.nameZh : s.nameEn}</div>
      <div className="tt-sub">{other}</div>
      <div className="tt-meta">
        {kindLabel(s.kind, t)} · {townName(s, lang)}
      </div>
      {s.kind === 'air' && s.aqi && (
        <div className="tt-aqi">
          <span className="aqi-chip" style={{ background: s.aqi.color }} />
          AQI {Math.round(s.aqi.aqi)} · {s.aqi.category[lang]}
        </div>
      )}
      {keys.length > 0 ? (
        <table className="tt-values">
          <tbody>
            {keys.map((k) => {
              const m = METRICS[s.kind].find((x) => x.key === k)
              const v = values[k]!
              return (
                <tr key={k} className={isFlagged(v.flag) ? 'flagged' : undefined}>
                  <th scope="row">{m ? m[lang] : k}</th>
                  <td>
                    {formatWithUnit(s.kind, k, v.value)}
                    {isFlagged(v.flag) && <span className="flag-chip">{v.flag}</span>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : (
        <div className="tt-empty">{t('station.noData')}</div>
      )}
      <div className="tt-foot">
        <span className={`status-pill status-${s.status}`}>{t(`status.${s.status}`)}</span>
        {alerts && (
          <span className={`sev-pill sev-${alerts.worst}`}>
            {alerts.count} · {t(`severity.${alerts.worst}`)}
          </span>
        )}
        <span className="tt-time">{s.latest ? formatCstShort(s.latest.ts) : '—'}</span>
      </div>
    </div>
  )
}
