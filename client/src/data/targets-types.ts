/**
 * Wire shape of `GET /api/targets` and the socket `targets` event: one definition, in
 * shared/src/protocol/http/targets.ts (the server builds it, the client reads it).
 */
export { TARGET_PERIODS, maybeTargetsBody, type TargetMargins, type TargetView, type TargetsBody, type TargetsPeriod } from '../../../shared/src/protocol/http/targets'
