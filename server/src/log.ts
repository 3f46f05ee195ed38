/**
 * A small levelled logger with per-key rate limiting, so one misbehaving station cannot flood
 * the log (STYLE.md: "one bad message is counted, logged (rate-limited) and dropped").
 */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug'
const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 }

export interface Logger {
  error(msg: string): void
  warn(msg: string): void
  info(msg: string): void
  debug(msg: string): void
  /** Log at most once per `everyMs` per key; counts what it suppressed. */
  limited(key: string, level: Exclude<LogLevel, 'silent'>, msg: string, everyMs?: number): void
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const lim = ORDER[level]
  const last = new Map<string, { at: number; suppressed: number }>()
  const out = (lv: Exclude<LogLevel, 'silent'>, msg: string) => {
    if (ORDER[lv] <= lim) write(`${new Date().toISOString()} ${lv.padEnd(5)} ${msg}`)
  }
  return {
    error: (m) => out('error', m),
    warn: (m) => out('warn', m),
    info: (m) => out('info', m),
    debug: (m) => out('debug', m),
    limited(key, lv, msg, everyMs = 10_000) {
      const now = Date.now()
      const e = last.get(key)
      if (e && now - e.at < everyMs) {
        e.suppressed++
        return
      }
      out(lv, e?.suppressed ? `${msg} (+${e.suppressed} similar suppressed)` : msg)
      last.set(key, { at: now, suppressed: 0 })
      if (last.size > 10_000) last.clear()
    },
  }
}
