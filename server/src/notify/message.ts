/**
 * The words of a notification, pure: subject, plain text, simple HTML and robot markdown, each in
 * Chinese and English, from the alert snapshot of an outbox item and the station. Times are shown
 * in China Standard Time whatever the server's time zone.
 */
import type { Alert, AlertState, Severity } from '../../../shared/src/domain/alert'
import { metricInfo } from '../../../shared/src/domain/metric-catalog'
import type { Station } from '../../../shared/src/domain/station'
import type { NoticeKind } from './outbox'

/** What a notice says, in each shape a channel needs. */
export interface NoticeText {
  subject: string
  text: string
  html: string
  /** Short title (DingTalk markdown title, WeCom heading). */
  title: string
  /** Markdown for group robots; `flavor` picks WeCom's colour tags or DingTalk's paragraph breaks. */
  markdown(flavor: 'wecom' | 'dingtalk'): string
}

/** Input of `renderNotice`. */
export interface NoticeInput {
  kind: NoticeKind
  step: number
  alert: Alert
  station: Station | undefined
  /** Public base URL of the UI, e.g. `https://envmon.dg.gov.cn`. */
  publicUrl: string
}

/** A notice shows when the alert was detected when that was this much after its data's time. */
const LATE_SHOWN_MS = 10 * 60_000

const SEVERITY_ZH: Record<Severity, string> = { info: '提示', warning: '警告', critical: '严重' }
const STATE_ZH: Record<AlertState, string> = { open: '未确认', acknowledged: '已确认', resolved: '已解除' }

/** `2026-11-24 08:00:00 CST` for an epoch ms, independent of the process time zone. */
export function formatCst(t: number): string {
  const d = new Date(t + 8 * 3_600_000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 19)} CST`
}

/** The UI link of an alert. */
export function alertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/alerts/${encodeURIComponent(alertId)}`
}

function heading(kind: NoticeKind, step: number): { zh: string; en: string } {
  switch (kind) {
    case 'opened':
      return { zh: '新告警', en: 'New alert' }
    case 'escalated':
      return { zh: '告警级别升高', en: 'Alert severity raised' }
    case 'step':
      return { zh: `告警升级（第 ${step + 1} 级，仍未确认）`, en: `Escalation level ${step + 1}: still unacknowledged` }
    case 'reminder':
      return { zh: '提醒：告警仍未确认', en: 'Reminder: alert still unacknowledged' }
    case 'resolved':
      return { zh: '告警已解除', en: 'Alert resolved' }
    case 'digest':
      return { zh: '迟到数据摘要', en: 'Late-data digest' }
  }
}

function num(v: number, digits: number | undefined): string {
  if (digits !== undefined) return v.toFixed(digits)
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1)
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

interface Line {
  zh: string
  en: string
  value: string
  /** Emphasised in HTML and WeCom markdown. */
  strong?: boolean
}

/**
 * Render a notice.
 * @example
 * const t = renderNotice({ kind: 'opened', step: 0, alert, station, publicUrl: 'https://envmon.example' })
 * t.subject // '[envmon] 警告 warning · 新告警 New alert · 莞城 Guancheng · 细颗粒物 PM2.5 120 µg/m³'
 */
