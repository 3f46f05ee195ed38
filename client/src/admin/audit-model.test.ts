import { describe, expect, it } from 'vitest'
import { DICTS, LANGS, type MessageKey } from '../i18n/dict'
import { auditChanges, auditQuery, auditValue, cstInputToIso, LABELLED_ACTIONS, NO_AUDIT_FILTER } from './audit-model'

describe('auditQuery', () => {
  it.each([
    [NO_AUDIT_FILTER, undefined, undefined, ''],
    [{ ...NO_AUDIT_FILTER, user: ' ops ' }, undefined, undefined, 'user=ops'],
    [
      { ...NO_AUDIT_FILTER, action: 'station.*', from: '2026-12-01T08:00' },
      { offset: 50, limit: 50 },
      undefined,
      'action=station.*&from=2026-12-01T08%3A00%3A00%2B08%3A00&offset=50&limit=50',
    ],
    [{ ...NO_AUDIT_FILTER, to: '2026-12-02T00:00' }, undefined, 'csv' as const, 'to=2026-12-02T00%3A00%3A00%2B08%3A00&format=csv'],
    [{ ...NO_AUDIT_FILTER, from: 'yesterday' }, undefined, undefined, ''],
  ])('%o %o %s → %s', (f, page, format, q) => {
    expect(auditQuery(f, page, format)).toBe(q)
  })
})

describe('cstInputToIso', () => {
  it.each([
    ['2026-12-01T08:00', '2026-12-01T08:00:00+08:00'],
    ['2026-12-01T08:00:30', '2026-12-01T08:00:30+08:00'],
    ['', undefined],
    ['2026-13-01T08:00', undefined],
  ])('%s → %s', (v, iso) => {
    expect(cstInputToIso(v)).toBe(iso)
  })
})

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(auditChanges({ before: { role: 'viewer', name: 'A' }, after: { role: 'analyst', name: 'A', passwordChanged: true } })).toEqual([
      { field: 'role', before: 'viewer', after: 'analyst' },
      { field: 'passwordChanged', before: undefined, after: true },
    ])
  })

  it('lists every field of a creation', () => {
    expect(auditChanges({ after: { id: 'X', kind: 'air' } })).toEqual([
      { field: 'id', before: undefined, after: 'X' },
      { field: 'kind', before: undefined, after: 'air' },
    ])
  })

  it('has nothing for a record without before or after', () => {
    expect(auditChanges({})).toEqual([])
  })

  it('shows a value that is not an object as one change', () => {
    expect(auditChanges({ before: 1, after: 2 })).toEqual([{ field: '', before: 1, after: 2 }])
  })
})

describe('auditValue', () => {
  it.each([
    ['x', 'x'],
    [undefined, '–'],
    [{ a: 1 }, '{"a":1}'],
    [false, 'false'],
  ])('%o → %s', (v, s) => {
    expect(auditValue(v)).toBe(s)
  })
})

describe('LABELLED_ACTIONS', () => {
  it('has a label in both languages for each', () => {
    for (const a of LABELLED_ACTIONS)
      for (const lang of LANGS) expect(DICTS[lang][`admin.au.a.${a}` as MessageKey], `${lang} ${a}`).toBeTruthy()
  })
})
