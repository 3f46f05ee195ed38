/**
 * Wire shapes of the HTTP API (server/src/http/api.ts) as the client reads them: one definition of
 * each, in shared/src/protocol/http/ (one file per resource), which the server builds its bodies with.
 */
export type { AlertDetail, AlertStatusQuery, AlertsResponse } from '../../../shared/src/protocol/http/alerts'
export type { DeliveryView } from '../../../shared/src/protocol/http/deliveries'
export type { SeriesResponse, SeriesWire } from '../../../shared/src/protocol/http/series'
export type { LatestMetric, RuleView, StationDetail, StationView } from '../../../shared/src/protocol/http/stations'
