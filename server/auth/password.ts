// Passwords per OWASP ASVS 5: scrypt (N=2^17, r=8, p=1) through the async API, a per-password salt, constant-time
// comparison; at least 8 characters, not a common password, no composition rules.
import type { Config } from '../config'
import { Buffer } from 'node:buffer'
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { COMMON_PASSWORDS } from './common-passwords'

const COSTS = {
  asvs: { N: 2 ** 17, r: 8, p: 1 },
  // Tests only (config refuses it outside NODE_ENV=test): the same scheme, cheap enough for hundreds of logins.
  fast: { N: 2 ** 10, r: 8, p: 1 },
} as const
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, cost: { N: number, r: number, p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, key) => {
      if (err)
        reject(err)
      else
        resolve(key)
    })
  })
}

/** `scrypt$N$r$p$salt$key` (base64url parts): the parameters travel with the hash, so costs can change later. */
export async function hashPassword(password: string, cost: Config['passwordHashCost']): Promise<string> {
  const params = COSTS[cost]
  const salt = randomBytes(16)
  const key = await derive(password, salt, params)
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key)
    return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsUsername'

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** Length and the common-password list only (no composition rules). */
export function checkPassword(password: string, username = ''): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN)
    return 'tooShort'
  if (length > PASSWORD_MAX)
    return 'tooLong'
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower))
    return 'common'
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    return 'containsUsername'
  return null
}
