import { describe, expect, it } from 'vitest'
import { DICTS, LANGS, type MessageKey } from './dict'
import { zhAdmin } from './zh-admin'
import { zhAudit } from './zh-audit'
import { zhCompleteness } from './zh-completeness'
import { zhAnalysis } from './zh-analysis'
import { zhOps } from './zh-ops'
import { zhTargets } from './zh-targets'
import { zhReports } from './zh-reports'
import { zhReview } from './zh-review'
import { zhCore } from './zh'
import { zhHj212 } from './zh-hj212'
import { maybeLang, translate } from './i18n'

const keys = (o: object) => Object.keys(o).sort()
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    for (const lang of LANGS) expect(keys(DICTS[lang])).toEqual(keys(DICTS.zh))
  })

  it.each(LANGS)('has no empty message in %s (except separators)', (lang) => {
    const empty = Object.entries(DICTS[lang]).filter(([k, v]) => v.trim() === '' && k !== 'dur.sep')
    expect(empty).toEqual([])
  })

  it('uses the same placeholders in both languages', () => {
    const mismatched = (Object.keys(DICTS.zh) as MessageKey[]).filter(
      (k) => placeholders(DICTS.zh[k]).join() !== placeholders(DICTS.en[k]).join(),
    )
    expect(mismatched).toEqual([])
  })

  it('defines no key in two parts (a spread would silently drop one)', () => {
    const parts = [zhCore, zhOps, zhAnalysis, zhTargets, zhAdmin, zhAudit, zhReports, zhReview, zhCompleteness, zhHj212].map((p) =>
      Object.keys(p),
    )
    const all = parts.flat()
    expect(all.length).toBe(new Set(all).size)
    expect(all.length).toBe(Object.keys(DICTS.zh).length)
  })

  it('has every message translated (English differs from Chinese unless it has no words)', () => {
    const same = (Object.keys(DICTS.zh) as MessageKey[]).filter((k) => DICTS.en[k] === DICTS.zh[k] && /[\u4e00-\u9fff]/.test(DICTS.zh[k]))
    expect(same).toEqual([])
  })

  it('names every HJ 212 data flag', () => {
    for (const f of ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B']) expect(DICTS.en[`flag.${f}` as MessageKey]).toBeTruthy()
  })
})

describe('translate', () => {
  it('substitutes placeholders', () => {
    expect(translate('en', 'map.shown', { shown: 3, total: 10 })).toBe('Showing 3 of 10 stations')
    expect(translate('zh', 'map.shown', { shown: 3, total: 10 })).toBe('显示 3 / 10 个站点')
  })

  it('leaves a missing placeholder visible', () => {
    expect(translate('en', 'station.notFound')).toBe('No station {id}')
    expect(translate('en', 'station.notFound', {})).toBe('No station {id}')
  })

  it('accepts only known languages from storage', () => {
    expect(maybeLang('en')).toBe('en')
    expect(maybeLang('fr')).toBeUndefined()
    expect(maybeLang(null)).toBeUndefined()
  })
})
