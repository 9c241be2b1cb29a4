// Keyed hashes and random values for the personal report: nothing secret is stored in a form that can be reversed.
import { Buffer } from 'node:buffer'
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

/** HMAC-SHA256 of a value under the app secret, separated by purpose so one hash never stands in for another. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('hex')
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}

/** An unguessable token (256 bits, base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A one-time code of `length` decimal digits, uniformly distributed. */
export function randomDigits(length: number): string {
  return Array.from({ length }, () => String(randomInt(10))).join('')
}

/** Letters and digits that cannot be misread on paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const READABLE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY'

export function randomReadable(length: number): string {
  return Array.from({ length }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join('')
}
