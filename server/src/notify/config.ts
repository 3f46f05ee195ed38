/**
 * Notification configuration from the environment, validated once at start-up: a bad value fails
 * fast with a message naming the variable and the value. Secrets (SMTP password, webhook secrets
 * referenced by `secretEnv`) come from the environment or the recipients file in the data
 * directory, never from the repository.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `SMTP_URL` | – | `smtp://user:pass@host:587` or `smtps://…:465`; or use the SMTP_HOST group (not both) |
 * | `SMTP_HOST` | – | SMTP server host; e-mail is disabled when neither SMTP_URL nor SMTP_HOST is set |
 * | `SMTP_PORT` | 587 (465 when SMTP_SECURE) | port |
 * | `SMTP_SECURE` | true on port 465 | implicit TLS (`smtps`); otherwise STARTTLS when offered |
 * | `SMTP_REQUIRE_TLS` | false | refuse to send unless STARTTLS succeeds |
 * | `SMTP_TLS_REJECT_UNAUTHORIZED` | true | verify the server certificate |
 * | `SMTP_USER`, `SMTP_PASS` | – | credentials (both or neither) |
 * | `SMTP_FROM` | – | sender, e.g. `"东莞环境监测 <envmon@example.cn>"`; required with SMTP |
 * | `NOTIFY_TIMEOUT_MS` | 10000 | timeout of every send (connect + exchange) |
 * | `NOTIFY_MAX_ATTEMPTS` | 10 | attempts before an item is `failed` |
 * | `NOTIFY_BACKOFF_MS` | 2000 | first retry delay; doubles per attempt |
 * | `NOTIFY_BACKOFF_MAX_MS` | 600000 | retry delay cap |
 * | `NOTIFY_CONCURRENCY` | 4 | sends in flight at once |
 * | `NOTIFY_RETENTION_DAYS` | 30 | finished outbox items kept (dedupe memory, status history) |
 * | `NOTIFY_SECRET_<NAME>` | – | webhook secrets referenced by a channel's `secretEnv` |
 * | `NOTIFY_LATE_DIGEST` | 1 | send subscribers one digest per station per backlog of late data with historical exceedances (a recipient's `lateDigest` overrides) |
 */
import { z } from 'zod'

/** SMTP transport settings. */
export interface SmtpConfig {
  /** Connection URL (instead of host/port/secure/user/pass). */
  url?: string
  host?: string
  port: number
  secure: boolean
  requireTls: boolean
  rejectUnauthorized: boolean
  user?: string
  pass?: string
  from: string
}

/** Everything the notifier reads from the environment. */
export interface NotifyConfig {
  /** Undefined: no SMTP; e-mail deliveries fail permanently with `not-configured`. */
  smtp?: SmtpConfig
  timeoutMs: number
  maxAttempts: number
  backoffBaseMs: number
  backoffMaxMs: number
  concurrency: number
  retentionMs: number
  /** Late-data digests on by default (`NOTIFY_LATE_DIGEST`); a recipient's `lateDigest` overrides. */
  lateDigest: boolean
  /** `NOTIFY_SECRET_*` variables by name. */
  secrets: Record<string, string>
}

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes')
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const schema = z.object({
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/]+/.test(v) && URL.canParse(v), 'expected smtp://[user:pass@]host[:port] or smtps://…')
    .optional(),
  SMTP_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'expected a host name or address')
    .optional(),
  SMTP_PORT: int(1, 65535).optional(),
  SMTP_SECURE: bool.optional(),
  SMTP_REQUIRE_TLS: bool.default(false),
  SMTP_TLS_REJECT_UNAUTHORIZED: bool.default(true),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  NOTIFY_TIMEOUT_MS: int(100, 300_000).default(10_000),
  NOTIFY_MAX_ATTEMPTS: int(1, 100).default(10),
  NOTIFY_BACKOFF_MS: int(10, 3_600_000).default(2000),
  NOTIFY_BACKOFF_MAX_MS: int(10, 86_400_000).default(600_000),
  NOTIFY_CONCURRENCY: int(1, 64).default(4),
  NOTIFY_RETENTION_DAYS: int(1, 3650).default(30),
  NOTIFY_LATE_DIGEST: bool.default(true),
})

