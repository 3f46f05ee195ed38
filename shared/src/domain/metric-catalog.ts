/**
 * The canonical metric catalog per station kind (contract, "Station kinds and canonical metrics"),
 * with units, bilingual labels and the HJ 212-2017 factor codes that map onto each key.
 */
import type { StationKind } from './station'

export interface MetricInfo {
  key: string
  unit: string
  zh: string
  en: string
  /** Cumulative counter (energy meters): consumption is the delta between readings. */
  cumulative?: boolean
  /** Optional in the contract (not every station reports it). */
  optional?: boolean
  /** Decimal places for display. */
  digits: number
}

const m = (key: string, unit: string, zh: string, en: string, digits: number, extra: Partial<MetricInfo> = {}): MetricInfo => ({
  key,
  unit,
  zh,
  en,
  digits,
  ...extra,
})

/** Metric catalog. Order is display order. */
export const METRICS: Readonly<Record<StationKind, readonly MetricInfo[]>> = {
  air: [
    m('pm25', 'µg/m³', '细颗粒物', 'PM2.5', 0),
    m('pm10', 'µg/m³', '可吸入颗粒物', 'PM10', 0),
    m('so2', 'µg/m³', '二氧化硫', 'SO₂', 0),
    m('no2', 'µg/m³', '二氧化氮', 'NO₂', 0),
    m('co', 'mg/m³', '一氧化碳', 'CO', 2),
    m('o3', 'µg/m³', '臭氧', 'O₃', 0),
    m('temp', '°C', '气温', 'Temperature', 1, { optional: true }),
    m('rh', '%', '相对湿度', 'Humidity', 0, { optional: true }),
    m('ws', 'm/s', '风速', 'Wind speed', 1, { optional: true }),
    m('wd', '°', '风向', 'Wind direction', 0, { optional: true }),
  ],
  water: [
    m('ph', '', 'pH', 'pH', 2),
    m('do', 'mg/L', '溶解氧', 'Dissolved oxygen', 2),
    m('codmn', 'mg/L', '高锰酸盐指数', 'Permanganate index', 2),
    m('nh3n', 'mg/L', '氨氮', 'Ammonia nitrogen', 3),
    m('tp', 'mg/L', '总磷', 'Total phosphorus', 3),
    m('tn', 'mg/L', '总氮', 'Total nitrogen', 2),
    m('cod', 'mg/L', '化学需氧量', 'COD', 1, { optional: true }),
    m('bod5', 'mg/L', '五日生化需氧量', 'BOD₅', 1, { optional: true }),
    m('temp', '°C', '水温', 'Water temperature', 1),
    m('turb', 'NTU', '浊度', 'Turbidity', 1),
    m('cond', 'µS/cm', '电导率', 'Conductivity', 0),
  ],
  wastewater: [
    m('cod', 'mg/L', '化学需氧量', 'COD', 1),
    m('bod5', 'mg/L', '五日生化需氧量', 'BOD₅', 1, { optional: true }),
    m('nh3n', 'mg/L', '氨氮', 'Ammonia nitrogen', 2),
    m('tp', 'mg/L', '总磷', 'Total phosphorus', 2),
    m('tn', 'mg/L', '总氮', 'Total nitrogen', 1),
    m('ss', 'mg/L', '悬浮物', 'Suspended solids', 1),
    m('ph', '', 'pH', 'pH', 2),
    m('inflow', 'm³/h', '进水流量', 'Inflow', 0),
    m('outflow', 'm³/h', '出水流量', 'Outflow', 0),
    m('reclaimed', 'm³/h', '再生水流量', 'Reclaimed water', 0),
  ],
  energy: [
    m('elec_kwh', 'kWh', '用电量', 'Electricity', 0, { cumulative: true }),
    m('gas_m3', 'm³', '天然气', 'Natural gas', 0, { cumulative: true }),
    m('steam_t', 't', '蒸汽', 'Steam', 1, { cumulative: true }),
    m('water_m3', 'm³', '用水量', 'Water', 0, { cumulative: true }),
    m('coal_t', 't', '原煤', 'Coal', 2, { cumulative: true }),
    m('power_kw', 'kW', '实时功率', 'Power', 0, { optional: true }),
  ],
}

const INDEX: Record<StationKind, Map<string, MetricInfo>> = {
  air: new Map(METRICS.air.map((x) => [x.key, x])),
  water: new Map(METRICS.water.map((x) => [x.key, x])),
  wastewater: new Map(METRICS.wastewater.map((x) => [x.key, x])),
  energy: new Map(METRICS.energy.map((x) => [x.key, x])),
}

/** The catalog entry of `key` for `kind`, or undefined for a key the contract does not define. */
export function metricInfo(kind: StationKind, key: string): MetricInfo | undefined {
  return INDEX[kind].get(key)
}

/** Whether `key` is a canonical metric of `kind`. */
export function isKnownMetric(kind: StationKind, key: string): boolean {
  return INDEX[kind].has(key)
}

/**
 * HJ 212-2017 factor codes (pollutant codes, HJ 212-2017 Appendix B / HJ 525) onto contract keys.
 * Codes not listed are kept under their raw code by the parser, never dropped.
 */
export const HJ212_FACTOR_CODES: Readonly<Record<string, string>> = {
  // air (HJ 212-2017 Table B.1 gas factors)
  a34004: 'pm25',
  a34002: 'pm10',
  a21026: 'so2',
  a21004: 'no2',
  a21005: 'co',
  a05024: 'o3',
  a01001: 'temp',
  a01002: 'rh',
  a01007: 'ws',
  a01008: 'wd',
  // water (HJ 212-2017 Table B.2 water factors)
  w01001: 'ph',
  w01009: 'do',
  w01019: 'codmn',
  w01018: 'cod',
  w21003: 'nh3n',
  w21011: 'tp',
  w21001: 'tn',
  w01010: 'temp',
  w01003: 'turb',
  w01014: 'cond',
  w01012: 'ss',
}
