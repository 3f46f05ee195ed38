/**
 * The e-mail channel: nodemailer's SMTP transport, one connection per message (a down server
 * costs one refused connection per retry, not a wedged pool), a timeout on connect, greeting,
 * socket idle and the whole send (AbortSignal). SMTP 5xx answers (bad mailbox, auth refused)
 * are permanent failures; connection errors, timeouts and 4xx are retried.
 */
import nodemailer from 'nodemailer'
import type { SmtpConfig } from '../config'
import { DeliveryError } from './delivery-error'

/** One e-mail. */
export interface EmailMessage {
  to: string
  subject: string
  text: string
  html: string
  /** Stable across retries, so a duplicate after the residual at-least-once window is recognisable. */
  messageId: string
  /** Extra headers (e.g. `X-Envmon-Delivery`). */
  headers?: Record<string, string>
  /** Attached files (reports: the PDF and the XLSX), given as content, never as paths. */
  attachments?: { filename: string; content: Buffer; contentType: string }[]
}

/** Sends e-mail. */
export interface EmailSender {
  send(m: EmailMessage): Promise<void>
  close(): void
}

/**
 * An e-mail sender. Without SMTP configuration every send fails permanently with `not-configured`.
 * @example const mail = createEmailSender(cfg.smtp, 10_000); await mail.send({ to, subject, text, html, messageId })
 */
export function createEmailSender(smtp: SmtpConfig | undefined, timeoutMs: number): EmailSender {
  if (!smtp) {
    return {
      send: () =>
        Promise.reject(new DeliveryError('not-configured', 'e-mail is not configured (set SMTP_URL or SMTP_HOST and SMTP_FROM)', true)),
      close: () => {},
    }
  }
  const common = {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    requireTLS: smtp.requireTls,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
    disableFileAccess: true,
    disableUrlAccess: true,
  }
  const transport = smtp.url
    ? nodemailer.createTransport({ ...common, url: smtp.url })
    : nodemailer.createTransport({
        ...common,
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
      })
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          headers: m.headers,
          attachments: m.attachments,
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (e) {
        throw classify(e as Error & { code?: string; responseCode?: number; response?: string })
      }
    },
    close: () => transport.close(),
  }
}

function classify(e: Error & { code?: string; responseCode?: number; response?: string }): DeliveryError {
  const detail = `${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.response ?? e.message}`.slice(0, 300)
  if (e.code === 'EABORT' || e.name === 'AbortError' || e.code === 'ETIMEDOUT')
    return new DeliveryError('timeout', `smtp: ${detail}`, false)
  if (e.responseCode !== undefined && e.responseCode >= 500) return new DeliveryError('smtp-rejected', `smtp: ${detail}`, true)
  if (e.code === 'ENOAUTH' || e.code === 'ECONFIG') return new DeliveryError('smtp-rejected', `smtp: ${detail}`, true)
  if (e.responseCode !== undefined) return new DeliveryError('smtp-rejected', `smtp: ${detail}`, false)
  return new DeliveryError('network', `smtp: ${detail}`, false)
}
