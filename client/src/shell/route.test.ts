import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref, type Route } from './route'

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { view: 'map' }],
    ['#/', { view: 'map' }],
    ['#/map', { view: 'map' }],
    ['#/map/air-001', { view: 'map', stationId: 'air-001' }],
    ['#/alerts', { view: 'alerts' }],
    ['#/alerts/a-17', { view: 'alerts', alertId: 'a-17' }],
    ['#/station/ww_02', { view: 'station', stationId: 'ww_02' }],
    ['#/station', { view: 'map' }],
    ['#/targets', { view: 'targets' }],
    ['#/reports', { view: 'reports' }],
    ['#/reports/monthly_2026-02_v2', { view: 'reports', reportId: 'monthly_2026-02_v2' }],
    ['#/trends', { view: 'trends' }],
    ['#/trends/bad-days', { view: 'bad-days' }],
    ['#/trends/bad-days/2026-10', { view: 'bad-days', month: '2026-10' }],
    ['#/trends/bad-days/oct', { view: 'bad-days' }],
    ['#/admin', { view: 'admin', section: 'stations' }],
    ['#/admin/users', { view: 'admin', section: 'users' }],
    ['#/admin/rules', { view: 'admin', section: 'rules' }],
    ['#/admin/deadletters', { view: 'admin', section: 'deadletters' }],
    ['#/admin/nope', { view: 'admin', section: 'stations' }],
    ['#/nonsense/x', { view: 'map' }],
  ])('parses %j', (hash, want) => {
    expect(parseRoute(hash)).toEqual(want)
  })

  it.each<Route>([
    { view: 'map' },
    { view: 'map', stationId: 'a b' },
    { view: 'alerts' },
    { view: 'alerts', alertId: 'x/1' },
    { view: 'station', stationId: 'x-1' },
    { view: 'trends' },
    { view: 'bad-days', month: '2026-10' },
    { view: 'targets' },
    { view: 'reports', reportId: 'daily-air_2026-03-01_v1' },
    { view: 'admin', section: 'notify' },
    { view: 'admin', section: 'rules' },
    { view: 'admin', section: 'deadletters' },
  ])('round-trips %j', (r) => {
    expect(parseRoute(routeHref(r))).toEqual(r)
  })
})
