/**
 * Report e-mails over real SMTP (`smtp-server`): a transient refusal (451) is retried and the report
 * still arrives, with its attachment; it gives up after the last retry; a permanent refusal (550)
 * is not retried and the other addresses still get theirs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReportDoc } from '../shared/src/protocol/http/reports'
import { createEmailSender } from '../server/src/notify/channels/email'
import { mailReport } from '../server/src/reports/report-mailer'
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture'

const dir = mkdtempSync(join(tmpdir(), 'envmon-report-mail-'))
const pdf = join(dir, 'r.pdf')
writeFileSync(pdf, '%PDF-1.4 test')
const doc: ReportDoc = {
  id: 'daily-air_2026-12-05_v1',
  kind: 'daily-air',
  period: '2026-12-05',
  version: 1,
  generatedAt: '2026-12-05T16:30:00.000Z',
  inputsVersion: 'x',
  title: { zh: '东莞市环境空气质量日报 2026-12-05', en: 'Daily air quality report 2026-12-05' },
  dataStatus: 'reviewed',
  sections: [],
}
let smtp: SmtpCapture | undefined
afterEach(async () => {
  await smtp?.stop()
  smtp = undefined
})

const options = (cap: SmtpCapture, emails: string[], sleeps: number[]) => ({
  recipients: () => [{ id: 'r1', name: 'Bureau', emails }],
  email: createEmailSender(
    { host: '127.0.0.1', port: cap.port, secure: false, requireTls: false, rejectUnauthorized: false, from: 'envmon@bureau.example.cn' },
    5000,
  ),
  file: async () => pdf,
  publicUrl: 'http://envmon.local',
  maxAttachBytes: 1 << 20,
  log: { warn: () => {}, info: () => {} },
  retryDelaysMs: [10, 20],
  sleep: async (ms: number) => {
    sleeps.push(ms)
    await new Promise((r) => setTimeout(r, ms))
  },
})

describe('report e-mails', () => {
  it('retries a transient refusal (451) and the report arrives with its attachment', async () => {
    const cap = (smtp = await startSmtpCapture({ failFirst: 2 }))
    const sleeps: number[] = []
    const r = await mailReport(doc, options(cap, ['chief@bureau.example.cn'], sleeps))
    expect(r).toEqual({ sent: ['chief@bureau.example.cn'], failed: [] })
    expect(cap.refused).toBe(2)
    expect(sleeps).toEqual([10, 20])
    expect(cap.messages).toHaveLength(1)
    expect(cap.messages[0]!.to).toEqual(['chief@bureau.example.cn'])
    expect(cap.messages[0]!.raw).toContain('daily-air_2026-12-05_v1.pdf')
  })

  it('gives up after the last retry and says so', async () => {
    const cap = (smtp = await startSmtpCapture({ failFirst: 5 }))
    const sleeps: number[] = []
    const r = await mailReport(doc, options(cap, ['chief@bureau.example.cn'], sleeps))
    expect(r.sent).toEqual([])
    expect(r.failed.map((f) => f.to)).toEqual(['chief@bureau.example.cn'])
    expect(cap.refused).toBe(3) // the first attempt and two retries
    expect(cap.messages).toHaveLength(0)
  })

  it('does not retry a permanent failure (550), and other addresses still go out', async () => {
    const cap = (smtp = await startSmtpCapture({ rejectRcpt: ['bad@bureau.example.cn'] }))
    const sleeps: number[] = []
    const r = await mailReport(doc, options(cap, ['bad@bureau.example.cn', 'ok@bureau.example.cn'], sleeps))
    expect(r.sent).toEqual(['ok@bureau.example.cn'])
    expect(r.failed.map((f) => f.to)).toEqual(['bad@bureau.example.cn'])
    expect(r.failed[0]!.error).toMatch(/550|no such user/)
    expect(sleeps).toEqual([])
    expect(cap.messages.map((m) => m.to)).toEqual([['ok@bureau.example.cn']])
  })
})

process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
