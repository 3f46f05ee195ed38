/**
 * Test fixtures for the notification tests (unit and integration): three stations in two towns
 * and two rules, so subscriptions by station, kind, town and severity can be told apart.
 */
import type { Station } from '../../../shared/src/domain/station'
import type { Rule } from '../../../shared/src/rules/rule'

const st = (id: string, kind: Station['kind'], nameZh: string, nameEn: string, town: string, townEn: string): Station => ({
  id,
  kind,
  nameZh,
  nameEn,
  town,
  townEn,
  lon: 113.75,
  lat: 23.02,
  approx: false,
  intervalSec: 60,
})

/** DG-AIR-01 (莞城), DG-AIR-02 (虎门), DG-WAT-01 (water, 莞城). */
export const NOTIFY_STATIONS: Readonly<Record<string, Station>> = {
  'DG-AIR-01': st('DG-AIR-01', 'air', '莞城', 'Guancheng', '莞城街道', 'Guancheng'),
  'DG-AIR-02': st('DG-AIR-02', 'air', '虎门', 'Humen', '虎门镇', 'Humen'),
  'DG-WAT-01': st('DG-WAT-01', 'water', '东江水源', 'Dongjiang Source', '莞城街道', 'Guancheng'),
}

/** PM2.5 above 75 (warning; critical above 150) for air; dissolved oxygen below 5 for water. */
export const NOTIFY_RULES: Readonly<Record<'air' | 'water', Rule>> = {
  air: {
    id: 'air.pm25.1h',
    kind: 'air',
    metric: 'pm25',
    window: '1h',
    comparison: 'above',
    limit: 75,
    severity: 'warning',
    steps: [{ at: 150, severity: 'critical' }],
    source: 'GB 3095-2012',
    title: { zh: 'PM2.5', en: 'PM2.5' },
  },
  water: {
    id: 'water.do',
    kind: 'water',
    metric: 'do',
    window: 'instant',
    comparison: 'below',
    limit: 5,
    severity: 'warning',
    source: 'GB 3838-2002',
    title: { zh: '溶解氧', en: 'DO' },
  },
}
