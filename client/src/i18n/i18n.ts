/**
 * The language store and message formatting. Default Chinese; the choice is remembered in
 * localStorage. Framework-free: React reads it through {@link useI18n}.
 */
import { DICTS, LANGS, type Lang, type MessageKey } from './dict'

const STORAGE_KEY = 'envmon.lang'

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>

/** A bound translate function for one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string

/**
 * Format a message of `lang`, substituting `{name}` placeholders; an unknown placeholder is left
 * as is so a missing parameter shows up instead of vanishing.
 * @example translate('en', 'map.shown', { shown: 3, total: 10 }) === 'Showing 3 of 10 stations'
 */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const msg = DICTS[lang][key]
  if (!params) return msg
  return msg.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** Narrow a stored value to a Lang, or undefined. */
export function maybeLang(v: unknown): Lang | undefined {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v) ? (v as Lang) : undefined
}

function readStored(): Lang {
  try {
    return maybeLang(globalThis.localStorage?.getItem(STORAGE_KEY)) ?? 'zh'
  } catch {
    return 'zh'
  }
}

let current: Lang | undefined
const listeners = new Set<() => void>()

/** The current UI language. */
export function getLang(): Lang {
  current ??= readStored()
  return current
}

/** Switch the UI language, remember it, and update `<html lang>`. */
export function setLang(lang: Lang): void {
  current = lang
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang)
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  for (const l of listeners) l()
}

/** Subscribe to language changes (useSyncExternalStore shape). */
export function subscribeLang(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** A translate function bound to `lang`. */
export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params)
}
