/**
 * The OpenAPI 3.1 description of the HTTP API, served at `/api/openapi.json`. Paths and roles come
 * from the PERMISSIONS table (so the description cannot drift from what is enforced); summaries
 * and parameters are written here.
 */
import { PERMISSIONS, type Permission } from '../auth/roles'

type Json = Record<string, unknown>

const q = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({
  name,
  in: 'query',
  required,
  description,
  schema,
})
const p = (name: string): Json => ({ name, in: 'path', required: true, schema: { type: 'string' } })
const EVERY = { type: 'string', enum: ['raw', '1m', '5m', '1h', '1d'] }
const FN = { type: 'string', enum: ['mean', 'min', 'max', 'last'] }

const VIEW = q(
  'view',
  'reviewed (default): the review marks applied (invalid values left out, corrections in place; CSV column `review` says what applied); raw: as it arrived',
  { type: 'string', enum: ['raw', 'reviewed'] },
)
const PERIOD = {
  stationId: { type: 'string' },
  kind: { type: 'string', enum: ['air', 'water', 'wastewater', 'energy'] },
  day: { type: 'string', description: 'YYYY-MM-DD (CST)' },
  month: { type: 'string', description: 'YYYY-MM (CST)' },
  note: { type: 'string' },
}

/** The data review routes (issue 13; docs/contract.md, "Data review"). */
const REVIEW_DETAILS: Record<string, { summary: string; parameters?: Json[]; body?: Json }> = {
  'GET /review/marks': {
    summary: 'Review marks (withdrawn ones with `withdrawn`) touching a station and range, in order of application',
    parameters: [q('station', 'station id'), q('from', 'ISO 8601 or epoch ms'), q('to', 'ISO 8601 or epoch ms')],
  },
  'POST /review/marks': {
    summary:
      "Mark a station's metrics over [from, to) invalid (reason from the closed list; `other` needs a note) or corrected (value and note). 201 with the mark. 400 future-range, unknown-metric, empty-reason, bad-range, bad-value; 403 outside-remit; 409 signed-off",
    body: {
      type: 'object',
      required: ['stationId', 'metrics', 'from', 'to', 'action'],
      properties: {
        stationId: { type: 'string' },
        metrics: { type: 'array', items: { type: 'string' } },
        from: { type: 'string' },
        to: { type: 'string' },
        action: { type: 'string', enum: ['invalid', 'correct'] },
        reason: {
          type: 'string',
          enum: ['instrument-fault', 'maintenance', 'calibration', 'power-cut', 'abnormal-value', 'flag-correction', 'other'],
        },
        value: { type: 'number' },
        note: { type: 'string' },
      },
    },
  },
  'DELETE /review/marks/:id': {
    summary: 'Withdraw a mark (recorded, the mark stays in the history). 409 already-withdrawn or signed-off',
    body: { type: 'object', properties: { note: { type: 'string' } } },
  },
  'GET /review/signoff': { summary: 'The sign-offs in force' },
  'POST /review/signoff': {
    summary:
      'Sign off a finished day or month of a station or of every station of a kind: locked against marks until reopened. 409 already-signed-off or period-not-over; 403 outside-remit',
    body: { type: 'object', properties: PERIOD },
  },
  'DELETE /review/signoff': {
    summary: 'Reopen a signed-off day or month (recorded). 409 not-signed-off',
    body: { type: 'object', properties: PERIOD },
  },
  'GET /review/queue': {
    summary:
      'What still needs review: station-days not signed off with flagged, invalid or missing data or unreviewed exceedances, newest first',
    parameters: [
      q('from', 'first day YYYY-MM-DD (default 6 days before `to`)'),
      q('to', 'last day YYYY-MM-DD (default yesterday)'),
      q('kind', 'station kind'),
      q('station', 'station id'),
    ],
  },
}

/** An audit record (shared/src/protocol/http/audit.ts). */
const AUDIT_RECORD: Json = {
  type: 'object',
  required: [
    'seq',
    'ts',
    'node',
    'user',
    'role',
    'address',
    'method',
    'route',
    'path',
    'params',
    'status',
    'complete',
    'action',
    'prev',
    'hash',
  ],
  properties: {
    seq: { type: 'integer' },
    ts: { type: 'string', format: 'date-time' },
    node: { type: 'string' },
    user: { type: 'string' },
    role: { type: ['string', 'null'] },
    address: { type: 'string' },
    method: { type: 'string' },
    route: { type: ['string', 'null'] },
    path: { type: 'string' },
    params: { type: 'object' },
    query: { type: 'object' },
    body: {},
    status: { type: 'integer' },
    complete: { type: 'boolean' },
    action: { type: 'string' },
    target: { type: 'string' },
    before: {},
    after: {},
    suppressed: { type: 'integer' },
    prev: { type: 'string' },
    hash: { type: 'string' },
  },
}

