// Passwords per OWASP ASVS 5: scrypt (N=2^17, r=8, p=1) through the async API, a per-password salt, constant-time
// comparison; 8 to 128 characters, no composition rules, and not common or easily guessed: the zxcvbn-ts estimator
// with its common-password, English and keyboard-layout data plus local-passwords.txt (passwords common in China or
// predictable for this app) and the username as user input. Server-only: the dictionaries are large.
import type * as ZxcvbnCore from '@zxcvbn-ts/core'
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common'
import type * as ZxcvbnEn from '@zxcvbn-ts/language-en'
import type { Config } from '../config'
import { Buffer } from 'node:buffer'
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { ROOT_DIR } from '../config'

const COSTS = {
  asvs: { N: 2 ** 17, r: 8, p: 1 },
  // Tests only (config refuses it outside NODE_ENV=test): the same scheme, cheap enough for hundreds of logins.
  fast: { N: 2 ** 10, r: 8, p: 1 },
} as const
const KEY_LENGTH = 32

/**
 * How many scrypt computations may run at once, and how many may wait. One hash at the ASVS cost is ≈ 0.6 s of a
 * whole core, on libuv's thread pool (4 threads), which file reads and compression share: 60 parallel sign-ins once
 * filled it for ≈ 9 s and the whole site waited. Hashing gets at most half the cores (one on a 2-core machine), so
 * the event loop keeps a core; at most four waits per slot (a wait of ≈ 2.5 s), and beyond that a sign-in is
 * refused at once (503 with Retry-After) instead of queueing behind a flood. The cost of each hash stays the ASVS one.
 */
const HASHING_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2))
export const HASHING = { concurrent: HASHING_SLOTS, queued: 4 * HASHING_SLOTS }

/** Raised when the hashing queue is full: the caller answers 503 and the client tries again later. */
export class HashingBusyError extends Error {
  constructor() {
    super('password hashing queue is full')
    this.name = 'HashingBusyError'
  }
}

let running = 0
const waiting: (() => void)[] = []

/**
 * Whether a password check asked for now would be refused (every slot busy, the queue full). A sign-in checks this
 * first, so that in a flood the refusals cost nothing (no database work either) and the rest of the site keeps
 * its event loop.
 */
export function hashingSaturated(): boolean {
  return running >= HASHING.concurrent && waiting.length >= HASHING.queued
}

/** Runs `work` when a hashing slot is free; throws HashingBusyError at once when too many already wait. */
async function inHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHING.concurrent) {
    if (waiting.length >= HASHING.queued)
      throw new HashingBusyError()
    await new Promise<void>(resolve => waiting.push(resolve))
  }
  else {
    running++
  }
  try {
    return await work()
  }
  finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift()
    if (next)
      next()
    else
      running--
  }
}

function derive(password: string, salt: Buffer, cost: { N: number, r: number, p: number }): Promise<Buffer> {
  return inHashingSlot(() => scryptKey(password, salt, cost))
}

function scryptKey(password: string, salt: Buffer, cost: { N: number, r: number, p: number }): Promise<Buffer> {
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

/**
 * Fewest guesses zxcvbn may estimate for a password of this many characters: 10^10 (its score 3, "safely
 * unguessable") from 10 characters on. zxcvbn counts 10 guesses a character of brute force, so an 8- or
 * 9-character password can never reach 10^10; for them the bar is a random string of their length (10^8, 10^9),
 * and any pattern zxcvbn finds in them refuses them.
 */
function minGuesses(length: number): number {
  return 10 ** Math.min(length, 10)
}

/**
 * zxcvbn reads only this many characters (UTF-16 units) of a password: its time grows fast with length (over a second
 * for 128 random characters), and a password whose first 32 characters are not guessable is strong anyway.
 */
const ESTIMATED_LENGTH = 32

/** local-passwords.txt: one entry a line, most common first; `#` lines are comments. */
function readLocalPasswords(): string[] {
  // From the project's folder, not this module's: the server also runs compiled into one file.
  return readFileSync(join(ROOT_DIR, 'server', 'auth', 'local-passwords.txt'), 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

let estimator: ZxcvbnCore.ZxcvbnFactory | undefined

/**
 * Built on first use, not at import: loading the dictionaries takes about 0.4 s, which the server's start, the CLI
 * and the seed (they only hash) need not pay. require() rather than import() because checkPassword is synchronous.
 */
function getEstimator(): ZxcvbnCore.ZxcvbnFactory {
  if (!estimator) {
    const load = createRequire(import.meta.url)
    const { ZxcvbnFactory } = load('@zxcvbn-ts/core') as typeof ZxcvbnCore
    const common = load('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon
    const en = load('@zxcvbn-ts/language-en') as typeof ZxcvbnEn
    estimator = new ZxcvbnFactory({
      dictionary: {
        ...common.dictionary,
        ...en.dictionary,
        'passwords-local': readLocalPasswords(),
      },
      graphs: common.adjacencyGraphs,
      maxLength: ESTIMATED_LENGTH,
    })
  }
  return estimator
}

/** The username and its runs of letters or digits (3 or more long): `wang.fang01` → wang.fang01, wang, fang. */
function userInputs(username: string): string[] {
  const name = username.trim().toLowerCase()
  const parts = (name.match(/\p{L}+|\p{N}+/gu) ?? []).filter(part => part.length >= 3)
  const inputs = new Set([name, ...parts])
  inputs.delete('')
  return [...inputs]
}

/** Length first, then the username, then zxcvbn's guess estimate (no composition rules). */
export function checkPassword(password: string, username = ''): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN)
    return 'tooShort'
  if (length > PASSWORD_MAX)
    return 'tooLong'
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    return 'containsUsername'
  if (getEstimator().check(password, userInputs(username)).guesses < minGuesses(length))
    return 'common'
  return null
}
