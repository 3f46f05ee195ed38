/**
 * The notification admin API, an express Router meant for `/api/admin/notify` behind the admin
 * role (the mounting code applies role checks; this router has none). Bodies are validated with
 * the same zod schemas as the recipients file; errors use the contract shape
 * `{ "error": { "code", "message" } }`. Webhook secrets are write-only: responses show `hasSecret`.
 *
 * | method and path | what |
 * |---|---|
 * | `GET /` | `{ recipients, groups, policies }` |
 * | `GET /recipients`, `GET /recipients/:id` | recipients |
 * | `PUT /recipients/:id` | create (201) or replace (200); an omitted webhook `secret` keeps the stored one |
 * | `DELETE /recipients/:id` | 204; 409 `in-use` while a group or policy names it |
 * | `GET /groups`, `PUT /groups/:id`, `DELETE /groups/:id` | escalation groups |
 * | `GET /policies`, `PUT /policies/:id`, `DELETE /policies/:id` | escalation policies (first match wins) |
 * | `GET /deliveries/:alertId` | `{ deliveries }`: delivery status of an alert's notices |
 */
import express, { type ErrorRequestHandler, type Response, type Router } from 'express'
import type { z } from 'zod'
import { HttpError } from '../http/errors'
import { jsonBody } from '../http/json-body'
import { groupInputSchema, idSchema, policyInputSchema, recipientInputSchema } from './model'
import type { DeliveryStatus } from './status'
import { formatIssues, redactRecipient, type EditResult, type RecipientStore } from './recipients'

export interface NotifyRouterDeps {
  store: RecipientStore
  statusFor(alertId: string): DeliveryStatus[]
  log?: (msg: string) => void
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input)
  if (!r.success) throw new ApiError(400, 'validation', `invalid request: ${formatIssues(r.error.issues)}`)
  return r.data
}

function pathId(raw: string, body: unknown): string {
  const id = parse(idSchema, raw)
  const inBody = (body as { id?: unknown } | undefined)?.id
  if (inBody !== undefined && inBody !== id)
    throw new ApiError(400, 'validation', `invalid request: id: ${String(inBody)} differs from the path id ${id}`)
  return id
}

const STATUS: Record<Exclude<EditResult<unknown>, { ok: true }>['code'], number> = {
  'not-found': 404,
  'in-use': 409,
  'unknown-reference': 400,
}

function reply<T>(res: Response, r: EditResult<T>, ok: (v: T) => void): void {
  if (r.ok) ok(r.value)
  else res.status(STATUS[r.code]).json({ error: { code: r.code, message: r.message } })
}

/** Tell the audit trail (server/src/audit) what changed; webhook secrets are already redacted by redactRecipient. */
function audit(res: Response, action: string, target: string, before: unknown, after?: unknown): void {
  res.locals.audit = { action, target, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }
}

/**
 * The admin router.
 * @example app.use('/api/admin/notify', requireRole('admin'), notifier.router)
 */
export function notifyAdminRouter(d: NotifyRouterDeps): Router {
  const r = express.Router()
  const { store } = d
  r.use(jsonBody({ limit: '256kb' }))

  r.get('/', (_req, res) => {
    res.json({ recipients: store.recipients().map(redactRecipient), groups: store.groups(), policies: store.policies() })
  })

  r.get('/recipients', (_req, res) => {
    res.json({ recipients: store.recipients().map(redactRecipient) })
  })
  r.get('/recipients/:id', (req, res) => {
    const x = store.recipient(req.params.id)
    if (!x) throw new ApiError(404, 'not-found', `no recipient ${req.params.id}`)
    res.json({ recipient: redactRecipient(x) })
  })
  r.put('/recipients/:id', (req, res) => {
    const id = pathId(req.params.id, req.body)
    const old = store.recipient(id)
    audit(res, 'notify.recipient.put', id, old && redactRecipient(old))
    reply(res, store.putRecipient(id, parse(recipientInputSchema, req.body)), (v) => {
      audit(res, 'notify.recipient.put', id, old && redactRecipient(old), redactRecipient(v))
      res.status(old ? 200 : 201).json({ recipient: redactRecipient(v) })
    })
  })
  r.delete('/recipients/:id', (req, res) => {
    const old = store.recipient(req.params.id)
    audit(res, 'notify.recipient.delete', req.params.id, old && redactRecipient(old))
    reply(res, store.removeRecipient(req.params.id), () => res.status(204).end())
  })

  r.get('/groups', (_req, res) => {
    res.json({ groups: store.groups() })
  })
  r.put('/groups/:id', (req, res) => {
    const id = pathId(req.params.id, req.body)
    const old = store.groups().find((g) => g.id === id)
    audit(res, 'notify.group.put', id, old)
    const { id: _i, ...g } = parse(groupInputSchema, req.body)
    reply(res, store.putGroup({ ...g, id }), (v) => {
      audit(res, 'notify.group.put', id, old, v)
      res.status(old ? 200 : 201).json({ group: v })
    })
  })
  r.delete('/groups/:id', (req, res) => {
    audit(
      res,
      'notify.group.delete',
      req.params.id,
      store.groups().find((g) => g.id === req.params.id),
    )
    reply(res, store.removeGroup(req.params.id), () => res.status(204).end())
  })

  r.get('/policies', (_req, res) => {
    res.json({ policies: store.policies() })
  })
  r.put('/policies/:id', (req, res) => {
    const id = pathId(req.params.id, req.body)
    const old = store.policy(id)
    audit(res, 'notify.policy.put', id, old)
    const { id: _i, ...p } = parse(policyInputSchema, req.body)
    reply(res, store.putPolicy({ ...p, id }), (v) => {
      audit(res, 'notify.policy.put', id, old, v)
      res.status(old ? 200 : 201).json({ policy: v })
    })
  })
  r.delete('/policies/:id', (req, res) => {
    audit(res, 'notify.policy.delete', req.params.id, store.policy(req.params.id))
    reply(res, store.removePolicy(req.params.id), () => res.status(204).end())
  })

  r.get('/deliveries/:alertId', (req, res) => {
    res.json({ deliveries: d.statusFor(req.params.alertId) })
  })

  r.use((req, res) => {
    res.status(404).json({ error: { code: 'not-found', message: `no route ${req.method} ${req.baseUrl}${req.path}` } })
  })
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (res.headersSent) return void res.destroy()
    if (err instanceof ApiError) return void res.status(err.status).json({ error: { code: err.code, message: err.message } })
    const e = err as { type?: string; message?: string }
    if (e.type === 'entity.parse.failed')
      return void res.status(400).json({ error: { code: 'invalid-json', message: 'request body is not valid JSON' } })
    if (err instanceof HttpError) return void res.status(err.status).json({ error: { code: err.code, message: err.message } })
    if (e.type === 'entity.too.large') return void res.status(413).json({ error: { code: 'too-large', message: 'request body too large' } })
    d.log?.(`notify admin: ${e.message ?? String(err)}`)
    res.status(500).json({ error: { code: 'internal', message: 'internal server error' } })
  }
  r.use(onError)
  return r
}
