/**
 * Station administration (`/api/admin/stations`, admin role): list with credential state, add or
 * edit, remove, and issue new credentials. A new password is shown once in the response and
 * stored only as a hash (it is the station's MQTT password and HJ 212 PW).
 */
import { Router } from 'express'
import { z } from 'zod'
import { ENERGY_BASES, STATION_KINDS, WATER_CLASS_METHODS } from '../../../shared/src/domain/station'
import { checkStation, publicStation, type StationRecord } from '../../../shared/src/domain/station-record'
import type { StationRegistry } from '../../../ingest/src/stations/station-registry'
import { hashSecret, newSecret } from '../../../ingest/src/stations/secret-hash'
import { HttpError, notFound, parse } from './errors'

const factor = z.object({ kgce: z.number(), source: z.string() }).strict().optional()

const stationBody = z.object({
  kind: z.enum(STATION_KINDS),
  nameZh: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(100),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  town: z.string().max(50).default(''),
  townEn: z.string().max(80).optional(),
  approx: z.boolean().default(false),
  intervalSec: z.number().positive().max(86_400),
  standardClass: z.string().max(4).optional(),
  waterBody: z.enum(['river', 'lake']).optional(),
  builtDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  capacityM3d: z.number().positive().optional(),
  waterClassMethod: z.enum(WATER_CLASS_METHODS).optional(),
  quotaTce: z.number().positive().optional(),
  energyBasis: z.enum(ENERGY_BASES).optional(),
  // Shape here; ranges, the basis and the sources in checkStation (standards/energy-factors.ts).
  energyFactors: z.object({ elec_kwh: factor, gas_m3: factor, steam_t: factor, water_m3: factor, coal_t: factor }).strict().optional(),
  keySource: z.boolean().optional(),
  mn: z
    .string()
    .regex(/^[A-Za-z0-9]{1,24}$/)
    .optional(),
  note: z.string().max(2000).optional(),
})

/** Ids of envmon's own MQTT sessions and the default service username (docs/deployment.md, Client ids). */
const RESERVED_ID = /^envmon-/i

/** A station as the audit trail keeps it: the public fields and whether it has credentials. */
function auditedStation(s: StationRecord) {
  return { ...publicStation(s), hasCredentials: Boolean(s.secretHash) }
}

export function adminStationsRouter(registry: StationRegistry): Router {
  const r = Router()
  r.get('/admin/stations', (_req, res) => {
    res.json({ stations: registry.list().map((s) => ({ ...publicStation(s), hasCredentials: Boolean(s.secretHash) })) })
  })
  r.put('/admin/stations/:id', (req, res) => {
    const prev = registry.get(req.params.id)
    // Named before the checks, so that a refused change is found under its action too.
    res.locals.audit = {
      action: prev ? 'station.update' : 'station.create',
      target: req.params.id,
      ...(prev ? { before: auditedStation(prev) } : {}),
    }
    const body = parse(stationBody, req.body)
    // A station's MQTT client id is its id: with mosquitto (one client id namespace) a station
    // named like one of envmon's own sessions (envmon-ingest-0, envmon-notify...) could take it over.
    if (!prev && RESERVED_ID.test(req.params.id))
      throw new HttpError(
        400,
        'validation',
        `station ids starting with "envmon-" are reserved for envmon's own MQTT clients: ${req.params.id}`,
      )
    const rec: StationRecord = { ...body, id: req.params.id, ...(prev?.secretHash ? { secretHash: prev.secretHash } : {}) }
    const err = checkStation(rec)
    if (err) throw new HttpError(400, 'validation', err)
    if (rec.mn) {
      const other = registry.byMn(rec.mn)
      if (other && other.id !== rec.id) throw new HttpError(409, 'mn-taken', `MN ${rec.mn} already belongs to ${other.id}`)
    }
    registry.upsert(rec)
    // Before and after for the audit trail, as the API shows a station: never the secret hash.
    res.locals.audit = {
      action: prev ? 'station.update' : 'station.create',
      target: rec.id,
      ...(prev ? { before: auditedStation(prev) } : {}),
      after: auditedStation(rec),
    }
    res.status(prev ? 200 : 201).json({ ...publicStation(rec), hasCredentials: Boolean(rec.secretHash) })
  })
  r.delete('/admin/stations/:id', (req, res) => {
    const prev = registry.get(req.params.id)
    res.locals.audit = { action: 'station.delete', target: req.params.id, ...(prev ? { before: auditedStation(prev) } : {}) }
    if (!registry.remove(req.params.id)) throw notFound(`no station ${req.params.id}`)
    res.json({ ok: true })
  })
  r.post('/admin/stations/:id/credentials', (req, res) => {
    const s = registry.get(req.params.id)
    res.locals.audit = { action: 'station.credentials', target: req.params.id }
    if (!s) throw notFound(`no station ${req.params.id}`)
    // That credentials were issued, and that earlier ones stopped working; the password never.
    res.locals.audit = {
      action: 'station.credentials',
      target: s.id,
      before: { hasCredentials: Boolean(s.secretHash) },
      after: { hasCredentials: true },
    }
    const password = newSecret()
    registry.upsert({ ...s, secretHash: hashSecret(password) })
    res.setHeader('Cache-Control', 'no-store')
    res.json({
      stationId: s.id,
      username: s.id,
      password,
      note: 'shown once: configure it in the data logger (MQTT password and HJ 212 PW)',
    })
  })
  return r
}
