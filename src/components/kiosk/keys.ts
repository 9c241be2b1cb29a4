// Key layouts for the kiosk's KeyPad, in the order a phone keypad shows them.
import { USCC_CHARSET } from '#common/codes/uscc'

/** Digits only: one-time codes and the admin's exit code. */
export const DIGIT_KEYS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '0',
] as const

/** An ID number: digits and the check character X (left of 0, where a phone has *). */
export const ID_KEYS = [
  ...DIGIT_KEYS.slice(0, 9),
  'X',
  '0',
] as const

/** A unified social credit code: only the characters GB 32100-2015 allows (no I, O, S, V, Z). */
export const USCC_KEYS = [...USCC_CHARSET]