export function renderNotice(n: NoticeInput): NoticeText {
  const { alert: a, station: s } = n
  const h = heading(n.kind, n.step)
  const info = metricInfo(a.kind, a.metric)
  const unit = info?.unit ? ` ${info.unit}` : ''
  const metric = info ? (info.zh === info.en ? info.en : `${info.zh} ${info.en}`) : a.metric
  const value = `${num(a.value, info?.digits)}${unit}`
  const limit = `${num(a.limit, info?.digits)}${unit}`
  const name = s ? (s.nameZh === s.nameEn ? s.nameZh : `${s.nameZh} ${s.nameEn}`) : a.stationId
  const town = s ? [s.town, s.townEn].filter(Boolean).join(' ') : ''
  const sev = `${SEVERITY_ZH[a.severity]} ${a.severity}`
  const url = alertUrl(n.publicUrl, a.id)
  const lines: Line[] = [
    { zh: '站点', en: 'Station', value: `${name} (${a.stationId}${town ? `, ${town}` : ''})` },
    { zh: '指标', en: 'Metric', value: `${metric}, ${a.window === 'instant' ? '即时 instant' : a.window}` },
    { zh: '数值', en: 'Value', value, strong: true },
    { zh: '限值', en: 'Limit', value: limit },
    { zh: '级别', en: 'Severity', value: sev, strong: a.severity === 'critical' },
    { zh: '数据时间', en: 'Observed', value: formatCst(a.observedAt) },
    { zh: '告警时间', en: 'Opened', value: formatCst(a.openedAt) },
    // Opened by data that arrived late (a backlog still in breach at its end): say when we learnt of it.
    ...(a.detectedAt !== undefined && a.detectedAt - a.openedAt > LATE_SHOWN_MS
      ? [{ zh: '发现时间', en: 'Detected', value: `${formatCst(a.detectedAt)} (数据迟到 late data)` }]
      : []),
    { zh: '状态', en: 'State', value: `${STATE_ZH[a.state]} ${a.state}` },
  ]
  if (a.acknowledged)
    lines.push({
      zh: '确认',
      en: 'Acknowledged',
      value: `${a.acknowledged.by}, ${formatCst(a.acknowledged.at)}${a.acknowledged.note ? ` — ${a.acknowledged.note}` : ''}`,
    })
  if (a.resolved)
    lines.push({
      zh: '解除',
      en: 'Resolved',
      value: `${a.resolved.auto ? '自动 automatic' : a.resolved.by}, ${formatCst(a.resolved.at)}${a.resolved.note ? ` — ${a.resolved.note}` : ''}`,
    })
  lines.push({ zh: '说明', en: 'Details', value: a.message })

  const title = `${SEVERITY_ZH[a.severity]} ${h.zh}：${s?.nameZh ?? a.stationId} ${info?.zh ?? a.metric}`
  const subject = `[envmon] ${sev} · ${h.zh} ${h.en} · ${name} · ${metric} ${value}`
  const text = [
    `${h.zh} / ${h.en}`,
    '',
    ...lines.map((l) => `${l.zh} ${l.en}: ${l.value}`),
    '',
    `查看告警 View the alert: ${url}`,
    '',
    '— envmon 环境监测平台 (automatic message; acknowledge the alert in the app to stop escalation / 在平台中确认告警可停止升级通知)',
  ].join('\n')
  const row = (l: Line) =>
    `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(l.zh)} ${escapeHtml(l.en)}</th><td>${l.strong ? `<strong>${escapeHtml(l.value)}</strong>` : escapeHtml(l.value)}</td></tr>`
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(h.zh)} / ${escapeHtml(h.en)}</h2>`,
    `<table>${lines.map(row).join('')}</table>`,
    `<p><a href="${escapeHtml(url)}">查看告警 View the alert</a></p>`,
    '<p style="color:#666">envmon 环境监测平台 — automatic message</p>',
    '</body></html>',
  ].join('\n')
  const markdown = (flavor: 'wecom' | 'dingtalk') => {
    const em = (l: Line) =>
      flavor === 'wecom' && l.strong ? `<font color="warning">${l.value}</font>` : l.strong ? `**${l.value}**` : l.value
    const body = [
      `### ${SEVERITY_ZH[a.severity]} ${a.severity} · ${h.zh} ${h.en}`,
      ...lines.map((l) => `> ${l.zh} ${l.en}: ${em(l)}`),
      `[查看告警 View the alert](${url})`,
    ]
    return body.join(flavor === 'dingtalk' ? '\n\n' : '\n')
  }
  return { subject, text, html, title, markdown }
}