const REDACT = new Set(['SMTP_PASS', 'SMTP_URL'])

/**
 * Parse the notification settings of an environment.
 * @example
 * const cfg = notifyConfigFromEnv({ SMTP_HOST: 'smtp.example.cn', SMTP_FROM: 'envmon@example.cn' })
 */
export function notifyConfigFromEnv(env: Record<string, string | undefined>): NotifyConfig {
  const given = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && (k.startsWith('SMTP_') || k.startsWith('NOTIFY_'))),
  )
  const r = schema.safeParse(given)
  const fail = (msg: string): never => {
    throw new Error(`invalid notification configuration: ${msg}`)
  }
  if (!r.success) {
    fail(
      r.error.issues
        .map((i) => {
          const name = String(i.path[0])
          return `${name}=${REDACT.has(name) ? '(hidden)' : JSON.stringify(env[name])}: ${i.message}`
        })
        .join('; '),
    )
  }
  const e = r.data!
  if (e.NOTIFY_BACKOFF_MAX_MS < e.NOTIFY_BACKOFF_MS)
    fail(`NOTIFY_BACKOFF_MAX_MS=${e.NOTIFY_BACKOFF_MAX_MS} is below NOTIFY_BACKOFF_MS=${e.NOTIFY_BACKOFF_MS}`)
  if (e.SMTP_URL && e.SMTP_HOST) fail('set either SMTP_URL or SMTP_HOST, not both')
  if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASS) && !e.SMTP_URL) fail('SMTP_USER and SMTP_PASS go together')
  const secrets: Record<string, string> = {}
  for (const [k, v] of Object.entries(given)) {
    if (!k.startsWith('NOTIFY_SECRET_')) continue
    if (!/^NOTIFY_SECRET_[A-Z0-9_]+$/.test(k)) fail(`${k}: secret names must match NOTIFY_SECRET_[A-Z0-9_]+`)
    secrets[k] = v!
  }
  let smtp: SmtpConfig | undefined
  if (e.SMTP_URL || e.SMTP_HOST) {
    if (!e.SMTP_FROM) fail(`SMTP_FROM is required when ${e.SMTP_URL ? 'SMTP_URL' : 'SMTP_HOST'} is set`)
    const urlSecure = e.SMTP_URL?.startsWith('smtps:')
    const secure = e.SMTP_SECURE ?? urlSecure ?? e.SMTP_PORT === 465
    smtp = {
      url: e.SMTP_URL,
      host: e.SMTP_HOST,
      port: e.SMTP_PORT ?? (secure ? 465 : 587),
      secure,
      requireTls: e.SMTP_REQUIRE_TLS,
      rejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
      user: e.SMTP_USER,
      pass: e.SMTP_PASS,
      from: e.SMTP_FROM!,
    }
  } else {
    const stray = (['SMTP_PORT', 'SMTP_USER', 'SMTP_PASS', 'SMTP_FROM'] as const).filter((k) => e[k] !== undefined)
    if (stray.length) fail(`${stray.join(', ')} set but neither SMTP_URL nor SMTP_HOST`)
  }
  return {
    smtp,
    timeoutMs: e.NOTIFY_TIMEOUT_MS,
    maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
    backoffBaseMs: e.NOTIFY_BACKOFF_MS,
    backoffMaxMs: e.NOTIFY_BACKOFF_MAX_MS,
    concurrency: e.NOTIFY_CONCURRENCY,
    retentionMs: e.NOTIFY_RETENTION_DAYS * 86_400_000,
    lateDigest: e.NOTIFY_LATE_DIGEST,
    secrets,
  }
}
