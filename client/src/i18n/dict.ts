/**
 * The UI dictionaries by language. Chinese is the default and the reference.
 */
import { en } from './en'
import { zh, type MessageKey } from './zh'

export type { MessageKey }

/** Supported UI languages. */
export type Lang = 'zh' | 'en'
/** Languages in switch order; the first is the default. */
export const LANGS: readonly Lang[] = ['zh', 'en']

/** Both dictionaries by language. */
export const DICTS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { zh, en }
