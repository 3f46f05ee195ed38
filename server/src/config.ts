/**
 * Configuration from the environment, validated once at start-up. A bad value fails fast with a
 * message naming the variable and the value. Secrets come only from the environment (or, for the
 * demo, are generated into the data directory), never from the repository.
 */
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { z } from 'zod'
import { checkOwnership } from '../../shared/src/protocol/cluster/partition'
import { parseTrustProxy } from './http/trust-proxy'
import { notifyConfigFromEnv, type NotifyConfig } from './notify/config'
import { DEFAULT_TARGETS_CONFIG, type TargetsConfig } from './targets/targets-config'

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes')
const port = z.coerce.number().int().min(0).max(65535)
const optional = z.string().min(1).optional()

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optional,
  DATA_DIR: z.string().default('./data'),
  MQTT_URL: optional,
  MQTT_HOST: z.string().default('127.0.0.1'),
  MQTT_PORT: port.default(1883),
  MQTT_AUTH: bool.default(true),
  MQTT_MAX_PACKET_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  SERVICE_MQTT_USERNAME: z.string().default('envmon-service'),
  SERVICE_MQTT_PASSWORD: optional,
  TOPIC_PREFIX: z.string().default('envmon'),
  INGEST_CLIENT_ID: optional,
  INGEST_SHARE_GROUP: optional,
  // Scale-out (docs/deployment.md): the process's role in a cluster and its place in it.
  ROLE: z.enum(['all', 'ingest', 'server']).default('all'),
  INGEST_INDEX: z.coerce.number().int().min(0).default(0),
  INGEST_COUNT: z.coerce.number().int().min(1).default(1),
  PARTITIONS: z.coerce.number().int().min(1).max(1024).default(16),
  SERVER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
    .optional(),
  SERVER_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('envmon-servers'),
  REDIS_URL: optional,
  NOTIFY: bool.optional(),
  ACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  STORE: z.enum(['duckdb', 'influx']).default('duckdb'),
  DUCKDB_PATH: optional,
  // Issue 16: DuckDB ran with no limit (RSS 3.7-4.3 GB during a 1000-station backfill). 256MB: the
  // backfill with the loggers outside the process stays under 1 GB of RSS (1.6 GB at 1GB), and no
  // bench query, targets, completeness or history figure moved (bench/README.md §9).
  DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/, 'a size as DuckDB takes it, e.g. 1GB or 512MiB')
    .default('256MB'),
  INFLUX_URL: optional,
  INFLUX_TOKEN: optional,
  INFLUX_ORG: optional,
  INFLUX_BUCKET: optional,
  REGISTRY_FILE: optional,
  STATION_SECRET: optional,
  SIMULATE: bool.default(true),
  SIM_STATIONS: z.coerce.number().int().min(1).optional(),
  SIM_INTERVAL: z.coerce.number().positive().optional(),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_BACKFILL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 40)
    .default(50),
  SIM_EPISODE_RATE: z.coerce.number().min(0).optional(),
  // The demo's loggers speak HJ 212 over MQTT and answer envmon's commands; SIM_OUTAGE=FOR_S[@AFTER_S] drops their links (issue 12).
  SIM_PROTOCOL: z.enum(['json', 'hj212']).default('json'),
  SIM_OUTAGE: z
    .string()
    .regex(/^\d+(\.\d+)?(@\d+(\.\d+)?)?$/, 'FOR_S[@AFTER_S], e.g. 300@120')
    .refine((v) => Number(v.split('@')[0]) > 0, 'FOR_S must be more than 0')
    .optional(),
  BOUNDARY_FILE: z.string().default('shared/geo/dongguan_wgs84.topo.json'),
  HJ212_PORT: port.default(7212),
  // HJ 212 listener slots and the dead letter's share of its rejects (issue 15; docs/deployment.md).
  HJ212_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  HJ212_MAX_PENDING_PER_ADDRESS: z.coerce.number().int().min(0).default(16),
  HJ212_AUTH_TIMEOUT: z.coerce.number().min(0).max(86_400).default(60),
  HJ212_IDLE_TIMEOUT: z.coerce.number().min(0).max(86_400).default(600),
  HJ212_DEADLETTER_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  HJ212_DEADLETTER_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // envmon as HJ 212 upper computer (issue 12; docs/deployment.md): gap recovery and clock keeping.
  HJ212_RECOVERY: bool.default(true),
  HJ212_COMMAND_TIMEOUT: z.coerce.number().min(0.05).max(3600).default(60),
  HJ212_COMMAND_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  HJ212_COMMAND_BACKOFF: z.coerce.number().min(0).max(3600).default(5),
  HJ212_RECOVERY_MAX_SPAN_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 31)
    .default(6),
  HJ212_RECOVERY_SILENCE_INTERVALS: z.coerce.number().int().min(1).max(10_000).default(3),
  HJ212_RECOVERY_SWEEP: z.coerce.number().min(0).max(86_400).default(300),
  HJ212_CLOCK_DRIFT: z.coerce.number().min(1).max(86_400).default(300),
  INGEST_MEMORY_READINGS: z.coerce.number().int().min(1).default(100_000),
  SPOOL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 ** 3),
  MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(400),
  // The dead letter's directory under DATA_DIR (counts and samples, issue 15): 1 MiB to 16 GiB.
  DEAD_LETTER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024 ** 2)
    .max(16 * 1024 ** 3)
    .default(32 * 1024 ** 2),
  // The audit trail's directory (issue 13; server/src/audit/audit-log.ts); default DATA_DIR/audit.
  AUDIT_DIR: optional,
  CLIENT_DIR: z.string().default('dist/client'),
  ADMIN_USERNAME: optional,
  ADMIN_PASSWORD: optional,
  DEMO_USERS: bool.optional(),
  COOKIE_SECURE: bool.default(false),
  // Reverse proxies whose X-Forwarded-For is believed (server/src/http/trust-proxy.ts); default none.
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: optional,
  PUBLIC_VIEW: bool.default(true),
  // The public release (issue 14; server/src/http/public.ts): data policy, response cache TTL (s), requests per minute per address, requests per second in all.
  PUBLIC_DATA: z.enum(['provisional', 'reviewed']).default('provisional'),
  PUBLIC_CACHE_TTL: z.coerce.number().min(1).max(300).default(15),
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  PUBLIC_MAX_RPS: z.coerce.number().int().min(0).default(300),
  // The public page and /api/public/* also on this port, served by a child process (server/src/public/public-edge.ts); unset = off, 0 = any free port.
  PUBLIC_PORT: port.optional(),
  // Its CPU priority below the main process's (nice, 0-19): under CPU contention the kernel favours the operators.
  PUBLIC_NICE: z.coerce.number().int().min(0).max(19).default(10),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  // Standards rules and the targets board (server/src/targets/targets-config.ts).
  RULES_FILE: optional,
  TARGET_SEWAGE_GENERATED_M3D: z.coerce.number().positive().optional(),
  TARGET_AIR_GOOD_DAYS_PCT: z.coerce.number().min(0).max(100).default(DEFAULT_TARGETS_CONFIG.airGoodDaysPct),
  TARGET_MARGIN_AIR_PCT: z.coerce.number().min(0).default(DEFAULT_TARGETS_CONFIG.margins.air),
  TARGET_MARGIN_SEWAGE_PCT: z.coerce.number().min(0).default(DEFAULT_TARGETS_CONFIG.margins.sewage),
  TARGET_MARGIN_RECLAIMED_PCT: z.coerce.number().min(0).default(DEFAULT_TARGETS_CONFIG.margins.reclaimed),
  TARGET_MARGIN_ENERGY_PCT: z.coerce.number().min(0).max(100).default(DEFAULT_TARGETS_CONFIG.margins.energy),
  TARGET_VALID_DATA_PCT: z.coerce.number().min(0).max(100).default(DEFAULT_TARGETS_CONFIG.validDataPct),
  TARGET_MARGIN_VALID_DATA_PCT: z.coerce
    .number()
    .min(0)
    .default(DEFAULT_TARGETS_CONFIG.margins.validData ?? 2),
  TARGETS_REFRESH_SEC: z.coerce
    .number()
    .min(1)
    .default(DEFAULT_TARGETS_CONFIG.refreshMs / 1000),
  // Hours close on the clock: grace after an hour's end for its late minutes (shared/src/rules/standards-evaluator.ts).
  HOUR_CLOSE_DELAY: z.coerce.number().int().min(0).max(3599).default(300),
  // Late data and backlogs (issue 10; docs/standards.md "Late data and backlogs").
  LATE_DATA_AFTER: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .optional(),
  LATE_DATA_QUIET: z.coerce.number().int().min(1).max(3600).default(30),
  // Reports (issue 14; docs/reports.md): the schedule, the PDF's CJK font, catch-up and mail size.
  REPORTS_SCHEDULE: bool.default(true),
  REPORT_FONT: z.string().default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  REPORT_FONT_FAMILY: optional,
  REPORTS_CATCHUP_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  REPORT_MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 1024 ** 2),
})

