/**
 * Per-reading limit rules: each value compared with the applicable national limit as it arrives.
 * The averaging-window rules (24-h means, O3 8-h, AQI, water class, effluent daily means) are
 * evaluated by the standards engine; these catch a breach the moment it is measured.
 */
import { isValidFlag, type Reading } from '../domain/reading'
import type { Station } from '../domain/station'
import type { Observation } from './alert-book'
import type { Rule } from './rule'

const GB3095 = 'GB 3095-2012 Table 1, grade II'
const GB3838 = 'GB 3838-2002 Table 1, class III'
const GB18918 = 'GB 18918-2002 Table 1, class 1A'

/** Clear at 90% of an upper limit (hysteresis), 110% of a lower one. */
const above = (id: string, metric: string, limit: number, title: Rule['title'], source: string, critical: number, extra: Partial<Rule> = {}): Rule => ({
  id, kind: extra.kind ?? 'air', metric, window: 'instant', comparison: 'above', limit, clear: limit * 0.9,
  severity: 'warning', steps: [{ at: critical, severity: 'critical' }], source, title, ...extra,
})

/**
 * The instant rules. Air: the grade II 1-h limits (SO2 500, NO2 200, CO 10, O3 200); PM2.5 and PM10
 * have no 1-h limit in GB 3095-2012, so the instant check uses the 24-h limit (75 / 150) as an
 * early warning and the standards engine judges the 24-h mean.
 * Water sources: class III. Effluent: class 1A (compared per reading; compliance itself is on daily means).
 */
export const INSTANT_RULES: readonly Rule[] = [
  above('air.so2.1h', 'so2', 500, { zh: '二氧化硫 1 小时浓度超标', en: 'SO₂ 1-h above limit' }, GB3095, 800),
  above('air.no2.1h', 'no2', 200, { zh: '二氧化氮 1 小时浓度超标', en: 'NO₂ 1-h above limit' }, GB3095, 700),
  above('air.co.1h', 'co', 10, { zh: '一氧化碳 1 小时浓度超标', en: 'CO 1-h above limit' }, GB3095, 35),
  above('air.o3.1h', 'o3', 200, { zh: '臭氧 1 小时浓度超标', en: 'O₃ 1-h above limit' }, GB3095, 300),
  above('air.pm25.instant', 'pm25', 75, { zh: '细颗粒物浓度高于日均限值', en: 'PM2.5 above the 24-h limit' }, `${GB3095} (24-h limit as early warning)`, 150),
  above('air.pm10.instant', 'pm10', 150, { zh: '可吸入颗粒物浓度高于日均限值', en: 'PM10 above the 24-h limit' }, `${GB3095} (24-h limit as early warning)`, 250),
  { id: 'water.do', kind: 'water', metric: 'do', window: 'instant', comparison: 'below', limit: 5, clear: 5.5, severity: 'warning', steps: [{ at: 3, severity: 'critical' }], source: GB3838, title: { zh: '溶解氧低于 III 类标准', en: 'Dissolved oxygen below class III' } },
  above('water.codmn', 'codmn', 6, { zh: '高锰酸盐指数超 III 类', en: 'Permanganate index above class III' }, GB3838, 10, { kind: 'water' }),
  above('water.nh3n', 'nh3n', 1.0, { zh: '氨氮超 III 类', en: 'Ammonia nitrogen above class III' }, GB3838, 1.5, { kind: 'water' }),
  above('water.tp.river', 'tp', 0.2, { zh: '总磷超 III 类(河流)', en: 'Total phosphorus above class III (river)' }, GB3838, 0.3, { kind: 'water' }),
  above('water.tp.lake', 'tp', 0.05, { zh: '总磷超 III 类(湖库)', en: 'Total phosphorus above class III (lake, reservoir)' }, GB3838, 0.1, { kind: 'water' }),
  { id: 'water.ph', kind: 'water', metric: 'ph', window: 'instant', comparison: 'outside', low: 6, limit: 9, clear: 8.8, clearLow: 6.2, severity: 'warning', source: GB3838, title: { zh: 'pH 超出 6–9', en: 'pH outside 6–9' } },
  above('wastewater.cod', 'cod', 50, { zh: '出水化学需氧量超一级 A', en: 'Effluent COD above class 1A' }, GB18918, 60, { kind: 'wastewater' }),
  above('wastewater.nh3n', 'nh3n', 5, { zh: '出水氨氮超一级 A', en: 'Effluent ammonia nitrogen above class 1A' }, GB18918, 8, { kind: 'wastewater' }),
  above('wastewater.tp', 'tp', 0.5, { zh: '出水总磷超一级 A', en: 'Effluent total phosphorus above class 1A' }, GB18918, 1, { kind: 'wastewater' }),
  above('wastewater.tn', 'tn', 15, { zh: '出水总氮超一级 A', en: 'Effluent total nitrogen above class 1A' }, GB18918, 20, { kind: 'wastewater' }),
  above('wastewater.ss', 'ss', 10, { zh: '出水悬浮物超一级 A', en: 'Effluent suspended solids above class 1A' }, GB18918, 20, { kind: 'wastewater' }),
  { id: 'wastewater.ph', kind: 'wastewater', metric: 'ph', window: 'instant', comparison: 'outside', low: 6, limit: 9, clear: 8.8, clearLow: 6.2, severity: 'warning', source: GB18918, title: { zh: '出水 pH 超出 6–9', en: 'Effluent pH outside 6–9' } },
]

/** Rules that apply to a station (lake vs river phosphorus). */
export function instantRulesFor(station: Station): Rule[] {
  return INSTANT_RULES.filter((r) => {
    if (r.kind !== station.kind) return false
    if (r.id === 'water.tp.river') return station.waterBody !== 'lake'
    if (r.id === 'water.tp.lake') return station.waterBody === 'lake'
    return true
  })
}

/** Observations of the instant rules for one reading; values flagged other than N/S are excluded. */
export function observeInstant(reading: Reading, rules: readonly Rule[]): Observation[] {
  const out: Observation[] = []
  for (const rule of rules) {
    const v = reading.values[rule.metric]
    if (v === undefined || !isValidFlag(reading.flags?.[rule.metric])) continue
    out.push({ stationId: reading.stationId, kind: reading.kind, rule, value: v, ts: reading.ts })
  }
  return out
}
