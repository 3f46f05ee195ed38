import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref, type Route } from './route'

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { view: 'map' }],
    ['#/', { view: 'map' }],
    ['#/map', { view: 'map' }],
    ['#/map/air-001', { view: 'map', stationId: 'air-001' }],
    ['#/alerts', { view: 'alerts' }],
    ['#/station/ww_02', { view: 'station', stationId: 'ww_02' }],
    ['#/station', { view: 'map' }],
    ['#/targets', { view: 'map' }],
    ['#/nonsense/x', { view: 'map' }],
  ])('parses %j', (hash, want) => {
    expect(parseRoute(hash)).toEqual(want)
  })

  it.each<Route>([{ view: 'map' }, { view: 'map', stationId: 'a b' }, { view: 'alerts' }, { view: 'station', stationId: 'x-1' }])('round-trips %j', (r) => {
    expect(parseRoute(routeHref(r))).toEqual(r)
  })
})