const DETAILS: Record<string, { summary: string; parameters?: Json[]; body?: Json; csv?: boolean; response?: Json }> = {
  'GET /health': { summary: 'Component health: broker and store state; 503 when one is down' },
  'POST /auth/login': {
    summary:
      'Log in; sets the session cookie and returns the CSRF token. 429 too-many-attempts with Retry-After after repeated failures (per address, per address and username, per username from any address)',
    body: {
      type: 'object',
      required: ['username', 'password'],
      properties: { username: { type: 'string' }, password: { type: 'string' } },
    },
  },
  'POST /auth/logout': { summary: 'End the session' },
  'GET /auth/me': { summary: 'The current user and CSRF token' },
  'GET /public/aqi': {
    summary:
      'Public: current AQI per air station and the city AQI (no login; cached, ETag, rate-limited per address: 429 with Retry-After)',
  },
  'GET /public/targets': { summary: "Public: the city's targets board, read-only: title, value, goal, status (no login)" },
  'GET /public/stations/:id': {
    summary:
      "Public: one air station: AQI, the six pollutants' latest 1-h values, HJ 633-2012 health effects and advice, the last 24 hours of AQI (no login)",
  },
  'GET /public/daily': {
    summary: "Public: a day's daily AQI, level and primary pollutant per air station and for the city (no login)",
    parameters: [q('day', 'YYYY-MM-DD (CST), a completed day of the last 31 days; default yesterday')],
  },
  'GET /public/water': { summary: "Public: the drinking-water sources' GB 3838-2002 compliance this month (no login)" },
  'GET /stations': { summary: 'The registry with status, latest values and AQI' },
  'GET /stations/:id': { summary: 'One station with latest values, open alerts and applicable rules' },
  'GET /stations/:id/series': {
    summary:
      'History of one station; several metrics; aggregated; CSV with format=csv or Accept: text/csv. More than 7 days or CSV needs the analyst role.',
    parameters: [
      q('metric', 'metric key(s), comma-separated', { type: 'string' }, true),
      q('from', 'ISO 8601 or epoch ms (default to − 24 h)'),
      q('to', 'ISO 8601 or epoch ms (default now)'),
      q('every', 'bucket (default chosen from the range)', EVERY),
      q('fn', 'aggregate', FN),
      q('format', 'json or csv', { type: 'string', enum: ['json', 'csv'] }),
      q('valid', '1: only N/S-flagged values', { type: 'string', enum: ['0', '1'] }),
      q('points', 'raw only: decimate (M4) to about this many points per metric', { type: 'integer', minimum: 16 }),
      VIEW,
    ],
    csv: true,
  },
  'GET /alerts': {
    summary: 'Alerts',
    parameters: [
      q('status', 'state filter', { type: 'string', enum: ['open', 'acknowledged', 'resolved', 'active', 'all'] }),
      q('station', 'station id'),
      q('origin', 'live alerts or historical exceedances (late data; each alert has `historical`, `detectedAt`)', {
        type: 'string',
        enum: ['live', 'historical', 'all'],
      }),
      q('limit', 'max rows', { type: 'integer' }),
    ],
  },
  'GET /alerts/:id': { summary: 'One alert with its delivery status' },
  'POST /alerts/:id/ack': { summary: 'Acknowledge (operator)', body: { type: 'object', properties: { note: { type: 'string' } } } },
  'POST /alerts/:id/resolve': { summary: 'Resolve by hand (operator)', body: { type: 'object', properties: { note: { type: 'string' } } } },
  'GET /targets': {
    summary: "The city's targets for a period",
    parameters: [
      q('period', 'month, quarter, ytd or year', { type: 'string', enum: ['month', 'quarter', 'ytd', 'year'] }),
      q('at', 'reference time (ISO)'),
    ],
  },
  'GET /completeness': {
    summary:
      'Data completeness per station (issue 12): readings expected, received and valid per hour, CST day or month, transmission rate (received ÷ expected) and valid-data rate (valid ÷ expected), worst station first; CSV with format=csv. More than 7 days or CSV needs the analyst role.',
    parameters: [
      q('kind', 'station kind', { type: 'string', enum: ['air', 'water', 'wastewater', 'energy'] }),
      q('town', 'town (zh or en name)'),
      q('station', 'one station (adds per-metric figures to each bucket)'),
      q('from', 'ISO 8601 or epoch ms (default to − 7 days hourly, − 30 days otherwise)'),
      q('to', 'ISO 8601 or epoch ms (default now)'),
      q('every', 'bucket (default 1h)', { type: 'string', enum: ['1h', '1d', '1M'] }),
      q('format', 'json or csv', { type: 'string', enum: ['json', 'csv'] }),
    ],
    csv: true,
  },
  'GET /export': {
    summary: 'Multi-station CSV export (analyst)',
    parameters: [
      q('kind', 'station kind'),
      q('town', 'town name'),
      q('stations', 'comma-separated ids'),
      q('metric', 'metric key(s)'),
      q('from', 'start'),
      q('to', 'end'),
      q('every', 'bucket', EVERY),
      q('fn', 'aggregate', FN),
      VIEW,
    ],
    csv: true,
  },
  ...REVIEW_DETAILS,
  // Administration (admin role). Every state change here is on the audit trail (issue 13).
  'GET /admin/stations': { summary: 'Stations with their credential state (admin)' },
  'PUT /admin/stations/:id': {
    summary: 'Add (201) or edit (200) a station (admin); its credentials are kept',
    body: {
      type: 'object',
      required: ['kind', 'nameZh', 'nameEn', 'lon', 'lat', 'intervalSec'],
      properties: {
        kind: { type: 'string', enum: ['air', 'water', 'wastewater', 'energy'] },
        nameZh: { type: 'string' },
        nameEn: { type: 'string' },
        lon: { type: 'number' },
        lat: { type: 'number' },
        town: { type: 'string' },
        intervalSec: { type: 'number' },
        mn: { type: 'string' },
      },
    },
  },
  'DELETE /admin/stations/:id': { summary: 'Remove a station (admin)' },
  'POST /admin/stations/:id/credentials': {
    summary: "Issue new credentials (admin): the station's MQTT password and HJ 212 PW, shown once, stored hashed",
  },
  'GET /admin/users': { summary: 'Users (admin)' },
  'POST /admin/users': {
    summary: 'Create a user (admin)',
    body: {
      type: 'object',
      required: ['username', 'role', 'password'],
      properties: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', enum: ['viewer', 'operator', 'analyst', 'reviewer', 'admin'] },
        password: { type: 'string' },
      },
    },
  },
  'PATCH /admin/users/:id': {
    summary: "Change a user's name, role, password or disabled state (admin); a role, password or disabled change ends their sessions",
    body: {
      type: 'object',
      properties: { name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, disabled: { type: 'boolean' } },
    },
  },
  'DELETE /admin/users/:id': { summary: 'Delete a user and end their sessions (admin)' },
  'GET /admin/notify/*rest': {
    summary:
      'Notification recipients, groups, policies, deliveries (admin): `/admin/notify/recipients`, `/groups`, `/policies`, `/deliveries/{alertId}`',
  },
  'PUT /admin/notify/recipients/:id': {
    summary: 'Create or replace a notification recipient (admin); an omitted webhook secret keeps the stored one',
    body: { type: 'object', properties: { name: { type: 'string' }, channels: { type: 'array' } } },
  },
  'DELETE /admin/notify/recipients/:id': { summary: 'Remove a recipient (admin); 409 in-use while a group or policy names it' },
  'PUT /admin/notify/groups/:id': { summary: 'Create or replace an escalation group (admin)', body: { type: 'object' } },
  'DELETE /admin/notify/groups/:id': { summary: 'Remove an escalation group (admin)' },
  'PUT /admin/notify/policies/:id': { summary: 'Create or replace an escalation policy (admin)', body: { type: 'object' } },
  'DELETE /admin/notify/policies/:id': { summary: 'Remove an escalation policy (admin)' },
  'GET /admin/rules': {
    summary: 'Rule overrides (admin); with station=ID also the rules that apply to it',
    parameters: [q('station', 'station id')],
  },
  'PUT /admin/rules/:stationId': {
    summary: 'Set the rule overrides of a station, or of all stations with `*` (admin); an empty body removes them',
    body: { type: 'object' },
  },
  'GET /audit': {
    summary:
      'The audit trail of user actions (admin), newest first: every state-changing request with who, when, from which address, what, before and after; CSV with format=csv (every match, no paging)',
    parameters: [
      q('user', 'username (exact, any case)'),
      q('action', 'action (exact), or a prefix ending in . or * (station.*)'),
      q('from', 'ISO 8601 or epoch ms'),
      q('to', 'ISO 8601 or epoch ms (exclusive)'),
      q('offset', 'records to skip', { type: 'integer', minimum: 0 }),
      q('limit', 'records (1-1000, default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
      q('format', 'json or csv', { type: 'string', enum: ['json', 'csv'] }),
    ],
    csv: true,
    response: {
      type: 'object',
      properties: {
        records: { type: 'array', items: AUDIT_RECORD },
        total: { type: 'integer' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
      },
    },
  },
  'GET /audit/verify': { summary: "The audit trail's hash chains checked, per server node (admin)" },
  'GET /reports': {
    summary: 'Stored reports (issue 14), every version, newest first; `superseded` marks older versions',
    parameters: [
      q('kind', 'report kind', { type: 'string', enum: ['daily-air', 'monthly', 'annual', 'targets'] }),
      q('period', 'YYYY-MM-DD, YYYY-MM or YYYY'),
    ],
  },
  'GET /reports/:id': {
    summary:
      'One report, streamed: the JSON document, or the XLSX (analysts) or PDF (leadership) rendering; 503 report-font-missing when the PDF font is absent',
    parameters: [
      q('format', 'json (default), xlsx or pdf', { type: 'string', enum: ['json', 'xlsx', 'pdf'] }),
      q('lang', 'zh (default) or en', { type: 'string', enum: ['zh', 'en'] }),
    ],
  },
  'POST /reports': {
    summary:
      'Generate a report of a past period (analyst): 201 with the new version, or 200 with the stored one when its inputs are unchanged; 400 invalid-period',
    body: {
      type: 'object',
      required: ['kind', 'period'],
      properties: {
        kind: { type: 'string', enum: ['daily-air', 'monthly', 'annual', 'targets'] },
        period: { type: 'string', description: 'YYYY-MM-DD (daily-air, targets), YYYY-MM (monthly, targets) or YYYY (annual, targets)' },
      },
    },
  },
  // envmon as HJ 212 upper computer (issue 12; docs/contract.md "HJ 212 two-way").
  'GET /admin/hj212/commands': {
    summary:
      'HJ 212 command log and gaps (admin), newest first: each command with QN, station, CN, parameters, state (sent, acknowledged, executed, failed, timed-out), result',
    parameters: [q('station', 'one station only'), q('limit', 'rows (1-2000, default 200)', { type: 'integer' })],
  },
  'POST /admin/stations/:id/hj212/history': {
    summary:
      "Request the station's HJ 212 history for a range (admin; at most 7 days, chunked; 202, then see the command log; 409 not-addressable when it has sent no HJ 212 frame since start)",
    body: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
    },
  },
  'POST /admin/stations/:id/hj212/clock': {
    summary:
      "Read the station's data logger clock (CN 1011) and set it (CN 1012) when it is off past HJ212_CLOCK_DRIFT (admin; 202; 409 not-addressable)",
  },
  'GET /stations/:id/hj212': {
    summary: "The station's HJ 212 command state (operator): last 20 commands, gaps, its outstanding command and transport",
  },
  'GET /deadletters': {
    summary: 'Dead letters (admin): exact counts by reason and by station, and the kept samples, newest first',
    parameters: [
      q('limit', 'samples (1-500, default 100)'),
      q('reason', 'samples of this reason only'),
      q('station', 'samples of this station only (_ = none)'),
    ],
  },
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*rest$/, '/{rest}')
}

