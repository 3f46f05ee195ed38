/**
 * The public page's words, Chinese and English (the page is for citizens: its own small dictionary,
 * not the operator UI's), and the language choice kept in localStorage.
 */
export type PublicLang = 'zh' | 'en'

const zh = {
  title: '东莞环境质量信息公开',
  subtitle: '空气质量实时发布',
  switchLang: 'English',
  cityAqi: '全市空气质量指数',
  noData: '暂无数据',
  provisional: '实时数据，未经审核',
  provisionalDays: '暂定数据，未经审核',
  goal: '目标',
  reviewed: '已审核数据',
  policyReviewed: '本页按规定发布经审核的数据',
  primary: '首要污染物',
  none: '无',
  stations: '监测站点',
  station: '站点',
  town: '镇街',
  hourOf: (t: string) => `${t} 时段`,
  latest: '最新 1 小时浓度',
  effects: '对健康影响情况',
  advice: '建议采取的措施',
  adviceSource: '依据 HJ 633-2012《环境空气质量指数（AQI）技术规定（试行）》表 2',
  last24: '近 24 小时空气质量指数',
  daily: '日报',
  dailyOf: (d: string) => `${d} 空气质量日报`,
  city: '全市',
  targets: '本月目标完成情况',
  water: '集中式饮用水水源地水质达标情况',
  waterClass: '水质类别',
  targetClass: '目标类别',
  compliant: '达标',
  notCompliant: '未达标',
  notAssessed: '未评价',
  rate: '达标率',
  status: { met: '达标', 'at-risk': '有风险', missed: '未达标', 'no-data': '无数据' } as Record<string, string>,
  computing: '计算中…',
  close: '关闭',
  approx: '位置为近似',
  select: '点击地图上的站点或列表查看详情',
  updated: '更新于',
}

const en: typeof zh = {
  title: 'Dongguan environmental information',
  subtitle: 'Real-time air quality',
  switchLang: '中文',
  cityAqi: 'City AQI',
  noData: 'No data',
  provisional: 'Real-time data, not yet reviewed',
  provisionalDays: 'Provisional data, not yet reviewed',
  goal: 'target',
  reviewed: 'Reviewed data',
  policyReviewed: 'This page publishes reviewed data where the bureau has signed it off',
  primary: 'Primary pollutant',
  none: 'none',
  stations: 'Monitoring stations',
  station: 'Station',
  town: 'Town',
  hourOf: (t: string) => `hour of ${t}`,
  latest: 'Latest 1-hour concentrations',
  effects: 'Health effects',
  advice: 'Advice',
  adviceSource: 'From HJ 633-2012 (Technical Regulation on Ambient Air Quality Index), Table 2; English translation',
  last24: 'AQI, last 24 hours',
  daily: 'Daily report',
  dailyOf: (d: string) => `Daily air quality report, ${d}`,
  city: 'City',
  targets: "The city's targets this month",
  water: 'Drinking-water sources: water quality compliance',
  waterClass: 'Class',
  targetClass: 'Target class',
  compliant: 'compliant',
  notCompliant: 'not compliant',
  notAssessed: 'not assessed',
  rate: 'Compliance rate',
  status: { met: 'met', 'at-risk': 'at risk', missed: 'missed', 'no-data': 'no data' },
  computing: 'computing…',
  close: 'Close',
  approx: 'approximate position',
  select: 'Tap a station on the map or in the list for its details',
  updated: 'Updated',
}

/** The words of a language. */
export const STRINGS: Record<PublicLang, typeof zh> = { zh, en }

/** Pollutant names and units as the national release prints them. */
export const POLLUTANTS: readonly { key: 'pm25' | 'pm10' | 'o3' | 'no2' | 'so2' | 'co'; label: string; unit: string }[] = [
  { key: 'pm25', label: 'PM2.5', unit: 'µg/m³' },
  { key: 'pm10', label: 'PM10', unit: 'µg/m³' },
  { key: 'o3', label: 'O₃', unit: 'µg/m³' },
  { key: 'no2', label: 'NO₂', unit: 'µg/m³' },
  { key: 'so2', label: 'SO₂', unit: 'µg/m³' },
  { key: 'co', label: 'CO', unit: 'mg/m³' },
]

/** A pollutant key's printed name (`pm25` → PM2.5). */
export const pollutantLabel = (k: string) => POLLUTANTS.find((p) => p.key === k)?.label ?? k

const KEY = 'envmon-public-lang'

/** The saved language, else Chinese. */
export function savedLang(): PublicLang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

/** Keep the language and set the document's `lang`. */
export function saveLang(lang: PublicLang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  try {
    localStorage.setItem(KEY, lang)
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
}

/** Text colour readable on an AQI level colour (dark on green, yellow and orange). */
export const inkOn = (level: string | null | undefined) => (level === 'I' || level === 'II' || level === 'III' ? '#1a1a1a' : '#ffffff')

/** `HH:00` of an ISO hour in China Standard Time, e.g. the end of an hour as the national release labels it. */
export function cstHour(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  return `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 13)}:00`
}
