// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
// 18 characters from the charset below; the 18th is a check character.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [
  1,
  3,
  9,
  27,
  19,
  26,
  16,
  17,
  20,
  29,
  25,
  13,
  8,
  24,
  10,
  30,
  28,
]
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export type UsccProblem = 'empty' | 'length' | 'charset' | 'checksum'

/** The check character for the first 17 characters, or null if they use characters outside the charset. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17)
    return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!)
    if (value < 0)
      return null
    sum += value * WEIGHTS[i]!
  }
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARSET[check]!
}

/** Normalises user input: trims, removes spaces, upper-cases. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

/** Returns null when the code is valid, otherwise what is wrong with it. */
export function checkUscc(input: string): UsccProblem | null {
  const code = normalizeUscc(input)
  if (code.length === 0)
    return 'empty'
  if (code.length !== 18)
    return 'length'
  if (!USCC_PATTERN.test(code))
    return 'charset'
  return usccCheckChar(code.slice(0, 17)) === code[17]
    ? null
    : 'checksum'
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input) === null
}
