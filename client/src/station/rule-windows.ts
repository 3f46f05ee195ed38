/**
 * Which averaging windows the trend offers for a metric: those of the rules that judge it
 * (GB 3095-2012: PM2.5 24 h; SO2 1 h and 24 h; O3 1 h and 8 h…). Pure.
 */
import { AVERAGING_WINDOWS, maybeAveragingWindow, type AveragingWindow } from '../charts/window-means'

/**
 * The averaging windows the metric's rules use, in a fixed order (1h, 8h, 24h, 1d).
 * @example ruleWindows([{ metric: 'pm25', window: '24h' }], 'pm25') // ['24h']
 */
export function ruleWindows(rules: readonly { metric: string; window: string }[], metric: string): AveragingWindow[] {
  const set = new Set(rules.filter((r) => r.metric === metric).map((r) => maybeAveragingWindow(r.window)))
  return AVERAGING_WINDOWS.filter((w) => set.has(w))
}
