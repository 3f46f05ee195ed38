/**
 * The OpenAPI 3.1 description of the HTTP API, served at `/api/openapi.json`. Paths and roles come
 * from the PERMISSIONS table (so the description cannot drift from what is enforced); summaries
 * and parameters are written here.
 */
import { PERMISSIONS, type Permission } from '../auth/roles'

type Json = Record<string, unknown>

const q = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({ name, in: 'query', required, description, schema })
const p = (name: string): Json => ({ name, in: 'path', required: true, schema: { type: 'string' } })
const EVERY = { type: 'string', enum: ['raw', '1m', '5m', '1h', '1d'] }
const FN = { type: 'string', enum: ['mean', 'min', 'max', 'last'] }

const DETAILS: Record<string, { summary: string; parameters?: Json[]; body?: Json; csv?: boolean }> = {
  'GET /health': { summary: 'Component health: broker and store state; 503 when one is down' },
  'POST /auth/login': { summary: 'Log in; sets the session cookie and returns the CSRF token. 429 too-many-attempts with Retry-After after repeated failures (per address, per address and username, per username from any address)', body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } },
  'POST /auth/logout': { summary: 'End the session' },
  'GET /auth/me': { summary: 'The current user and CSRF token' },
  'GET /public/aqi': { summary: 'Public: current AQI per air station (no login)' },
  'GET /public/targets': { summary: "Public: the city's targets board (no login)" },
  'GET /stations': { summary: 'The registry with status, latest values and AQI' },
  'GET /stations/:id': { summary: 'One station with latest values, open alerts and applicable rules' },
  'GET /stations/:id/series': {
    summary: 'History of one station; several metrics; aggregated; CSV with format=csv or Accept: text/csv. More than 7 days or CSV needs the analyst role.',
    parameters: [q('metric', 'metric key(s), comma-separated', { type: 'string' }, true), q('from', 'ISO 8601 or epoch ms (default to − 24 h)'), q('to', 'ISO 8601 or epoch ms (default now)'), q('every', 'bucket (default chosen from the range)', EVERY), q('fn', 'aggregate', FN), q('format', 'json or csv', { type: 'string', enum: ['json', 'csv'] }), q('valid', '1: only N/S-flagged values', { type: 'string', enum: ['0', '1'] }), q('points', 'raw only: decimate (M4) to about this many points per metric', { type: 'integer', minimum: 16 })],
    csv: true,
  },
  'GET /alerts': { summary: 'Alerts', parameters: [q('status', 'state filter', { type: 'string', enum: ['open', 'acknowledged', 'resolved', 'active', 'all'] }), q('station', 'station id'), q('origin', 'live alerts or historical exceedances (late data; each alert has `historical`, `detectedAt`)', { type: 'string', enum: ['live', 'historical', 'all'] }), q('limit', 'max rows', { type: 'integer' })] },
  'GET /alerts/:id': { summary: 'One alert with its delivery status' },
  'POST /alerts/:id/ack': { summary: 'Acknowledge (operator)', body: { type: 'object', properties: { note: { type: 'string' } } } },
  'POST /alerts/:id/resolve': { summary: 'Resolve by hand (operator)', body: { type: 'object', properties: { note: { type: 'string' } } } },
  'GET /targets': { summary: "The city's targets for a period", parameters: [q('period', 'month, quarter, ytd or year', { type: 'string', enum: ['month', 'quarter', 'ytd', 'year'] }), q('at', 'reference time (ISO)')] },
  'GET /export': { summary: 'Multi-station CSV export (analyst)', parameters: [q('kind', 'station kind'), q('town', 'town name'), q('stations', 'comma-separated ids'), q('metric', 'metric key(s)'), q('from', 'start'), q('to', 'end'), q('every', 'bucket', EVERY), q('fn', 'aggregate', FN)], csv: true },
  // envmon as HJ 212 upper computer (issue 12; docs/contract.md "HJ 212 two-way").
  'GET /admin/hj212/commands': { summary: 'HJ 212 command log and gaps (admin), newest first: each command with QN, station, CN, parameters, state (sent, acknowledged, executed, failed, timed-out), result', parameters: [q('station', 'one station only'), q('limit', 'rows (1-2000, default 200)', { type: 'integer' })] },
  'POST /admin/stations/:id/hj212/history': { summary: "Request the station's HJ 212 history for a range (admin; at most 7 days, chunked; 202, then see the command log; 409 not-addressable when it has sent no HJ 212 frame since start)", body: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } } },
  'POST /admin/stations/:id/hj212/clock': { summary: "Read the station's data logger clock (CN 1011) and set it (CN 1012) when it is off past HJ212_CLOCK_DRIFT (admin; 202; 409 not-addressable)" },
  'GET /stations/:id/hj212': { summary: "The station's HJ 212 command state (operator): last 20 commands, gaps, its outstanding command and transport" },
  'GET /deadletters': { summary: 'Dead letters (admin): exact counts by reason and by station, and the kept samples, newest first', parameters: [q('limit', 'samples (1-500, default 100)'), q('reason', 'samples of this reason only'), q('station', 'samples of this station only (_ = none)')] },
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*rest$/, '/{rest}')
}

function operation(perm: Permission): Json {
  const d = DETAILS[`${perm.method} ${perm.path}`]
  const params = [...(perm.path.match(/:([A-Za-z]+)/g) ?? []).map((x) => p(x.slice(1))), ...(perm.path.endsWith('*rest') ? [p('rest')] : []), ...(d?.parameters ?? [])]
  const op: Json = {
    summary: d?.summary ?? `${perm.method} ${perm.path}`,
    parameters: params,
    'x-roles': perm.access === 'public' ? 'public' : perm.access,
    security: perm.access === 'public' ? [] : [{ session: [] }],
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } }, ...(d?.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) } },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
      403: { $ref: '#/components/responses/Error' },
      404: { $ref: '#/components/responses/Error' },
    },
  }
  if (d?.body) op.requestBody = { content: { 'application/json': { schema: d.body } } }
  if (perm.method !== 'GET' && perm.access !== 'public') op.parameters = [...params, { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }]
  return op
}

/** Build the document. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {}
  for (const perm of PERMISSIONS) {
    const key = `/api${openApiPath(perm.path)}`
    paths[key] = { ...(paths[key] ?? {}), [perm.method.toLowerCase()]: operation(perm) }
  }
  paths['/metrics'] = { get: { summary: 'Prometheus metrics (loopback, or Bearer METRICS_TOKEN)', responses: { 200: { description: 'text/plain; version=0.0.4' } } } }
  return {
    openapi: '3.1.0',
    info: { title: 'envmon API', version, description: 'Real-time environmental monitoring (docs/contract.md). Errors are `{ "error": { "code", "message" } }`.' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'envmon_sid' } },
      responses: { Error: { description: 'Error', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } } } } } } },
    },
    paths,
  }
}