function operation(perm: Permission): Json {
  const d = DETAILS[`${perm.method} ${perm.path}`]
  const params = [
    ...(perm.path.match(/:([A-Za-z]+)/g) ?? []).map((x) => p(x.slice(1))),
    ...(perm.path.endsWith('*rest') ? [p('rest')] : []),
    ...(d?.parameters ?? []),
  ]
  const op: Json = {
    summary: d?.summary ?? `${perm.method} ${perm.path}`,
    parameters: params,
    'x-roles': perm.access === 'public' ? 'public' : perm.access,
    security: perm.access === 'public' ? [] : [{ session: [] }],
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: d?.response ?? { type: 'object' } },
          ...(d?.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
        },
      },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
      403: { $ref: '#/components/responses/Error' },
      404: { $ref: '#/components/responses/Error' },
    },
  }
  if (d?.body) op.requestBody = { content: { 'application/json': { schema: d.body } } }
  if (perm.method !== 'GET' && perm.access !== 'public')
    op.parameters = [...params, { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }]
  return op
}

/** Build the document. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {}
  for (const perm of PERMISSIONS) {
    const key = `/api${openApiPath(perm.path)}`
    paths[key] = { ...(paths[key] ?? {}), [perm.method.toLowerCase()]: operation(perm) }
  }
  paths['/metrics'] = {
    get: {
      summary: 'Prometheus metrics (loopback, or Bearer METRICS_TOKEN)',
      responses: { 200: { description: 'text/plain; version=0.0.4' } },
    },
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'envmon API',
      version,
      description: 'Real-time environmental monitoring (docs/contract.md). Errors are `{ "error": { "code", "message" } }`.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'envmon_sid' } },
      responses: {
        Error: {
          description: 'Error',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  error: {
                    type: 'object',
                    properties: { code: { type: 'string' }, message: { type: 'string' } },
                    required: ['code', 'message'],
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  }
}
