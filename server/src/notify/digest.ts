/**
 * The late-data digest (issue 10): when a station's backlog of late data ends having recorded
 * historical exceedances (opened and cleared by data already old when it arrived), every enabled
 * recipient subscribed to that station's alerts, with digests on (`lateDigest`, default
 * `NOTIFY_LATE_DIGEST`), gets one message for the whole backlog through its channels, e.g.
 * "DG-AIR-05 sent 30 h of late data: 2 exceedances, 14:00–16:00". Nothing in it pages: it is
 * planned at severity `info`, so quiet hours hold it back.
 *
 * Outbox items of a digest are keyed under the backlog id `backlog:<stationId>:<receivedFrom>`
 * (in place of an alert id), event `digest`: one per (backlog, recipient, channel), deduped across
 * restarts like every notice.
 */
import type { Alert, Severity } from '../../../shared/src/domain/alert'
import { metricInfo } from '../../../shared/src/domain/metric-catalog'
import type { Station } from '../../../shared/src/domain/station'
import type { BacklogSummary } from '../../../shared/src/rules/backlog'
import { rank } from '../../../shared/src/rules/rule'
import { channelKey, channelLabel } from './channel-key'
import { formatCst, type NoticeText } from './message'
import type { Outbox } from './outbox'
import { deliverAt } from './quiet-hours'
import type { RecipientStore } from './recipients'
import { isSubscribed } from './subscriptions'

/** At most this many exceedances are listed in a digest (the count is exact). */
const LIST_MAX = 20

/** One historical exceedance as a digest lists it. */
export interface DigestExceedance {
  alertId: string
  rule: string
  metric: string
  window: string
  severity: Severity
  /** Data times, epoch ms. */
  openedAt: number
  resolvedAt: number
  peak: number
  limit: number
}

/** What a digest says (kept in its outbox items). */
export interface DigestFacts {
  backlogId: string
  stationId: string
  /** Data time span of the late readings, epoch ms. */
  dataFrom: number
  dataTo: number
  readings: number
  exceedanceCount: number
  exceedances: DigestExceedance[]
  /** Alerts the backlog left going on (announced live, notified on their own). */
  ongoing: number
}

/** The id of a backlog (stands in for an alert id in outbox keys). */
export function backlogId(b: Pick<BacklogSummary, 'stationId' | 'receivedFrom'>): string {
  return `backlog:${b.stationId}:${b.receivedFrom}`
}

/** The digest's facts from a backlog summary. */
export function digestFacts(b: BacklogSummary): DigestFacts {
  return {
    backlogId: backlogId(b),
    stationId: b.stationId,
    dataFrom: b.dataFrom,
    dataTo: b.dataTo,
    readings: b.readings,
    exceedanceCount: b.exceedanceCount,
    exceedances: b.exceedances.slice(0, LIST_MAX).map((a) => ({
      alertId: a.id,
      rule: a.rule,
      metric: a.metric,
      window: a.window,
      severity: a.severity,
      openedAt: a.openedAt,
      resolvedAt: a.resolved?.at ?? a.observedAt,
      peak: a.peak,
      limit: a.limit,
    })),
    ongoing: b.ongoing.length,
  }
}

function worst(alerts: readonly Alert[]): Severity {
  let s: Severity = 'info'
  for (const a of alerts) if (rank(a.severity) > rank(s)) s = a.severity
  return s
}

/**
 * Plan a backlog's digest to its recipients; returns how many items were added (0 when the
 * backlog recorded no historical exceedance or nobody wants digests).
 */
export function planDigest(
  b: BacklogSummary,
  o: { store: RecipientStore; outbox: Outbox; station: Station | undefined; now: number; defaultOn: boolean },
): number {
  if (b.exceedanceCount === 0 || b.exceedances.length === 0) return 0
  const facts = { stationId: b.stationId, kind: b.kind, severity: worst(b.exceedances), town: o.station?.town, townEn: o.station?.townEn }
  const digest = digestFacts(b)
  let n = 0
  for (const r of o.store.recipients()) {
    if (!r.enabled || !(r.lateDigest ?? o.defaultOn) || !isSubscribed(r, facts)) continue
    for (const c of r.channels) {
      const key = `${digest.backlogId}|digest|${r.id}|${channelKey(c)}`
      if (o.outbox.has(key)) continue
      o.outbox.add({
        key,
        alertId: digest.backlogId,
        recipientId: r.id,
        channelKey: channelKey(c),
        channelType: c.type,
        channelLabel: channelLabel(c),
        kind: 'digest',
        event: 'digest',
        step: 0,
        alert: b.exceedances[0]!,
        digest,
        createdAt: o.now,
        // Never urgent: what it reports is over, so it waits out quiet hours.
        notBefore: deliverAt(o.now, 'info', r.quietHours),
      })
      n++
    }
  }
  return n
}

