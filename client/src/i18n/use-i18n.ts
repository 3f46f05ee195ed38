/**
 * React access to the language store: re-renders the caller when the language changes.
 */
import { useMemo, useSyncExternalStore } from 'react'
import type { Lang } from './dict'
import { getLang, subscribeLang, translator, type Translate } from './i18n'

/** The current language and a translate function bound to it. */
export function useI18n(): { lang: Lang; t: Translate } {
  const lang = useSyncExternalStore(subscribeLang, getLang, getLang)
  const t = useMemo(() => translator(lang), [lang])
  return { lang, t }
}