export type Env = z.infer<typeof schema>

export interface Config {
  /** `trustProxy`: TRUST_PROXY's addresses, CIDRs and names; empty = the socket address is the client's. */
  http: { port: number; host: string; publicUrl?: string; clientDir: string; boundaryFile: string; trustProxy: string[] }
  dataDir: string
  mqtt: {
    /** External broker URL; undefined = run the embedded aedes broker. */
    url?: string
    host: string
    port: number
    auth: boolean
    maxPacketBytes: number
    serviceUsername: string
    servicePassword?: string
    topicPrefix: string
    ingestClientId: string
    shareGroup?: string
  }
  /** The process's role (ROLE) and, in a cluster, its place: see docs/deployment.md. */
  cluster: {
    role: 'all' | 'ingest' | 'server'
    /** Ingest nodes: this node's index, the number of ingest nodes, and the partitions their rules are split into. */
    ingestIndex: number
    ingestCount: number
    partitions: number
    /** Server nodes: a unique id (client ids, reply topic), their shared-subscription group, Redis. */
    serverId: string
    serverShareGroup: string
    redisUrl?: string
    /** Whether this node sends notifications (exactly one node of a cluster should). */
    notify: boolean
    /** How long a server waits for the rules owner to apply an acknowledge or resolve. */
    actionTimeoutMs: number
  }
  store: { kind: 'duckdb'; path: string; memoryLimit: string } | { kind: 'influx'; url: string; token: string; org: string; bucket: string }
  registryFile: string
  stationSecret?: string
  simulator: {
    enabled: boolean
    stations?: number
    intervalSec?: number
    seed: number
    backfillHours: number
    episodeRate?: number
    protocol: 'json' | 'hj212'
    outage?: { forSec: number; afterSec: number }
  }
  hj212Port: number
  /**
   * HJ 212 listener limits: connections in all, unauthenticated ones per address (0 = no cap), the
   * deadline for the first authenticated frame and the idle timeout (ms, 0 = none), and how many
   * rejects not from an authenticated logger reach the dead letter per minute (per address, in all).
   */
  hj212Limits: {
    maxConnections: number
    maxPendingPerAddress: number
    authTimeoutMs: number
    idleTimeoutMs: number
    rejectsPerAddressPerMinute: number
    rejectsPerMinute: number
  }
  /**
   * envmon as HJ 212 upper computer (issue 12): automatic gap recovery and clock keeping on or off,
   * each command's answer timeout, retries and first back-off (ms), the longest history span per
   * request, the silence (in intervals) that makes a gap, the closed-hour sweep period (0 off), and
   * the clock drift past which a logger's clock is set.
   */
  hj212Recovery: {
    auto: boolean
    timeoutMs: number
    retries: number
    backoffMs: number
    maxSpanMs: number
    silenceIntervals: number
    sweepEveryMs: number
    clockThresholdMs: number
  }
  /** Readings buffered in memory before spilling to replay-from-spool; spool bytes before back-pressure. */
  ingestBuffer: { memoryReadings: number; spoolMaxBytes: number }
  maxPayloadBytes: number
  retentionDays: number
  /** The audit trail's files (AUDIT_DIR, default DATA_DIR/audit): one set per server node, shareable by the nodes of a cluster. */
  auditDir: string
  /** Bound of DATA_DIR/dead-letter in bytes. */
  deadLetterMaxBytes: number
  notify: NotifyConfig
  auth: {
    adminUsername?: string
    adminPassword?: string
    demoUsers: boolean
    cookieSecure: boolean
    metricsToken?: string
    publicView: boolean
  }
  /** The public release (PUBLIC_DATA, PUBLIC_CACHE_TTL, PUBLIC_RATE_LIMIT, PUBLIC_MAX_RPS); on only with `auth.publicView`. */
  publicRelease: {
    data: 'provisional' | 'reviewed'
    cacheTtlMs: number
    ratePerMinute: number
    totalPerSecond: number
    /** PUBLIC_PORT: the public edge's own port (a child process); undefined = off. */
    port?: number
    /** PUBLIC_NICE: the edge's nice value. */
    nice: number
  }
  /** Per-station standards rule overrides (shared/src/rules/standard-overrides.ts); missing file = none. */
  rulesFile: string
  /** Seconds after an hour's end before its 1-h means and hourly AQI are computed (HOUR_CLOSE_DELAY). */
  hourCloseDelaySec: number
  targets: TargetsConfig
  /** Data older than `afterMs` when processed is late; a backlog ends after `quietMs` without late data (issue 10). */
  lateData: { afterMs: number; quietMs: number }
  logLevel: Env['LOG_LEVEL']
  /** Reports (issue 14): scheduled generation, the PDF font, daily catch-up depth, attachment cap. */
  reports: { schedule: boolean; font: { path: string; family?: string }; catchUpDays: number; mailMaxBytes: number }
}

