// A staff or admin account as the server works with it: what the API shows (Me) plus what only the server reads.
import type { Me } from '../schemas/accounts'

export interface Account extends Me {
  streetId: number | null
  passwordHash: string
  disabled: boolean
  createdAt: string
}

/** The account as its holder sees it (GET /auth/me, sign-in). */
export function toMe(account: Account): Me {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    street: account.street,
    mustChangePassword: account.mustChangePassword,
  }
}
