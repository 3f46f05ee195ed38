import { describe, expect, it } from 'vitest'
import { canActOnAlerts, canExport, type SessionState } from './session'

const as = (role: 'viewer' | 'operator' | 'analyst' | 'admin'): SessionState => ({ state: 'authenticated', user: { id: '1', username: 'u', name: 'U', role } })

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

  it('allows everything when the server has no login (the server still decides)', () => {
    expect(canActOnAlerts({ state: 'authenticated' })).toBe(true)
    expect(canExport({ state: 'authenticated' })).toBe(true)
  })

  it('allows nothing without a session', () => {
    expect(canActOnAlerts({ state: 'anonymous' })).toBe(false)
    expect(canExport({ state: 'checking' })).toBe(false)
  })
})
