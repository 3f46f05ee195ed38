/**
 * E-mails an issued report to the recipients subscribed to its kind (a recipient's `reports` in
 * the notification book, server/src/notify/model.ts) through the notifications' e-mail channel:
 * the Chinese PDF and the XLSX attached when each is under the size cap, and a link to the
 * report in the UI. One message per address; a failure is logged and the others still go out. A
 * transient failure (the SMTP server busy or down: not a DeliveryError marked permanent) is retried
 * after `retryDelaysMs` (default 1 and 10 minutes), in this process. Reports are not in the alert
 * outbox: a report that still failed to go out stays readable in the UI and can be sent again by
 * reissuing it.
 */
import { readFileSync, statSync } from 'node:fs'
import type { ReportDoc, ReportFormat, ReportKind, ReportLang } from '../../../shared/src/protocol/http/reports'
import { DeliveryError } from '../notify/channels/delivery-error'
import type { EmailSender } from '../notify/channels/email'
import { cellText, pick, TEXT } from './render-text'

export interface ReportMailerOptions {
  recipients: (kind: ReportKind) => { id: string; name: string; emails: string[] }[]
  email: Pick<EmailSender, 'send'>
  /** The rendered file of a report (ReportService.file). */
  file: (id: string, format: ReportFormat, lang: ReportLang) => Promise<string>
  /** Base URL of the UI, for the link. */
  publicUrl: string
  /** Attachments above this size are left out (the link remains). */
  maxAttachBytes: number
  log: { warn(m: string): void; info(m: string): void }
  /** Waits before each retry of a transient failure; default 1 min, then 10 min. */
  retryDelaysMs?: readonly number[]
  /** Wait (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>
}

const DEFAULT_RETRY_MS = [60_000, 600_000]
const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref())

/** What a mailing did. */
export interface MailResult {
  sent: string[]
  failed: { to: string; error: string }[]
}

const TYPES: Record<'pdf' | 'xlsx', string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The plain-text body: title, status, link and the first section's key figures. */
function body(doc: ReportDoc, link: string): string {
  const lines = [
    pick(doc.title, 'zh'),
    doc.title.en,
    '',
    `${pick(TEXT.dataStatus, 'zh')}: ${pick(TEXT.status[doc.dataStatus], 'zh')} / ${pick(TEXT.status[doc.dataStatus], 'en')}`,
  ]
  if (doc.dataStatus === 'provisional' && doc.sections[0]) lines.push(doc.sections[0].statusNote.zh, doc.sections[0].statusNote.en)
  lines.push(`版本 / Version ${doc.version} · ${doc.generatedAt}`, '', link, '')
  for (const s of doc.sections) {
    lines.push(`【${s.title.zh} / ${s.title.en}】`)
    for (const f of s.figures.slice(0, 6))
      lines.push(
        `${f.label.zh} / ${f.label.en}: ${f.value === null ? '—' : cellText(f.value, { key: f.key, label: f.label, digits: f.digits }, 'zh')}${f.unit ? ` ${f.unit}` : ''}`,
      )
  }
  return lines.join('\n')
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * Mail `doc` to its kind's subscribers.
 * @example await mailReport(doc, { recipients: notifier.reportRecipients, email: notifier.email, file, publicUrl, maxAttachBytes, log })
 */
export async function mailReport(doc: ReportDoc, o: ReportMailerOptions): Promise<MailResult> {
  const result: MailResult = { sent: [], failed: [] }
  const to = o.recipients(doc.kind)
  if (to.length === 0) return result
  const attachments: { filename: string; content: Buffer; contentType: string }[] = []
  for (const format of ['pdf', 'xlsx'] as const) {
    try {
      const file = await o.file(doc.id, format, 'zh')
      if (statSync(file).size <= o.maxAttachBytes)
        attachments.push({ filename: `${doc.id}.${format}`, content: readFileSync(file), contentType: TYPES[format] })
    } catch (e) {
      o.log.warn(`report ${doc.id}: the ${format} could not be attached: ${(e as Error).message}`)
    }
  }
  const link = `${o.publicUrl.replace(/\/$/, '')}/#/reports/${encodeURIComponent(doc.id)}`
  const text = body(doc, link)
  const delays = o.retryDelaysMs ?? DEFAULT_RETRY_MS
  const sleep = o.sleep ?? wait
  const deliver = async (r: { id: string }, address: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await o.email.send({
          to: address,
          subject: `${doc.title.zh}${doc.dataStatus === 'provisional' ? '（暂定）' : ''}`,
          text,
          html: `<pre style="font-family:sans-serif">${escapeHtml(text)}</pre><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
          messageId: `<report-${doc.id}-${r.id}@envmon>`,
          headers: { 'X-Envmon-Report': doc.id },
          attachments,
        })
        result.sent.push(address)
        return
      } catch (e) {
        const permanent = e instanceof DeliveryError && e.permanent
        if (permanent || attempt >= delays.length) {
          result.failed.push({ to: address, error: (e as Error).message })
          o.log.warn(
            `report ${doc.id}: e-mail to ${address} failed${attempt > 0 ? ` after ${attempt + 1} attempts` : ''}: ${(e as Error).message}`,
          )
          return
        }
        o.log.warn(
          `report ${doc.id}: e-mail to ${address} failed (${(e as Error).message}); retrying in ${Math.round(delays[attempt]! / 1000)} s`,
        )
        await sleep(delays[attempt]!)
      }
    }
  }
  // Addresses in parallel, so one address's retries do not hold back the others.
  await Promise.all(to.flatMap((r) => r.emails.map((address) => deliver(r, address))))
  if (result.sent.length > 0) o.log.info(`report ${doc.id} e-mailed to ${result.sent.length} address(es)`)
  return result
}
