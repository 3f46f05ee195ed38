import { describe, expect, it } from 'vitest'
import { notifyConfigFromEnv } from './config'

describe('notifyConfigFromEnv', () => {
  it('defaults: no SMTP, sane retry settings', () => {
    expect(notifyConfigFromEnv({})).toEqual({
      smtp: undefined,
      timeoutMs: 10_000,
      maxAttempts: 10,
      backoffBaseMs: 2000,
      backoffMaxMs: 600_000,
      concurrency: 4,
      retentionMs: 30 * 86_400_000,
      lateDigest: true,
      secrets: {},
    })
  })

  it('NOTIFY_LATE_DIGEST=0 turns late-data digests off by default', () => {
    expect(notifyConfigFromEnv({ NOTIFY_LATE_DIGEST: '0' }).lateDigest).toBe(false)
    expect(() => notifyConfigFromEnv({ NOTIFY_LATE_DIGEST: 'sometimes' })).toThrow(/NOTIFY_LATE_DIGEST="sometimes"/)
  })

  it('SMTP from host variables; port 465 means implicit TLS', () => {
    const c = notifyConfigFromEnv({
      SMTP_HOST: 'smtp.example.cn',
      SMTP_PORT: '465',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      SMTP_FROM: 'envmon@example.cn',
    })
    expect(c.smtp).toEqual({
      url: undefined,
      host: 'smtp.example.cn',
      port: 465,
      secure: true,
      requireTls: false,
      rejectUnauthorized: true,
      user: 'u',
      pass: 'p',
      from: 'envmon@example.cn',
    })
  })

  it('SMTP from a URL', () => {
    expect(notifyConfigFromEnv({ SMTP_URL: 'smtps://u:p@smtp.example.cn', SMTP_FROM: 'a@b.cn' }).smtp).toMatchObject({
      url: 'smtps://u:p@smtp.example.cn',
      secure: true,
    })
  })

  it('collects NOTIFY_SECRET_* variables', () => {
    expect(notifyConfigFromEnv({ NOTIFY_SECRET_OPS: 's1', PATH: '/bin' }).secrets).toEqual({ NOTIFY_SECRET_OPS: 's1' })
  })

  it.each([
    [{ NOTIFY_TIMEOUT_MS: 'soon' }, /NOTIFY_TIMEOUT_MS="soon"/],
    [{ NOTIFY_MAX_ATTEMPTS: '0' }, /NOTIFY_MAX_ATTEMPTS="0"/],
    [{ SMTP_PORT: '70000', SMTP_HOST: 'h', SMTP_FROM: 'a@b' }, /SMTP_PORT="70000"/],
    [{ SMTP_HOST: 'smtp.example.cn' }, /SMTP_FROM is required when SMTP_HOST/],
    [{ SMTP_URL: 'http://x', SMTP_FROM: 'a@b' }, /SMTP_URL=\(hidden\)/],
    [{ SMTP_URL: 'smtp://x', SMTP_HOST: 'y', SMTP_FROM: 'a@b' }, /either SMTP_URL or SMTP_HOST/],
    [{ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_FROM: 'a@b' }, /SMTP_USER and SMTP_PASS go together/],
    [{ SMTP_FROM: 'a@b' }, /SMTP_FROM set but neither/],
    [{ NOTIFY_BACKOFF_MS: '5000', NOTIFY_BACKOFF_MAX_MS: '1000' }, /NOTIFY_BACKOFF_MAX_MS=1000 is below/],
    [{ SMTP_TLS_REJECT_UNAUTHORIZED: 'maybe' }, /SMTP_TLS_REJECT_UNAUTHORIZED="maybe"/],
    [{ NOTIFY_SECRET_ops: 'x' }, /NOTIFY_SECRET_ops/],
  ])('fails fast naming the variable: %j', (env, msg) => {
    expect(() => notifyConfigFromEnv(env)).toThrow(msg)
  })

  it('never prints the SMTP password', () => {
    expect(() => notifyConfigFromEnv({ SMTP_HOST: 'h', SMTP_USER: 'u', SMTP_PASS: '', SMTP_FROM: 'a@b' })).toThrow(
      /SMTP_USER and SMTP_PASS/,
    )
    try {
      notifyConfigFromEnv({ SMTP_URL: 'ftp://user:topsecret@h', SMTP_FROM: 'a@b' })
    } catch (e) {
      expect((e as Error).message).not.toContain('topsecret')
    }
  })
})
