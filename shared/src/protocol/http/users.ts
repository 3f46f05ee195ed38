/**
 * Users as the auth API (`/api/auth/me`, `/api/auth/login`) and the user administration
 * (`/api/admin/users`) serve them (server/src/auth). Never a password hash.
 */

/** The roles, least to most trusted (what each may do: server/src/auth/roles.ts). */
export const ROLES = ['viewer', 'operator', 'analyst', 'reviewer', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** A logged-in user (GET /api/auth/me, POST /api/auth/login). */
export interface SessionUser {
  id: string
  username: string
  name: string
  role: Role
}

/** A user as the user administration lists it (GET /api/admin/users). */
export interface UserView extends SessionUser {
  disabled?: boolean
  /** ISO 8601. */
  createdAt: string
}
