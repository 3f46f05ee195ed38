import { describe, expect, it } from 'vitest'
import { canActOnAlerts, canAnalyze, canExport, isAdmin, type SessionState } from './session'

const as = (role: 'viewer' | 'operator' | 'analyst' | 'admin'): SessionState => ({
  state: 'authenticated',
  user: { id: '1', username: 'u', name: 'U', role },
})

describe('role checks (mirror server/src/auth/roles.ts)', () => {
  it.each([
    ['viewer', false, false],
    ['operator', true, false],
    ['analyst', false, true],
    ['admin', true, true],
  ] as const)('%s: act on alerts %s, export %s', (role, act, exp) => {
    expect(canActOnAlerts(as(role))).toBe(act)
    expect(canExport(as(role))).toBe(exp)
  })

  it.each([
    ['viewer', false, false],
    ['operator', false, false],
    ['analyst', true, false],
    ['admin', true, true],
  ] as const)('%s: analyse %s, administer %s', (role, analyse, admin) => {
    expect(canAnalyze(as(role))).toBe(analyse)
    expect(isAdmin(as(role))).toBe(admin)
  })

  it('allows everything when the server has no login (the server still decides)', () => {
    expect(canActOnAlerts({ state: 'authenticated' })).toBe(true)
    expect(canExport({ state: 'authenticated' })).toBe(true)
  })

  it('allows nothing without a session', () => {
    expect(canActOnAlerts({ state: 'anonymous' })).toBe(false)
    expect(canExport({ state: 'checking' })).toBe(false)
  })
})