/** The slices of the configuration each stack takes (issue 11): a stack sees only what it reads. */
export type MqttConfig = Config['mqtt']
export type IngestConfig = Pick<
  Config,
  | 'dataDir'
  | 'mqtt'
  | 'hj212Port'
  | 'hj212Limits'
  | 'hj212Recovery'
  | 'ingestBuffer'
  | 'maxPayloadBytes'
  | 'retentionDays'
  | 'deadLetterMaxBytes'
>
export type RulesConfig = Pick<Config, 'dataDir' | 'rulesFile' | 'hourCloseDelaySec' | 'lateData'>
export type WebConfig = Pick<Config, 'http' | 'auth' | 'rulesFile' | 'publicRelease'>
/** The demo plug-in's settings: the simulator's and the topic prefix it publishes under. */
export type DemoConfig = Config['simulator'] & { topicPrefix: string }

/**
 * Parse and validate the environment.
 * @example
 * const config = loadConfig({ PORT: '0', DATA_DIR: '/tmp/x', SIMULATE: '0' })
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const r = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')))
  if (!r.success) {
    const msgs = r.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`)
    throw new Error(`invalid configuration: ${msgs.join('; ')}`)
  }
  const e = r.data
  // An hour closed by the clock is HOUR_CLOSE_DELAY old: with a smaller lag every hourly mean would count as late data.
  const lateAfter = e.LATE_DATA_AFTER ?? Math.max(600, e.HOUR_CLOSE_DELAY + 300)
  if (lateAfter <= e.HOUR_CLOSE_DELAY)
    throw new Error(
      `invalid configuration: LATE_DATA_AFTER=${lateAfter} must exceed HOUR_CLOSE_DELAY=${e.HOUR_CLOSE_DELAY} (an hour closed by the clock would count as late data)`,
    )
  const dataDir = resolve(e.DATA_DIR)
  let trustProxy: string[]
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY)
  } catch (err) {
    throw new Error(`invalid configuration: TRUST_PROXY=${JSON.stringify(e.TRUST_PROXY)}: ${(err as Error).message}`, { cause: err })
  }
  let store: Config['store']
  if (e.STORE === 'influx') {
    const missing = (['INFLUX_URL', 'INFLUX_TOKEN', 'INFLUX_ORG', 'INFLUX_BUCKET'] as const).filter((k) => !e[k])
    if (missing.length) throw new Error(`invalid configuration: STORE=influx needs ${missing.join(', ')}`)
    store = { kind: 'influx', url: e.INFLUX_URL!, token: e.INFLUX_TOKEN!, org: e.INFLUX_ORG!, bucket: e.INFLUX_BUCKET! }
  } else {
    store = { kind: 'duckdb', path: resolve(e.DUCKDB_PATH ?? `${dataDir}/envmon.duckdb`), memoryLimit: e.DUCKDB_MEMORY_LIMIT }
  }
  if (e.ROLE !== 'all') {
    // Cluster nodes share the broker and the store: the embedded broker and DuckDB (one file, one process) cannot be shared.
    if (!e.MQTT_URL) throw new Error(`invalid configuration: ROLE=${e.ROLE} needs MQTT_URL (an external broker shared by the cluster)`)
    if (e.STORE !== 'influx')
      throw new Error(`invalid configuration: ROLE=${e.ROLE} needs STORE=influx (DuckDB is one file per process and cannot be shared)`)
    if (!e.SERVICE_MQTT_PASSWORD) throw new Error(`invalid configuration: ROLE=${e.ROLE} needs SERVICE_MQTT_PASSWORD`)
  }
  if (e.ROLE === 'ingest') {
    try {
      checkOwnership({ partitions: e.PARTITIONS, index: e.INGEST_INDEX, count: e.INGEST_COUNT })
    } catch (err) {
      throw new Error(`invalid configuration: ${(err as Error).message}`, { cause: err })
    }
  }
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL,
      clientDir: resolve(e.CLIENT_DIR),
      boundaryFile: resolve(e.BOUNDARY_FILE),
      trustProxy,
    },
    dataDir,
    mqtt: {
      url: e.MQTT_URL,
      host: e.MQTT_HOST,
      port: e.MQTT_PORT,
      auth: e.MQTT_AUTH,
      maxPacketBytes: e.MQTT_MAX_PACKET_BYTES,
      serviceUsername: e.SERVICE_MQTT_USERNAME,
      servicePassword: e.SERVICE_MQTT_PASSWORD,
      topicPrefix: e.TOPIC_PREFIX,
      ingestClientId: e.INGEST_CLIENT_ID ?? (e.ROLE === 'ingest' ? `envmon-ingest-${e.INGEST_INDEX}` : 'envmon-ingest'),
      shareGroup: e.INGEST_SHARE_GROUP ?? (e.ROLE === 'ingest' ? 'envmon-ingest' : undefined),
    },
    cluster: {
      role: e.ROLE,
      ingestIndex: e.INGEST_INDEX,
      ingestCount: e.INGEST_COUNT,
      partitions: e.PARTITIONS,
      serverId:
        e.SERVER_ID ??
        `${hostname()
          .replace(/[^A-Za-z0-9_.-]/g, '-')
          .slice(0, 40)}-${process.pid}`,
      serverShareGroup: e.SERVER_SHARE_GROUP,
      redisUrl: e.REDIS_URL,
      notify: e.NOTIFY ?? e.ROLE === 'all',
      actionTimeoutMs: e.ACTION_TIMEOUT_MS,
    },
    store,
    registryFile: resolve(e.REGISTRY_FILE ?? `${dataDir}/stations.json`),
    stationSecret: e.STATION_SECRET,
    simulator: {
      enabled: e.SIMULATE,
      stations: e.SIM_STATIONS,
      intervalSec: e.SIM_INTERVAL,
      seed: e.SIM_SEED,
      backfillHours: e.SIM_BACKFILL_HOURS,
      episodeRate: e.SIM_EPISODE_RATE,
      protocol: e.SIM_PROTOCOL,
      ...(e.SIM_OUTAGE
        ? { outage: { forSec: Number(e.SIM_OUTAGE.split('@')[0]), afterSec: Number(e.SIM_OUTAGE.split('@')[1] ?? 60) } }
        : {}),
    },
    hj212Port: e.HJ212_PORT,
    hj212Limits: {
      maxConnections: e.HJ212_MAX_CONNECTIONS,
      maxPendingPerAddress: e.HJ212_MAX_PENDING_PER_ADDRESS,
      authTimeoutMs: Math.round(e.HJ212_AUTH_TIMEOUT * 1000),
      idleTimeoutMs: Math.round(e.HJ212_IDLE_TIMEOUT * 1000),
      rejectsPerAddressPerMinute: e.HJ212_DEADLETTER_PER_ADDRESS,
      rejectsPerMinute: e.HJ212_DEADLETTER_PER_MINUTE,
    },
    hj212Recovery: {
      auto: e.HJ212_RECOVERY,
      timeoutMs: Math.round(e.HJ212_COMMAND_TIMEOUT * 1000),
      retries: e.HJ212_COMMAND_RETRIES,
      backoffMs: Math.round(e.HJ212_COMMAND_BACKOFF * 1000),
      maxSpanMs: Math.round(e.HJ212_RECOVERY_MAX_SPAN_HOURS * 3_600_000),
      silenceIntervals: e.HJ212_RECOVERY_SILENCE_INTERVALS,
      sweepEveryMs: Math.round(e.HJ212_RECOVERY_SWEEP * 1000),
      clockThresholdMs: Math.round(e.HJ212_CLOCK_DRIFT * 1000),
    },
    ingestBuffer: { memoryReadings: e.INGEST_MEMORY_READINGS, spoolMaxBytes: e.SPOOL_MAX_BYTES },
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    retentionDays: e.RETENTION_DAYS,
    auditDir: resolve(e.AUDIT_DIR ?? `${dataDir}/audit`),
    deadLetterMaxBytes: e.DEAD_LETTER_MAX_BYTES,
    notify: notifyConfigFromEnv(env),
    auth: {
      adminUsername: e.ADMIN_USERNAME,
      adminPassword: e.ADMIN_PASSWORD,
      // Cluster nodes never run the simulator: no demo users unless asked for.
      demoUsers: e.DEMO_USERS ?? (e.ROLE === 'all' && e.SIMULATE),
      cookieSecure: e.COOKIE_SECURE,
      metricsToken: e.METRICS_TOKEN,
      publicView: e.PUBLIC_VIEW,
    },
    publicRelease: {
      data: e.PUBLIC_DATA,
      cacheTtlMs: e.PUBLIC_CACHE_TTL * 1000,
      ratePerMinute: e.PUBLIC_RATE_LIMIT,
      totalPerSecond: e.PUBLIC_MAX_RPS,
      ...(e.PUBLIC_PORT === undefined ? {} : { port: e.PUBLIC_PORT }),
      nice: e.PUBLIC_NICE,
    },
    rulesFile: resolve(e.RULES_FILE ?? `${dataDir}/rules.json`),
    hourCloseDelaySec: e.HOUR_CLOSE_DELAY,
    targets: {
      sewageGeneratedM3d: e.TARGET_SEWAGE_GENERATED_M3D,
      airGoodDaysPct: e.TARGET_AIR_GOOD_DAYS_PCT,
      validDataPct: e.TARGET_VALID_DATA_PCT,
      margins: {
        air: e.TARGET_MARGIN_AIR_PCT,
        sewage: e.TARGET_MARGIN_SEWAGE_PCT,
        reclaimed: e.TARGET_MARGIN_RECLAIMED_PCT,
        energy: e.TARGET_MARGIN_ENERGY_PCT,
        validData: e.TARGET_MARGIN_VALID_DATA_PCT,
      },
      refreshMs: e.TARGETS_REFRESH_SEC * 1000,
    },
    lateData: { afterMs: lateAfter * 1000, quietMs: e.LATE_DATA_QUIET * 1000 },
    logLevel: e.LOG_LEVEL,
    reports: {
      schedule: e.REPORTS_SCHEDULE,
      font: { path: resolve(e.REPORT_FONT), family: e.REPORT_FONT_FAMILY },
      catchUpDays: e.REPORTS_CATCHUP_DAYS,
      mailMaxBytes: e.REPORT_MAIL_MAX_BYTES,
    },
  }
}
