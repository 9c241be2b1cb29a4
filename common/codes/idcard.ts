// Resident identity card number (公民身份号码), GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check character.

const WEIGHTS = [
  7,
  9,
  10,
  5,
  8,
  4,
  2,
  1,
  6,
  3,
  7,
  9,
  10,
  5,
  8,
  4,
  2,
]
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'empty' | 'length' | 'format' | 'birthdate' | 'checksum'

export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17))
    return null
  let sum = 0
  for (let i = 0; i < 17; i++)
    sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** Trims spaces and upper-cases a trailing x. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1)
    return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Returns null when valid, otherwise the problem. The birth date must be a real date,
 * not before 1900 and not in the future (relative to `today`).
 */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(input)
  if (id.length === 0)
    return 'empty'
  if (id.length !== 18)
    return 'length'
  if (!/^\d{17}[\dX]$/.test(id))
    return 'format'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || !isRealDate(year, month, day))
    return 'birthdate'
  // One day of grace: "today" differs by time zone, and a newborn may be registered on the day of birth.
  if (Date.UTC(year, month - 1, day) > today.getTime() + 86_400_000)
    return 'birthdate'
  return idCheckChar(id.slice(0, 17)) === id[17]
    ? null
    : 'checksum'
}

export function isValidIdNumber(input: string, today?: Date): boolean {
  return checkIdNumber(input, today) === null
}

/** Masked form kept beside the keyed hash: first 4 and last 4 characters, e.g. 3101**********0011. */
export function maskIdNumber(input: string): string {
  const id = normalizeIdNumber(input)
  if (id.length < 12)
    return '*'.repeat(id.length)
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`
}
