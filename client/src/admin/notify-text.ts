/**
 * Short summaries of the notification book for the admin tables: channels, filters, steps. Pure.
 */
import type { ChannelInput, Policy, SubscriptionInput } from '../data/admin-types'

/** `ops@example.cn, webhook wecom` */
export function channelsText(cs: readonly ChannelInput[]): string {
  return cs.map((c) => (c.type === 'email' ? c.to : `${c.format} ${hostOf(c.url)}${c.hasSecret ? ' 🔒' : ''}`)).join(', ')
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * A filter as `air · 莞城街道 · ≥ warning`, or `*` when it matches everything.
 * @example filterText({ kinds: ['air'], minSeverity: 'warning' }) === 'air · ≥ warning'
 */
export function filterText(f: SubscriptionInput | undefined, word: (k: string) => string = (k) => k): string {
  if (!f) return '*'
  const parts = [
    f.kinds?.map(word).join('/'),
    f.towns?.join('/'),
    f.stations?.join('/'),
    f.minSeverity && `≥ ${word(f.minSeverity)}`,
  ].filter(Boolean)
  return parts.length ? parts.join(' · ') : '*'
}

/** `0 min → duty; 15 min → chief` (`min` is the caller's word for minutes). */
export function stepsText(p: Pick<Policy, 'steps'>, name: (id: string) => string = (id) => id, min = 'min'): string {
  return p.steps.map((s) => `${s.afterMs / 60_000} ${min} → ${[...s.groups, ...s.recipients].map(name).join(', ')}`).join('; ')
}
