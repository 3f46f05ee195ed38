/**
 * Who can log in on a fresh install: a first admin from ADMIN_USERNAME / ADMIN_PASSWORD, or, for
 * the demo (`npm start` with the simulator), one user per role whose password is derived from this
 * installation's random secret (data/station-secret), so it is printed at every start and never
 * stored in the repository.
 */
import { createHmac } from 'node:crypto'
import { ROLES, type Role } from './roles'
import type { UserStore } from './users'

/** The demo password of a role for an installation secret. */
export function demoPassword(secret: string, role: Role): string {
  return `${role}-${createHmac('sha256', secret).update(`envmon-demo-user:${role}`).digest('hex').slice(0, 10)}`
}

export interface BootstrapResult {
  created: { username: string; role: Role; password?: string }[]
  demo: boolean
}

/**
 * Create the first users when the store is empty. Returns what was created (demo passwords
 * included so the caller can print them). Demo users are (re)listed at each start while they exist.
 */
export async function bootstrapUsers(
  users: UserStore,
  o: { adminUsername?: string; adminPassword?: string; demo: boolean; secret: string },
): Promise<BootstrapResult> {
  const created: BootstrapResult['created'] = []
  if (users.size === 0 && o.adminUsername && o.adminPassword) {
    await users.create({ username: o.adminUsername, role: 'admin', password: o.adminPassword, name: 'Administrator' })
    created.push({ username: o.adminUsername, role: 'admin' })
  }
  if (!o.demo) return { created, demo: false }
  const demoNames: Record<Role, string> = {
    viewer: 'demo-viewer',
    operator: 'demo-operator',
    analyst: 'demo-analyst',
    reviewer: 'demo-reviewer',
    admin: 'demo-admin',
  }
  if (users.size === 0) {
    for (const role of ROLES)
      await users.create({ username: demoNames[role], role, password: demoPassword(o.secret, role), name: `Demo ${role}` })
  } else if (users.byUsername(demoNames.viewer)?.role === 'viewer' && !users.byUsername(demoNames.reviewer)) {
    // A demo installed before the reviewer role (issue 13) gets its demo reviewer too.
    await users.create({
      username: demoNames.reviewer,
      role: 'reviewer',
      password: demoPassword(o.secret, 'reviewer'),
      name: 'Demo reviewer',
    })
  }
  for (const role of ROLES)
    if (users.byUsername(demoNames[role])?.role === role)
      created.push({ username: demoNames[role], role, password: demoPassword(o.secret, role) })
  return { created, demo: true }
}