/** `08:00` (same CST day as `ref`) or `11-24 08:00`, CST. */
function hhmm(t: number, ref: number): string {
  const s = formatCst(t)
  return s.slice(0, 10) === formatCst(ref).slice(0, 10) ? s.slice(11, 16) : s.slice(5, 16)
}

function hours(ms: number): string {
  const h = ms / 3_600_000
  return h >= 1 ? `${Math.round(h)} h` : `${Math.max(1, Math.round(ms / 60_000))} min`
}

/** The station page link. */
export function stationUrl(publicUrl: string, stationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/station/${encodeURIComponent(stationId)}`
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * The words of a digest, Chinese and English.
 * @example renderDigest(facts, station, 'https://envmon.example').subject
 * // '[envmon] 迟到数据摘要 Late-data digest · DG-AIR-05 sent 30 h of late data: 2 exceedances, 14:00–16:00'
 */
export function renderDigest(d: DigestFacts, station: Station | undefined, publicUrl: string): NoticeText {
  const first = d.exceedances[0]
  const last = d.exceedances.reduce((m, e) => (e.resolvedAt > m ? e.resolvedAt : m), first?.resolvedAt ?? d.dataTo)
  const span = first ? `${hhmm(first.openedAt, last)}–${hhmm(last, last)}` : ''
  const en = `${d.stationId} sent ${hours(d.dataTo - d.dataFrom)} of late data: ${d.exceedanceCount} exceedance${d.exceedanceCount === 1 ? '' : 's'}${span ? `, ${span}` : ''}`
  const zh = `${d.stationId} 补传 ${hours(d.dataTo - d.dataFrom)
    .replace(' h', ' 小时')
    .replace(' min', ' 分钟')} 迟到数据：${d.exceedanceCount} 次超标${span ? `，${span}` : ''}`
  const name = station ? (station.nameZh === station.nameEn ? station.nameZh : `${station.nameZh} ${station.nameEn}`) : d.stationId
  const url = stationUrl(publicUrl, d.stationId)
  const items = d.exceedances.map((e) => {
    const info = metricInfo(station?.kind ?? 'air', e.metric)
    const unit = info?.unit ? ` ${info.unit}` : ''
    return `${formatCst(e.openedAt)} – ${formatCst(e.resolvedAt)}  ${e.rule} (${e.window}) ${e.severity}: peak ${e.peak}${unit}, limit ${e.limit}${unit}`
  })
  if (d.exceedanceCount > items.length) items.push(`… +${d.exceedanceCount - items.length}`)
  const head = [
    `${zh}`,
    `${en}`,
    '',
    `站点 Station: ${name} (${d.stationId})`,
    `数据时间 Data: ${formatCst(d.dataFrom)} – ${formatCst(d.dataTo)}, ${d.readings} readings`,
    '这些超标在数据到达前已经结束，已记入历史，未发出告警通知。These exceedances were over before their data arrived: recorded in the history, nobody was paged.',
  ]
  if (d.ongoing > 0)
    head.push(`仍在持续的超标已作为实时告警发出 ${d.ongoing} 条 / ${d.ongoing} still going on at the end were raised as live alerts.`)
  const text = [...head, '', ...items, '', `查看站点 View the station: ${url}`, '', '— envmon 环境监测平台 (automatic message)'].join('\n')
  const title = `迟到数据摘要：${station?.nameZh ?? d.stationId}`
  const subject = `[envmon] 迟到数据摘要 Late-data digest · ${en}`
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>迟到数据摘要 / Late-data digest</h2>`,
    ...head.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(url)}">查看站点 View the station</a></p>`,
    '<p style="color:#666">envmon 环境监测平台 — automatic message</p>',
    '</body></html>',
  ].join('\n')
  const markdown = (flavor: 'wecom' | 'dingtalk') =>
    [`### 迟到数据摘要 Late-data digest`, `> ${zh}`, `> ${en}`, ...items.map((i) => `- ${i}`), `[查看站点 View the station](${url})`].join(
      flavor === 'dingtalk' ? '\n\n' : '\n',
    )
  return { subject, text, html, title, markdown }
}
