// Staff and admin accounts: signing in and its limits, the session cookie and its idle and absolute limits, signing
// out, changing one's password, account management by district admins (with an authorisation matrix over every
// admin endpoint), what is stored, and the command line that creates the first admin. Every request goes through
// `call`, which also checks that no answer about an account may be cached.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { AccountList, AccountSummary, Me } from '#schemas/accounts'
import type { ErrorCode } from '../../server/errors'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { hashPassword } from '../../server/auth/password'
import { randomToken } from '../../server/lib/crypto'
import { LOGIN_LIMITS, pairDelaySeconds } from '../../server/routes/auth'
import { DEMO_ADMIN, DEMO_PASSWORD, demoStaffUsername } from '../../server/seed/data/accounts'
import { createDatabase, databaseEnv } from './engine'
import { buildTestApp, expectError, makeTempDir, steadyNow, TEST_SECRET } from './helpers'

const LOGIN = '/api/auth/login'
const LOGOUT = '/api/auth/logout'
const ME = '/api/auth/me'
const PASSWORD = '/api/auth/password'
const USERS = '/api/admin/users'
const ROOT_DIR = resolve(import.meta.dirname, '../..')

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** The defaults of SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS. */
const IDLE_MINUTES = 30
const ABSOLUTE_HOURS = 12

const STREET_A = 'jiangsu-road'
const STREET_B = 'xinhua-road'
const STAFF_A = demoStaffUsername(STREET_A)
const STAFF_B = demoStaffUsername(STREET_B)

type Method = 'GET' | 'POST' | 'PATCH'

let clientCounter = 0
/** A fresh client address, so that the per-client sign-in limit never gets in the way. */
function newClient(): string {
  clientCounter++
  return `10.60.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`
}

let nameCounter = 0
/** A username no other test uses. */
function newUsername(prefix = 'user'): string {
  nameCounter++
  return `${prefix}.${nameCounter}`
}

interface Call {
  /** The session cookie's value, when the caller has one. */
  token?: string
  /** The session cookie's name: `session` over HTTP, `__Host-session` over HTTPS. */
  cookieName?: string
  payload?: object
  client?: string
  /** Whether a non-GET request carries the CSRF header (default: it does). */
  csrf?: boolean
  headers?: Record<string, string>
}

/** One request; every answer about accounts, error or not, must forbid caching. */
async function call(app: FastifyInstance, method: Method, url: string, { token, cookieName = 'session', payload, client, csrf = true, headers = {} }: Call = {}): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method,
    url,
    headers: {
      ...(method !== 'GET' && csrf
        ? { [CSRF_HEADER]: CSRF_VALUE }
        : {}),
      ...headers,
    },
    cookies: token === undefined
      ? {}
      : { [cookieName]: token },
    remoteAddress: client ?? newClient(),
    ...(payload === undefined
      ? {}
      : { payload }),
  })
  expect(res.headers['cache-control'], `${method} ${url} → ${res.statusCode}`).toBe('no-store')
  return res
}

/** A 429 with the wait in both the retry-after header and the body, no longer than the window. */
function expectTooMany(res: LightMyRequestResponse): number {
  const error = expectError(res, 429, 'TOO_MANY_REQUESTS')
  expect(error.retryAfterSeconds).toBeGreaterThan(0)
  expect(error.retryAfterSeconds).toBeLessThanOrEqual(Math.max(LOGIN_LIMITS.windowMinutes * 60, LOGIN_LIMITS.maxDelaySeconds))
  expect(res.headers['retry-after']).toBe(String(error.retryAfterSeconds))
  return error.retryAfterSeconds ?? 0
}

interface SetCookie {
  name: string
  value: string
  attributes: string[]
}

/** The one cookie the answer sets. */
function setCookie(res: LightMyRequestResponse): SetCookie {
  const header = res.headers['set-cookie']
  expect(typeof header, `one set-cookie header: ${JSON.stringify(header)}`).toBe('string')
  const [pair = '', ...attributes] = String(header).split('; ')
  const eq = pair.indexOf('=')
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attributes,
  }
}

function login(app: FastifyInstance, username: string, password: string, options: Call = {}): Promise<LightMyRequestResponse> {
  return call(app, 'POST', LOGIN, {
    ...options,
    payload: { username, password },
  })
}

/** Signs in (which must succeed) and returns the session cookie's value and the signed-in user. */
async function signIn(app: FastifyInstance, username: string, password: string, options: Call = {}): Promise<{ token: string, me: Me }> {
  const res = await login(app, username, password, options)
  expect(res.statusCode, `${username}: ${res.body}`).toBe(200)
  const cookie = setCookie(res)
  expect(cookie.name).toBe(options.headers?.['x-forwarded-proto'] === 'https'
    ? '__Host-session'
    : 'session')
  return {
    token: cookie.value,
    me: res.json<Me>(),
  }
}

async function me(app: FastifyInstance, token: string): Promise<LightMyRequestResponse> {
  return call(app, 'GET', ME, { token })
}

/** The signed-in user behind a session that must still be valid. */
async function meOk(app: FastifyInstance, token: string): Promise<Me> {
  const res = await me(app, token)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Me>()
}

async function expectSignedOut(app: FastifyInstance, token: string): Promise<void> {
  expectError(await me(app, token), 401, 'UNAUTHENTICATED')
}

interface NewAccount {
  role?: 'staff' | 'admin'
  street?: string
  password?: string
  mustChangePassword?: boolean
}

/** An account written straight into the database (no audit entry); returns its id. */
async function addAccount(app: FastifyInstance, username: string, { role = 'staff', street = STREET_A, password = DEMO_PASSWORD, mustChangePassword = false }: NewAccount = {}): Promise<number> {
  const streetRow = role === 'staff'
    ? await app.db.selectFrom('streets').select('id').where('key', '=', street).executeTakeFirstOrThrow()
    : null
  return app.repos.accounts.create({
    username,
    display_name: `测试 ${username}`,
    role,
    street_id: streetRow?.id ?? null,
    password_hash: await hashPassword(password, app.config.passwordHashCost),
    must_change_password: mustChangePassword
      ? 1
      : 0,
  }, steadyNow().toISOString())
}

async function sessionCount(app: FastifyInstance, userId?: number): Promise<number> {
  let q = app.db.selectFrom('sessions').select(eb => eb.fn.countAll<number>().as('n'))
  if (userId !== undefined)
    q = q.where('user_id', '=', userId)
  return Number((await q.executeTakeFirstOrThrow()).n)
}

async function countRows(app: FastifyInstance, table: 'users' | 'admin_audit' | 'login_failures'): Promise<number> {
  const row = await app.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function userId(app: FastifyInstance, username: string): Promise<number> {
  const row = await app.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  return row.id
}

describe('accounts: signing in', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer 200 with the user and set an HttpOnly, SameSite=Strict session cookie without Secure when the password is right over HTTP', async () => {
    const res = await login(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Me>()).toEqual({
      id: await userId(t.app, DEMO_ADMIN.username),
      username: DEMO_ADMIN.username,
      displayName: DEMO_ADMIN.displayName,
      role: 'admin',
      street: null,
      mustChangePassword: false,
    })
    const cookie = setCookie(res)
    expect(cookie.name).toBe('session')
    expect(cookie.value).toMatch(/^[\w-]{43}$/)
    expect(cookie.attributes).toContain('HttpOnly')
    expect(cookie.attributes).toContain('SameSite=Strict')
    expect(cookie.attributes).toContain('Path=/')
    expect(cookie.attributes).toContain(`Max-Age=${ABSOLUTE_HOURS * 3600}`)
    expect(cookie.attributes).not.toContain('Secure')
    expect(cookie.attributes.some(a => a.startsWith('Domain='))).toBe(false)
    expect(await meOk(t.app, cookie.value)).toEqual(res.json<Me>())
  })

  it('should answer with the street of a street staff account when it signs in', async () => {
    const { me: staff } = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    expect(staff).toMatchObject({ username: STAFF_A, role: 'staff', mustChangePassword: false })
    expect(staff.street?.key).toBe(STREET_A)
    expect(staff.street?.name.length).toBeGreaterThan(0)
    expect(staff.street?.nameEn.length).toBeGreaterThan(0)
  })

  it('should sign in when the username is typed with capitals and spaces around it', async () => {
    const { me: admin } = await signIn(t.app, ` ${DEMO_ADMIN.username.toUpperCase()} `, DEMO_PASSWORD)
    expect(admin.username).toBe(DEMO_ADMIN.username)
  })

  it('should set a plain cookie without Secure when X-Forwarded-Proto claims HTTPS but proxies are not trusted', async () => {
    const res = await login(t.app, DEMO_ADMIN.username, DEMO_PASSWORD, {
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const cookie = setCookie(res)
    expect(cookie.name).toBe('session')
    expect(cookie.attributes).not.toContain('Secure')
  })

  it('should answer 401 LOGIN_FAILED with byte-identical bodies and set no cookie when the password is wrong, the user unknown or the account disabled', async () => {
    const disabled = newUsername('disabled')
    const id = await addAccount(t.app, disabled)
    await t.app.repos.accounts.update(id, {
      disabled_at: steadyNow().toISOString(),
    }, steadyNow().toISOString())
    const sessions = await sessionCount(t.app)
    const answers = [
      await login(t.app, STAFF_B, 'not-the-password-2026'),
      await login(t.app, newUsername('nobody'), DEMO_PASSWORD),
      // The right password for a disabled account.
      await login(t.app, disabled, DEMO_PASSWORD),
    ]
    for (const res of answers) {
      expectError(res, 401, 'LOGIN_FAILED')
      expect(res.headers['set-cookie']).toBeUndefined()
    }
    const [first, ...rest] = answers
    for (const res of rest) {
      expect(res.body).toBe(first?.body)
      expect(res.rawPayload.equals(first?.rawPayload ?? Buffer.alloc(0))).toBe(true)
      expect(res.headers['content-type']).toBe(first?.headers['content-type'])
    }
    expect(await sessionCount(t.app)).toBe(sessions)
  })

  it('should answer 400 VALIDATION_FAILED when the username or password is missing', async () => {
    expectError(await call(t.app, 'POST', LOGIN, {
      payload: { username: DEMO_ADMIN.username },
    }), 400, 'VALIDATION_FAILED')
    expectError(await call(t.app, 'POST', LOGIN, {
      payload: { password: DEMO_PASSWORD },
    }), 400, 'VALIDATION_FAILED')
    expectError(await call(t.app, 'POST', LOGIN, {
      payload: { username: '', password: DEMO_PASSWORD },
    }), 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['without the header', {}],
    [
      'with another value',
      { [CSRF_HEADER]: 'XMLHttpRequest' },
    ],
  ])('should answer 403 CSRF_REJECTED to a sign-in %s, start no session and count no failure', async (_what, headers) => {
    const sessions = await sessionCount(t.app)
    const failures = await countRows(t.app, 'login_failures')
    const res = await call(t.app, 'POST', LOGIN, {
      csrf: false,
      headers,
      payload: { username: DEMO_ADMIN.username, password: DEMO_PASSWORD },
    })
    expectError(res, 403, 'CSRF_REJECTED')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(await sessionCount(t.app)).toBe(sessions)
    // A wrong password without the header is not counted either.
    expectError(await call(t.app, 'POST', LOGIN, {
      csrf: false,
      headers,
      payload: { username: DEMO_ADMIN.username, password: 'wrong-password-2026' },
    }), 403, 'CSRF_REJECTED')
    expect(await countRows(t.app, 'login_failures')).toBe(failures)
  })

  it('should answer 403 CSRF_REJECTED to sign-out, password change and account management without the header', async () => {
    const { token } = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    expectError(await call(t.app, 'POST', LOGOUT, { token, csrf: false }), 403, 'CSRF_REJECTED')
    expectError(await call(t.app, 'POST', PASSWORD, {
      token,
      csrf: false,
      payload: { current: DEMO_PASSWORD, next: 'fresh tea by the window' },
    }), 403, 'CSRF_REJECTED')
    const users = await countRows(t.app, 'users')
    expectError(await call(t.app, 'POST', USERS, {
      token,
      csrf: false,
      payload: {
        username: newUsername(),
        displayName: '测试',
        role: 'admin',
        password: 'fresh tea by the window',
      },
    }), 403, 'CSRF_REJECTED')
    expect(await countRows(t.app, 'users')).toBe(users)
    // None of them took effect: the session lives on and the password is unchanged.
    expect((await meOk(t.app, token)).username).toBe(DEMO_ADMIN.username)
    await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
  })

  it('should answer 401 UNAUTHENTICATED on /api/auth/me when no session cookie is sent', async () => {
    expectError(await call(t.app, 'GET', ME), 401, 'UNAUTHENTICATED')
  })

  it.each([
    [
      'a well-formed token that was never issued',
      randomToken(),
    ],
    ['an empty value', ''],
    [
      'a 500-character value',
      's'.repeat(500),
    ],
  ])('should answer 401 UNAUTHENTICATED on /api/auth/me when the cookie holds %s', async (_what, value) => {
    expectError(await me(t.app, value), 401, 'UNAUTHENTICATED')
    expectError(await call(t.app, 'GET', ME, { token: value, cookieName: '__Host-session' }), 401, 'UNAUTHENTICATED')
  })

  it('should replace the session the client brought with a new token when it signs in again', async () => {
    const id = await userId(t.app, STAFF_B)
    const first = await signIn(t.app, STAFF_B, DEMO_PASSWORD)
    const before = await sessionCount(t.app, id)
    const second = await signIn(t.app, STAFF_B, DEMO_PASSWORD, { token: first.token })
    expect(second.token).not.toBe(first.token)
    await expectSignedOut(t.app, first.token)
    expect((await meOk(t.app, second.token)).username).toBe(STAFF_B)
    expect(await sessionCount(t.app, id)).toBe(before)
  })

  it('should end the brought session, even another user\'s, when a client signs in as someone else', async () => {
    const staff = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    const admin = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD, { token: staff.token })
    expect(admin.token).not.toBe(staff.token)
    await expectSignedOut(t.app, staff.token)
    expect((await meOk(t.app, admin.token)).username).toBe(DEMO_ADMIN.username)
  })

  it('should keep other sessions of the same user when the user signs in on a second device', async () => {
    const phone = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    const desk = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    expect(desk.token).not.toBe(phone.token)
    expect((await meOk(t.app, phone.token)).username).toBe(STAFF_A)
    expect((await meOk(t.app, desk.token)).username).toBe(STAFF_A)
  })

  it('should record each sign-in in the admin audit log with the user as actor', async () => {
    const id = await userId(t.app, STAFF_B)
    const before = await t.app.db.selectFrom('admin_audit').selectAll().where('actor_id', '=', id).where('action', '=', 'login').execute()
    await signIn(t.app, STAFF_B, DEMO_PASSWORD)
    const after = await t.app.db.selectFrom('admin_audit').selectAll().where('actor_id', '=', id).where('action', '=', 'login').execute()
    expect(after).toHaveLength(before.length + 1)
  })
})

describe('accounts: signing in over HTTPS', () => {
  let t: TestApp
  const HTTPS = { 'x-forwarded-proto': 'https' }

  beforeAll(async () => {
    t = await buildTestApp({
      env: { TRUST_PROXY: 'true' },
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should set a __Host-session cookie with Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain when the request came over HTTPS', async () => {
    const res = await login(t.app, DEMO_ADMIN.username, DEMO_PASSWORD, { headers: HTTPS })
    expect(res.statusCode, res.body).toBe(200)
    const cookie = setCookie(res)
    expect(cookie.name).toBe('__Host-session')
    expect(cookie.value).toMatch(/^[\w-]{43}$/)
    expect(cookie.attributes).toContain('Secure')
    expect(cookie.attributes).toContain('HttpOnly')
    expect(cookie.attributes).toContain('SameSite=Strict')
    expect(cookie.attributes).toContain('Path=/')
    expect(cookie.attributes.some(a => a.startsWith('Domain='))).toBe(false)
    const res2 = await call(t.app, 'GET', ME, { token: cookie.value, cookieName: '__Host-session', headers: HTTPS })
    expect(res2.statusCode, res2.body).toBe(200)
    expect(res2.json<Me>().username).toBe(DEMO_ADMIN.username)
  })

  it('should set the plain session cookie without Secure when the trusted proxy says the request came over HTTP', async () => {
    const res = await login(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    expect(res.statusCode, res.body).toBe(200)
    const cookie = setCookie(res)
    expect(cookie.name).toBe('session')
    expect(cookie.attributes).not.toContain('Secure')
  })

  it('should clear the __Host-session cookie with Secure and refuse its token when the user signs out over HTTPS', async () => {
    const { token } = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD, { headers: HTTPS })
    const res = await call(t.app, 'POST', LOGOUT, { token, cookieName: '__Host-session', headers: HTTPS })
    expect(res.statusCode, res.body).toBe(204)
    const cleared = setCookie(res)
    expect(cleared.name).toBe('__Host-session')
    expect(cleared.value).toBe('')
    expect(cleared.attributes).toContain('Max-Age=0')
    expect(cleared.attributes).toContain('Secure')
    expect(cleared.attributes).toContain('Path=/')
    expectError(await call(t.app, 'GET', ME, { token, cookieName: '__Host-session', headers: HTTPS }), 401, 'UNAUTHENTICATED')
  })
})

describe('accounts: sign-in limits', () => {
  let t: TestApp
  let now = steadyNow()

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  const SECOND = 1000
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms)
  }

  /** Fails `count` times from one address, waiting out each growing delay (as a patient guesser would). */
  async function failPatiently(username: string, client: string, count: number) {
    for (let i = 0; i < count; i++) {
      later(pairDelaySeconds(i) * SECOND)
      expectError(await login(t.app, username, `wrong-password-${i}`, { client }), 401, 'LOGIN_FAILED')
    }
  }

  it('should make one address wait twice as long after each failure past the free ones, telling it how long', async () => {
    const username = newUsername('slowed')
    await addAccount(t.app, username)
    const client = newClient()
    for (let i = 0; i < LOGIN_LIMITS.freePerPair; i++)
      expectError(await login(t.app, username, `wrong-password-${i}`, { client }), 401, 'LOGIN_FAILED')
    const failures = await countRows(t.app, 'login_failures')
    // Even the right password waits its turn, and a refused try is not a further failure.
    expect(expectTooMany(await login(t.app, username, DEMO_PASSWORD, { client }))).toBe(1)
    expect(await countRows(t.app, 'login_failures')).toBe(failures)
    later(SECOND)
    expectError(await login(t.app, username, 'wrong-password-again', { client }), 401, 'LOGIN_FAILED')
    expect(expectTooMany(await login(t.app, username, DEMO_PASSWORD, { client }))).toBe(2)
    later(2 * SECOND)
    const { me } = await signIn(t.app, username, DEMO_PASSWORD, { client })
    expect(me.username).toBe(username)
    // Success from that address clears its failures: the next wrong password is free again.
    expectError(await login(t.app, username, 'wrong-password-after', { client }), 401, 'LOGIN_FAILED')
  })

  it('should never let a stranger lock the owner out: failing from one address slows only that address', async () => {
    const username = newUsername('owner')
    await addAccount(t.app, username)
    const stranger = newClient()
    await failPatiently(username, stranger, 14)
    expectTooMany(await login(t.app, username, 'one-more-guess', { client: stranger }))
    // The owner, from their own address, signs in at once.
    expect((await signIn(t.app, username, DEMO_PASSWORD, {
      client: newClient(),
    })).me.username).toBe(username)
  })

  it('should cap the wait at the maximum', () => {
    expect(pairDelaySeconds(LOGIN_LIMITS.freePerPair - 1)).toBe(0)
    expect(pairDelaySeconds(LOGIN_LIMITS.freePerPair)).toBe(1)
    expect(pairDelaySeconds(LOGIN_LIMITS.freePerPair + 3)).toBe(8)
    expect(pairDelaySeconds(LOGIN_LIMITS.freePerPair + 40)).toBe(LOGIN_LIMITS.maxDelaySeconds)
  })

  it('should check at most the free tries\' worth of passwords when a burst from one address arrives at once', async () => {
    const username = newUsername('burst')
    await addAccount(t.app, username)
    const client = newClient()
    const burst = [
      ...Array.from({ length: 39 }, (_, i) => `wrong-password-${i}`),
      DEMO_PASSWORD,
    ]
    const answers = await Promise.all(burst.map(password => login(t.app, username, password, { client })))
    // Past the free tries every one is refused unchecked: by the pair's limit (429), or, while the password checks
    // already admitted are running, by the hashing queue (503 SIGN_IN_BUSY); either way with Retry-After.
    const unchecked = answers.filter(res => res.statusCode === 429 || res.statusCode === 503)
    const checked = answers.filter(res => !unchecked.includes(res))
    expect(checked.length).toBeLessThanOrEqual(LOGIN_LIMITS.freePerPair)
    expect(checked.every(res => res.statusCode === 401)).toBe(true)
    for (const res of unchecked) {
      expect(['TOO_MANY_REQUESTS', 'SIGN_IN_BUSY']).toContain(res.json<{ error: { code: string } }>().error.code)
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    }
    // The right password came last: its turn was past the limit, so it was refused like the rest.
    expect(unchecked).toContain(answers.at(-1))
    expect(answers.every(res => res.headers['set-cookie'] === undefined)).toBe(true)
  })

  it('should lock an account that fails from many addresses, even to the right password, until an admin lifts the lock', async () => {
    const username = newUsername('spread')
    const id = await addAccount(t.app, username)
    for (let i = 0; i < LOGIN_LIMITS.lockAddresses - 1; i++)
      expectError(await login(t.app, username, `wrong-password-${i}`), 401, 'LOGIN_FAILED')
    const locked = await login(t.app, username, 'the-tenth-guess')
    expectError(locked, 429, 'ACCOUNT_LOCKED')
    expect(Number(locked.headers['retry-after'])).toBe(LOGIN_LIMITS.lockMinutes * 60)
    expectError(await login(t.app, username, DEMO_PASSWORD), 429, 'ACCOUNT_LOCKED')
    expect((await t.app.db.selectFrom('admin_audit').select('action').where('target', '=', username).execute()).map(r => r.action)).toContain('user.lock')

    // The admin sees the lock and lifts it.
    const admin = (await signIn(t.app, 'demo-admin', DEMO_PASSWORD)).token
    const list = await call(t.app, 'GET', '/api/admin/users', { token: admin })
    const entry = list.json<{ items: { id: number, lockedUntil: string | null }[] }>().items.find(a => a.id === id)
    expect(entry?.lockedUntil).toBe(new Date(now.getTime() + LOGIN_LIMITS.lockMinutes * 60_000).toISOString())
    expect((await call(t.app, 'POST', `/api/admin/users/${id}/unlock`, { token: admin })).statusCode).toBe(204)
    const after = await call(t.app, 'GET', '/api/admin/users', { token: admin })
    expect(after.json<{ items: { id: number, lockedUntil: string | null }[] }>().items.find(a => a.id === id)?.lockedUntil).toBeNull()
    expect((await signIn(t.app, username, DEMO_PASSWORD)).me.username).toBe(username)
  })

  it('should lift a lock by itself once its time is over', async () => {
    const username = newUsername('expires')
    await addAccount(t.app, username)
    for (let i = 0; i < LOGIN_LIMITS.lockAddresses; i++)
      await login(t.app, username, `wrong-password-${i}`)
    expectError(await login(t.app, username, DEMO_PASSWORD), 429, 'ACCOUNT_LOCKED')
    later((LOGIN_LIMITS.lockMinutes + 1) * 60_000)
    expect((await signIn(t.app, username, DEMO_PASSWORD)).me.username).toBe(username)
  })

  it('should count the addresses of one IPv6 network as one, so a single attacker cannot lock an account', async () => {
    const username = newUsername('ipv6')
    await addAccount(t.app, username)
    for (let i = 0; i < LOGIN_LIMITS.lockAddresses + 2; i++) {
      later(pairDelaySeconds(i) * SECOND)
      const res = await login(t.app, username, `wrong-password-${i}`, { client: `2001:db8:1:2::${(i + 1).toString(16)}` })
      expect(res.statusCode, res.body).toBe(401)
    }
    expect((await signIn(t.app, username, DEMO_PASSWORD)).me.username).toBe(username)
  })

  it('should not limit other accounts when one account is slowed down', async () => {
    const slowed = newUsername('slowed')
    const other = newUsername('other')
    await addAccount(t.app, slowed)
    await addAccount(t.app, other)
    const client = newClient()
    for (let i = 0; i < LOGIN_LIMITS.freePerPair; i++)
      expectError(await login(t.app, slowed, 'wrong-password', { client }), 401, 'LOGIN_FAILED')
    expectTooMany(await login(t.app, slowed, DEMO_PASSWORD, { client }))
    expect((await signIn(t.app, other, DEMO_PASSWORD, { client })).me.username).toBe(other)
  })

  it('should answer 429 to one address across usernames past its ceiling, and still let other addresses in', async () => {
    const busy = newClient()
    const username = newUsername('victim')
    await addAccount(t.app, username)
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++) {
      const res = await login(t.app, newUsername('guess'), 'guessed-password', { client: busy })
      expectError(res, 401, 'LOGIN_FAILED')
    }
    expectTooMany(await login(t.app, username, DEMO_PASSWORD, { client: busy }))
    expectTooMany(await login(t.app, newUsername('guess'), 'guessed-password', { client: busy }))
    // The account itself had no failures: from another address it signs in.
    expect((await signIn(t.app, username, DEMO_PASSWORD, {
      client: newClient(),
    })).me.username).toBe(username)
  })

  it('should let an address in again when its failures are older than the window', async () => {
    const busy = newClient()
    const username = newUsername('patient')
    await addAccount(t.app, username)
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++)
      expectError(await login(t.app, newUsername('guess'), 'guessed-password', { client: busy }), 401, 'LOGIN_FAILED')
    expectTooMany(await login(t.app, username, DEMO_PASSWORD, { client: busy }))
    later((LOGIN_LIMITS.windowMinutes + 1) * 60_000)
    expect((await signIn(t.app, username, DEMO_PASSWORD, { client: busy })).me.username).toBe(username)
  })
})

describe('accounts: sessions', () => {
  let t: TestApp
  let now = steadyNow()
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms)
  }

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should end the session and delete it when no request came for more than the idle timeout', async () => {
    const { token } = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    const id = await userId(t.app, STAFF_A)
    const before = await sessionCount(t.app, id)
    later((IDLE_MINUTES - 1) * MINUTE)
    expect((await meOk(t.app, token)).username).toBe(STAFF_A)
    later((IDLE_MINUTES + 1) * MINUTE)
    await expectSignedOut(t.app, token)
    expect(await sessionCount(t.app, id)).toBe(before - 1)
    // Going back in time does not revive it.
    later(-(IDLE_MINUTES + 1) * MINUTE)
    await expectSignedOut(t.app, token)
    later((IDLE_MINUTES + 1) * MINUTE)
  })

  it('should keep the session alive across two hours when a request comes every 29 minutes', async () => {
    const { token } = await signIn(t.app, STAFF_A, DEMO_PASSWORD)
    const start = now.getTime()
    while (now.getTime() - start < 2 * HOUR) {
      later(29 * MINUTE)
      expect((await meOk(t.app, token)).username).toBe(STAFF_A)
    }
    later(31 * MINUTE)
    await expectSignedOut(t.app, token)
  })

  it('should end a busy session at the absolute limit', async () => {
    const { token } = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    const start = now.getTime()
    while (now.getTime() - start < ABSOLUTE_HOURS * HOUR) {
      later(20 * MINUTE)
      const res = await call(t.app, 'GET', USERS, { token })
      expect(res.statusCode, `${(now.getTime() - start) / MINUTE} min: ${res.body}`).toBe(200)
    }
    expect(now.getTime() - start).toBe(ABSOLUTE_HOURS * HOUR)
    // One minute later, well inside the idle timeout, the session is over.
    later(MINUTE)
    expectError(await call(t.app, 'GET', USERS, { token }), 401, 'UNAUTHENTICATED')
    await expectSignedOut(t.app, token)
    // Signing in again gives a fresh twelve hours.
    const again = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    expect((await meOk(t.app, again.token)).username).toBe(DEMO_ADMIN.username)
  })

  it('should answer 204, clear the cookie and refuse the old token when the user signs out', async () => {
    const { token } = await signIn(t.app, STAFF_B, DEMO_PASSWORD)
    const id = await userId(t.app, STAFF_B)
    const before = await sessionCount(t.app, id)
    const res = await call(t.app, 'POST', LOGOUT, { token })
    expect(res.statusCode, res.body).toBe(204)
    expect(res.body).toBe('')
    const cleared = setCookie(res)
    expect(cleared.name).toBe('session')
    expect(cleared.value).toBe('')
    expect(cleared.attributes).toContain('Max-Age=0')
    expect(cleared.attributes).toContain('Path=/')
    expect(cleared.attributes).toContain('HttpOnly')
    expect(await sessionCount(t.app, id)).toBe(before - 1)
    await expectSignedOut(t.app, token)
    expectError(await call(t.app, 'GET', USERS, { token }), 401, 'UNAUTHENTICATED')
  })

  it('should answer 204 and clear the cookie when a client without a session signs out', async () => {
    const sessions = await sessionCount(t.app)
    const res = await call(t.app, 'POST', LOGOUT)
    expect(res.statusCode, res.body).toBe(204)
    expect(setCookie(res)).toMatchObject({ name: 'session', value: '' })
    expect(await sessionCount(t.app)).toBe(sessions)
  })

  it('should end only the session signed out of when the user has several', async () => {
    const first = await signIn(t.app, STAFF_B, DEMO_PASSWORD)
    const second = await signIn(t.app, STAFF_B, DEMO_PASSWORD)
    expect((await call(t.app, 'POST', LOGOUT, { token: first.token })).statusCode).toBe(204)
    await expectSignedOut(t.app, first.token)
    expect((await meOk(t.app, second.token)).username).toBe(STAFF_B)
  })
})

describe('accounts: changing one\'s password', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  function change(token: string, current: string, next: string): Promise<LightMyRequestResponse> {
    return call(t.app, 'POST', PASSWORD, {
      token,
      payload: { current, next },
    })
  }

  it('should answer 401 UNAUTHENTICATED when no one is signed in', async () => {
    expectError(await call(t.app, 'POST', PASSWORD, {
      payload: { current: DEMO_PASSWORD, next: 'fresh tea by the window' },
    }), 401, 'UNAUTHENTICATED')
  })

  it('should answer 400 CURRENT_PASSWORD_WRONG and keep the password when the current password is wrong', async () => {
    const username = newUsername('changer')
    await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const error = expectError(await change(token, 'not-my-password', 'fresh tea by the window'), 400, 'CURRENT_PASSWORD_WRONG')
    expect(error.details).toEqual([
      { field: 'body.current', reason: 'wrong' },
    ])
    expectError(await login(t.app, username, 'fresh tea by the window'), 401, 'LOGIN_FAILED')
    await signIn(t.app, username, DEMO_PASSWORD)
    expect((await meOk(t.app, token)).username).toBe(username)
  })

  it.each([
    [
      '7 characters',
      () => 'qz7#mvk',
      'tooShort',
    ],
    [
      '129 characters',
      () => 'q'.repeat(129),
      'tooLong',
    ],
    [
      'a common password',
      () => 'password123',
      'common',
    ],
    [
      'a common password in other case',
      () => 'PassWord123',
      'common',
    ],
    [
      'one containing the username',
      (username: string) => `my ${username} passphrase`,
      'containsUsername',
    ],
    [
      'one containing the username in capitals',
      (username: string) => `MY-${username.toUpperCase()}-2026`,
      'containsUsername',
    ],
  ])('should answer 400 PASSWORD_WEAK with the reason when the new password is %s', async (_what, next, reason) => {
    const username = newUsername('weakling')
    await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const error = expectError(await change(token, DEMO_PASSWORD, next(username)), 400, 'PASSWORD_WEAK')
    expect(error.details).toEqual([
      { field: 'body.next', reason },
    ])
    // The old password still works.
    await signIn(t.app, username, DEMO_PASSWORD)
  })

  it.each([
    ['a long all-lowercase passphrase', 'spring rain on yan an road'],
    ['exactly 8 characters with no rule of composition', 'lz4-quay'],
    ['a Chinese passphrase', '长宁区信用办的春天来了'],
  ])('should answer 204 when the new password is %s', async (_what, next) => {
    const username = newUsername('phrase')
    await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const res = await change(token, DEMO_PASSWORD, next)
    expect(res.statusCode, res.body).toBe(204)
    expect(res.body).toBe('')
    expect((await signIn(t.app, username, next)).me.username).toBe(username)
  })

  it('should end the user\'s other sessions but keep the current one, and let only the new password sign in, when the password is changed', async () => {
    const username = newUsername('mover')
    const id = await addAccount(t.app, username)
    const other = newUsername('bystander')
    await addAccount(t.app, other)
    const here = await signIn(t.app, username, DEMO_PASSWORD)
    const phone = await signIn(t.app, username, DEMO_PASSWORD)
    const desk = await signIn(t.app, username, DEMO_PASSWORD)
    const bystander = await signIn(t.app, other, DEMO_PASSWORD)
    const next = 'plum blossom winter walk'
    const res = await change(here.token, DEMO_PASSWORD, next)
    expect(res.statusCode, res.body).toBe(204)
    await expectSignedOut(t.app, phone.token)
    await expectSignedOut(t.app, desk.token)
    expect(await meOk(t.app, here.token)).toMatchObject({ username, mustChangePassword: false })
    expect(await sessionCount(t.app, id)).toBe(1)
    // Another user's session is untouched.
    expect((await meOk(t.app, bystander.token)).username).toBe(other)
    expectError(await login(t.app, username, DEMO_PASSWORD), 401, 'LOGIN_FAILED')
    expect((await signIn(t.app, username, next)).me.username).toBe(username)
    // The old password is no longer the current one.
    expectError(await change(here.token, DEMO_PASSWORD, 'blue ferry at dusk'), 400, 'CURRENT_PASSWORD_WRONG')
  })

  it('should record the change in the admin audit log with the user as actor', async () => {
    const username = newUsername('audited')
    const id = await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    expect((await change(token, DEMO_PASSWORD, 'kiosk lantern harbour')).statusCode).toBe(204)
    const rows = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'password.change').where('target', '=', username).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.actor_id).toBe(id)
    expect(JSON.stringify(rows)).not.toContain('kiosk lantern harbour')
  })
})

type Caller = 'anonymous' | 'staffA' | 'staffB' | 'admin'

interface Endpoint {
  endpoint: string
  ok: number
  request: (target: number) => { method: Method, url: string, payload?: object }
}

const ENDPOINTS: Endpoint[] = [
  {
    endpoint: 'GET /api/admin/users',
    ok: 200,
    request: () => ({ method: 'GET', url: USERS }),
  },
  {
    endpoint: 'POST /api/admin/users',
    ok: 201,
    request: () => ({
      method: 'POST',
      url: USERS,
      payload: {
        username: newUsername('matrix'),
        displayName: '测试 矩阵',
        role: 'staff',
        street: STREET_A,
        password: 'fresh tea by the window',
      },
    }),
  },
  {
    endpoint: 'PATCH /api/admin/users/:id',
    ok: 200,
    request: target => ({
      method: 'PATCH',
      url: `${USERS}/${target}`,
      payload: { displayName: '测试 矩阵 改名' },
    }),
  },
  {
    endpoint: 'POST /api/admin/users/:id/password',
    ok: 204,
    request: target => ({
      method: 'POST',
      url: `${USERS}/${target}/password`,
      payload: { password: 'blue ferry at dusk' },
    }),
  },
]

const CALLERS: { caller: Caller, who: string, status?: number, code?: ErrorCode }[] = [
  {
    caller: 'anonymous',
    who: 'an anonymous caller',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    caller: 'staffA',
    who: `street staff of ${STREET_A}`,
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'staffB',
    who: `street staff of ${STREET_B}`,
    status: 403,
    code: 'FORBIDDEN',
  },
  { caller: 'admin', who: 'a district admin' },
]

const MATRIX = ENDPOINTS.flatMap(e => CALLERS.map(c => ({
  ...e,
  ...c,
  expected: c.status === undefined
    ? String(e.ok)
    : `${c.status} ${c.code}`,
})))

interface Sessions {
  admin: string
  staffA: string
  staffB: string
}

describe('accounts: managing accounts as an admin', () => {
  let t: TestApp
  let s: Sessions
  let adminId: number

  beforeAll(async () => {
    t = await buildTestApp()
    adminId = await userId(t.app, DEMO_ADMIN.username)
    s = {
      admin: (await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)).token,
      staffA: (await signIn(t.app, STAFF_A, DEMO_PASSWORD)).token,
      staffB: (await signIn(t.app, STAFF_B, DEMO_PASSWORD)).token,
    }
  })
  afterAll(async () => {
    await t.close()
  })

  function create(payload: object): Promise<LightMyRequestResponse> {
    return call(t.app, 'POST', USERS, { token: s.admin, payload })
  }

  async function created(payload: { username: string, displayName: string, role: 'staff' | 'admin', street?: string, password: string }): Promise<AccountSummary> {
    const res = await create(payload)
    expect(res.statusCode, res.body).toBe(201)
    return res.json<AccountSummary>()
  }

  function patch(id: number, payload: object, token = s.admin): Promise<LightMyRequestResponse> {
    return call(t.app, 'PATCH', `${USERS}/${id}`, { token, payload })
  }

  function reset(id: number, password: string, token = s.admin): Promise<LightMyRequestResponse> {
    return call(t.app, 'POST', `${USERS}/${id}/password`, {
      token,
      payload: { password },
    })
  }

  async function list(): Promise<AccountSummary[]> {
    const res = await call(t.app, 'GET', USERS, { token: s.admin })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<AccountList>().items
  }

  it('should list every account with its role, street and state when an admin asks', async () => {
    const items = await list()
    const streets = await t.app.db.selectFrom('streets').select('key').execute()
    expect(items.length).toBe(await countRows(t.app, 'users'))
    expect(items.length).toBeGreaterThanOrEqual(streets.length + 1)
    expect(items.find(a => a.username === DEMO_ADMIN.username)).toMatchObject({
      id: adminId,
      role: 'admin',
      street: null,
      disabled: false,
      mustChangePassword: false,
    })
    for (const { key } of streets) {
      const staff = items.find(a => a.username === demoStaffUsername(key))
      expect(staff, key).toMatchObject({
        role: 'staff',
        street: { key },
        disabled: false,
      })
    }
    expect(JSON.stringify(items)).not.toMatch(/scrypt|password_?hash/i)
  })

  it('should create a street staff account that must change its password and appears in the list', async () => {
    const username = newUsername('staff')
    const account = await created({
      username,
      displayName: ' 测试 新同事 ',
      role: 'staff',
      street: STREET_B,
      password: 'fresh tea by the window',
    })
    expect(account).toMatchObject({
      username,
      displayName: '测试 新同事',
      role: 'staff',
      mustChangePassword: true,
      disabled: false,
    })
    expect(account.street?.key).toBe(STREET_B)
    expect(Number.isNaN(Date.parse(account.createdAt))).toBe(false)
    expect((await list()).find(a => a.id === account.id)).toEqual(account)
  })

  it.each([
    [
      'staff without a street',
      { role: 'staff' },
    ],
    [
      'an admin with a street',
      { role: 'admin', street: STREET_A },
    ],
  ])('should answer 400 VALIDATION_FAILED and create nothing when asked to create %s', async (_what, fields) => {
    const users = await countRows(t.app, 'users')
    const error = expectError(await create({
      username: newUsername(),
      displayName: '测试',
      password: 'fresh tea by the window',
      ...fields,
    }), 400, 'VALIDATION_FAILED')
    expect(error.details?.[0]?.field).toBe('body.street')
    expect(await countRows(t.app, 'users')).toBe(users)
  })

  it('should answer 400 VALIDATION_FAILED and create nothing when the street is unknown', async () => {
    const users = await countRows(t.app, 'users')
    const username = newUsername()
    const error = expectError(await create({
      username,
      displayName: '测试',
      role: 'staff',
      street: 'no-such-street',
      password: 'fresh tea by the window',
    }), 400, 'VALIDATION_FAILED')
    expect(error.details).toEqual([
      { field: 'body.street', reason: 'unknown street' },
    ])
    expect(await countRows(t.app, 'users')).toBe(users)
  })

  it.each([
    ['capitals', 'New.Staff'],
    ['a space', 'new staff'],
    ['two characters', 'ab'],
    ['a leading dot', '.staff'],
  ])('should answer 400 VALIDATION_FAILED when the username has %s', async (_what, username) => {
    expectError(await create({
      username,
      displayName: '测试',
      role: 'admin',
      password: 'fresh tea by the window',
    }), 400, 'VALIDATION_FAILED')
  })

  it('should answer 409 USERNAME_TAKEN and keep the existing account when the username exists', async () => {
    const username = newUsername('twin')
    const first = await created({
      username,
      displayName: '测试 原账号',
      role: 'admin',
      password: 'fresh tea by the window',
    })
    const users = await countRows(t.app, 'users')
    expectError(await create({
      username,
      displayName: '测试 冒名',
      role: 'staff',
      street: STREET_A,
      password: 'blue ferry at dusk',
    }), 409, 'USERNAME_TAKEN')
    expectError(await create({
      username: DEMO_ADMIN.username,
      displayName: '测试 冒名',
      role: 'admin',
      password: 'blue ferry at dusk',
    }), 409, 'USERNAME_TAKEN')
    expect(await countRows(t.app, 'users')).toBe(users)
    expect((await list()).find(a => a.username === username)).toEqual(first)
    expect((await signIn(t.app, username, 'fresh tea by the window')).me.displayName).toBe('测试 原账号')
  })

  it.each([
    [
      'too short',
      () => 'qz7#mvk',
      'tooShort',
    ],
    [
      'common',
      () => 'password123',
      'common',
    ],
    [
      'containing the username',
      (username: string) => `${username}-first`,
      'containsUsername',
    ],
  ])('should answer 400 PASSWORD_WEAK and create nothing when the first password is %s', async (_what, password, reason) => {
    const users = await countRows(t.app, 'users')
    const username = newUsername('weak')
    const error = expectError(await create({
      username,
      displayName: '测试',
      role: 'admin',
      password: password(username),
    }), 400, 'PASSWORD_WEAK')
    expect(error.details).toEqual([
      { field: 'body.password', reason },
    ])
    expect(await countRows(t.app, 'users')).toBe(users)
  })

  it('should let a new account see itself and change its password but answer 403 PASSWORD_CHANGE_REQUIRED elsewhere until it does', async () => {
    const username = newUsername('newadmin')
    await created({
      username,
      displayName: '测试 新管理员',
      role: 'admin',
      password: 'fresh tea by the window',
    })
    const { token, me: first } = await signIn(t.app, username, 'fresh tea by the window')
    expect(first).toMatchObject({ username, role: 'admin', mustChangePassword: true })
    expect(await meOk(t.app, token)).toMatchObject({ username, mustChangePassword: true })
    expectError(await call(t.app, 'GET', USERS, { token }), 403, 'PASSWORD_CHANGE_REQUIRED')
    expectError(await patch(adminId, { displayName: '测试 越权' }, token), 403, 'PASSWORD_CHANGE_REQUIRED')
    expectError(await call(t.app, 'POST', USERS, {
      token,
      payload: {
        username: newUsername(),
        displayName: '测试',
        role: 'admin',
        password: 'blue ferry at dusk',
      },
    }), 403, 'PASSWORD_CHANGE_REQUIRED')

    const res = await call(t.app, 'POST', PASSWORD, {
      token,
      payload: { current: 'fresh tea by the window', next: 'spring rain on yan an road' },
    })
    expect(res.statusCode, res.body).toBe(204)
    expect(await meOk(t.app, token)).toMatchObject({ username, mustChangePassword: false })
    const users = await call(t.app, 'GET', USERS, { token })
    expect(users.statusCode, users.body).toBe(200)
  })

  it('should answer 403 PASSWORD_CHANGE_REQUIRED rather than FORBIDDEN when new street staff call an admin endpoint', async () => {
    const username = newUsername('newstaff')
    await created({
      username,
      displayName: '测试 新员工',
      role: 'staff',
      street: STREET_A,
      password: 'fresh tea by the window',
    })
    const { token } = await signIn(t.app, username, 'fresh tea by the window')
    expectError(await call(t.app, 'GET', USERS, { token }), 403, 'PASSWORD_CHANGE_REQUIRED')
    expect((await call(t.app, 'POST', PASSWORD, {
      token,
      payload: { current: 'fresh tea by the window', next: 'spring rain on yan an road' },
    })).statusCode).toBe(204)
    expectError(await call(t.app, 'GET', USERS, { token }), 403, 'FORBIDDEN')
  })

  it('should end all of the user\'s sessions at once and require a new password when an admin resets it', async () => {
    const username = newUsername('forgetful')
    const id = await addAccount(t.app, username)
    const phone = await signIn(t.app, username, DEMO_PASSWORD)
    const desk = await signIn(t.app, username, DEMO_PASSWORD)
    const res = await reset(id, 'blue ferry at dusk')
    expect(res.statusCode, res.body).toBe(204)
    expect(res.body).toBe('')
    await expectSignedOut(t.app, phone.token)
    await expectSignedOut(t.app, desk.token)
    expect(await sessionCount(t.app, id)).toBe(0)
    expectError(await login(t.app, username, DEMO_PASSWORD), 401, 'LOGIN_FAILED')
    const { me: after } = await signIn(t.app, username, 'blue ferry at dusk')
    expect(after.mustChangePassword).toBe(true)
    expect((await list()).find(a => a.id === id)?.mustChangePassword).toBe(true)
    // The admin who reset it is still signed in.
    expect((await meOk(t.app, s.admin)).username).toBe(DEMO_ADMIN.username)
  })

  it('should answer 400 PASSWORD_WEAK and keep the sessions when the reset password is weak', async () => {
    const username = newUsername('kept')
    const id = await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const error = expectError(await reset(id, `${username}-again`), 400, 'PASSWORD_WEAK')
    expect(error.details).toEqual([
      { field: 'body.password', reason: 'containsUsername' },
    ])
    expect((await meOk(t.app, token)).mustChangePassword).toBe(false)
  })

  it('should answer 404 NOT_FOUND when the account to update or reset does not exist', async () => {
    expectError(await patch(999_999, { displayName: '测试' }), 404, 'NOT_FOUND')
    expectError(await reset(999_999, 'blue ferry at dusk'), 404, 'NOT_FOUND')
  })

  it('should answer 400 VALIDATION_FAILED when the update is empty or has an unknown field', async () => {
    const id = await userId(t.app, STAFF_B)
    expectError(await patch(id, {}), 400, 'VALIDATION_FAILED')
    expectError(await patch(id, { role: 'admin' }), 400, 'VALIDATION_FAILED')
    expect((await list()).find(a => a.id === id)?.role).toBe('staff')
  })

  it('should end the session of a disabled account at once, refuse its sign-in like a wrong password, and let it in again when re-enabled', async () => {
    const username = newUsername('leaver')
    const id = await addAccount(t.app, username)
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const res = await patch(id, { disabled: true })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<AccountSummary>()).toMatchObject({ id, username, disabled: true })
    expect(await sessionCount(t.app, id)).toBe(0)
    await expectSignedOut(t.app, token)
    const refused = await login(t.app, username, DEMO_PASSWORD)
    expectError(refused, 401, 'LOGIN_FAILED')
    expect(refused.body).toBe((await login(t.app, newUsername('nobody'), DEMO_PASSWORD)).body)

    const enabled = await patch(id, { disabled: false })
    expect(enabled.statusCode, enabled.body).toBe(200)
    expect(enabled.json<AccountSummary>().disabled).toBe(false)
    // The old session does not come back; a new sign-in works.
    await expectSignedOut(t.app, token)
    expect((await signIn(t.app, username, DEMO_PASSWORD)).me.username).toBe(username)
  })

  it('should answer 400 VALIDATION_FAILED and keep the admin signed in when an admin tries to disable themself', async () => {
    const error = expectError(await patch(adminId, { disabled: true }), 400, 'VALIDATION_FAILED')
    expect(error.details?.[0]?.field).toBe('body.disabled')
    expect((await list()).find(a => a.id === adminId)?.disabled).toBe(false)
    expect((await meOk(t.app, s.admin)).username).toBe(DEMO_ADMIN.username)
  })

  it('should let one admin disable another admin', async () => {
    const username = newUsername('otheradmin')
    const id = await addAccount(t.app, username, { role: 'admin' })
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const res = await patch(id, { disabled: true })
    expect(res.statusCode, res.body).toBe(200)
    await expectSignedOut(t.app, token)
  })

  it('should move a staff account to another street when an admin assigns one', async () => {
    const username = newUsername('mover')
    const id = await addAccount(t.app, username, { street: STREET_A })
    const { token } = await signIn(t.app, username, DEMO_PASSWORD)
    const res = await patch(id, { street: STREET_B, displayName: ' 测试 调岗 ' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<AccountSummary>()).toMatchObject({
      id,
      displayName: '测试 调岗',
      role: 'staff',
      street: { key: STREET_B },
    })
    // The change shows at once in the user's own session, which goes on.
    expect(await meOk(t.app, token)).toMatchObject({
      displayName: '测试 调岗',
      street: { key: STREET_B },
    })
  })

  it('should answer 400 VALIDATION_FAILED and change nothing when the street is unknown or the account is an admin', async () => {
    const id = await addAccount(t.app, newUsername('stayer'), { street: STREET_A })
    const error = expectError(await patch(id, { street: 'no-such-street' }), 400, 'VALIDATION_FAILED')
    expect(error.details).toEqual([
      { field: 'body.street', reason: 'unknown street' },
    ])
    expect((await list()).find(a => a.id === id)?.street?.key).toBe(STREET_A)
    expectError(await patch(adminId, { street: STREET_A }), 400, 'VALIDATION_FAILED')
    expect((await list()).find(a => a.id === adminId)?.street).toBeNull()
  })

  it('should record create, update and password reset in the admin audit log with the acting admin\'s id', async () => {
    const username = newUsername('audited')
    const account = await created({
      username,
      displayName: '测试 审计',
      role: 'staff',
      street: STREET_A,
      password: 'fresh tea by the window',
    })
    expect((await patch(account.id, { street: STREET_B })).statusCode).toBe(200)
    expect((await reset(account.id, 'blue ferry at dusk')).statusCode).toBe(204)
    const rows = await t.app.db.selectFrom('admin_audit').selectAll().where('target', '=', username).orderBy('id').execute()
    expect(rows.map(r => ({ actor: r.actor_id, action: r.action }))).toEqual([
      { actor: adminId, action: 'user.create' },
      { actor: adminId, action: 'user.update' },
      { actor: adminId, action: 'user.password-reset' },
    ])
    expect(rows[0]?.detail).toBe(`staff@${STREET_A}`)
    expect(rows[1]?.detail).toContain(STREET_B)
    for (const row of rows)
      expect(Number.isNaN(Date.parse(row.at))).toBe(false)
    const text = JSON.stringify(rows)
    expect(text).not.toContain('fresh tea by the window')
    expect(text).not.toContain('blue ferry at dusk')
  })

  it('should record nothing in the admin audit log when a refused caller tries to manage accounts', async () => {
    const audit = await countRows(t.app, 'admin_audit')
    const id = await userId(t.app, STAFF_B)
    expectError(await patch(id, { disabled: true }, s.staffA), 403, 'FORBIDDEN')
    expectError(await reset(id, 'blue ferry at dusk', s.staffA), 403, 'FORBIDDEN')
    expect(await countRows(t.app, 'admin_audit')).toBe(audit)
    expect((await meOk(t.app, s.staffB)).username).toBe(STAFF_B)
  })
  describe('who may call the admin endpoints', () => {
    let target: number

    beforeAll(async () => {
      // A staff account of street A, so that street A's staff would be the most likely to be let in by mistake.
      target = await addAccount(t.app, newUsername('target'), { street: STREET_A })
    })

    for (const { endpoint, who, expected, caller, ok, status, code, request } of MATRIX) {
      it(`should answer ${expected} to ${endpoint} when called by ${who}`, async () => {
        const { method, url, payload } = request(target)
        const users = await countRows(t.app, 'users')
        const audit = await countRows(t.app, 'admin_audit')
        const before = await t.app.db.selectFrom('users').selectAll().where('id', '=', target).executeTakeFirstOrThrow()
        const res = await call(t.app, method, url, {
          token: caller === 'anonymous'
            ? undefined
            : s[caller],
          payload,
        })
        if (status === undefined || code === undefined) {
          expect(res.statusCode, res.body).toBe(ok)
          if (method !== 'GET')
            expect(await countRows(t.app, 'admin_audit')).toBe(audit + 1)
          return
        }
        expectError(res, status, code)
        // A refused call changes nothing.
        expect(await countRows(t.app, 'users')).toBe(users)
        expect(await countRows(t.app, 'admin_audit')).toBe(audit)
        expect(await t.app.db.selectFrom('users').selectAll().where('id', '=', target).executeTakeFirstOrThrow()).toEqual(before)
      })
    }

    it('should still have every caller signed in after the matrix', async () => {
      expect((await meOk(t.app, s.admin)).role).toBe('admin')
      expect((await meOk(t.app, s.staffA)).street?.key).toBe(STREET_A)
      expect((await meOk(t.app, s.staffB)).street?.key).toBe(STREET_B)
    })
  })
})

describe('accounts: nothing secret is stored', () => {
  let t: TestApp

  beforeAll(async () => {
    // Demo passwords left as seeded: one sign-in below checks the seeded hash itself.
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('should sign the demo admin in with the demo password when the hash is as seeded', async () => {
    const { me: admin } = await signIn(t.app, DEMO_ADMIN.username, DEMO_PASSWORD)
    expect(admin).toMatchObject({ username: DEMO_ADMIN.username, role: 'admin', mustChangePassword: false })
  })

  it('should store only scrypt hashes, salted per password, never the passwords', async () => {
    const password = 'fresh tea by the window'
    const first = newUsername('hashed')
    const second = newUsername('hashed')
    await addAccount(t.app, first, { password })
    await addAccount(t.app, second, { password })
    const rows = await t.app.db.selectFrom('users').selectAll().execute()
    for (const row of rows)
      expect(row.password_hash, row.username).toMatch(/^scrypt\$\d+\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    const text = JSON.stringify(rows)
    expect(text).not.toContain(DEMO_PASSWORD)
    expect(text).not.toContain(password)
    const [a, b] = rows.filter(r => r.username === first || r.username === second)
    expect(a?.password_hash).toBeDefined()
    expect(a?.password_hash).not.toBe(b?.password_hash)
  })

  it('should store no cookie value in the sessions table', async () => {
    const username = newUsername('cookie')
    await addAccount(t.app, username)
    const tokens: string[] = []
    for (let i = 0; i < 3; i++)
      tokens.push((await signIn(t.app, username, DEMO_PASSWORD)).token)
    const rows = await t.app.db.selectFrom('sessions').selectAll().execute()
    expect(rows.length).toBeGreaterThanOrEqual(tokens.length)
    for (const row of rows)
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/)
    const text = JSON.stringify(rows)
    for (const token of tokens)
      expect(text).not.toContain(token)
  })

  it('should store neither the username nor the client address of a failed sign-in in plain text', async () => {
    const username = newUsername('typo')
    const client = newClient()
    expectError(await login(t.app, username, 'wrong-password', { client }), 401, 'LOGIN_FAILED')
    const text = JSON.stringify(await t.app.db.selectFrom('login_failures').selectAll().execute())
    expect(text).not.toContain(username)
    expect(text).not.toContain(client)
    expect(text).not.toContain('wrong-password')
  })
})

describe('accounts: the command line', () => {
  const run = (dir: string) => promisify(execFile)('npx', [
    'tsx',
    'server/cli/admin.ts',
    'root.admin',
    '市信用办',
  ], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PASSWORD_HASH_COST: 'fast',
      ...databaseEnv(dir),
      // The test app always runs with TEST_SECRET; the command line must use the same one.
      APP_SECRET: TEST_SECRET,
    },
    timeout: 10_000,
  })

  it('should print a first password that signs the new admin in with a password change required, and refuse the same name twice', async () => {
    const dir = makeTempDir()
    let t: TestApp | undefined
    try {
      await createDatabase(dir)
      const { stdout } = await run(dir)
      const id = Number(/admin #(\d+) root\.admin created/.exec(stdout)?.[1])
      const password = /first password: (\S+)/.exec(stdout)?.[1] ?? ''
      expect(id, stdout).toBeGreaterThan(0)
      expect(password, stdout).toMatch(/^[\w-]{16,}$/)

      const again = await run(dir).then(() => null, (err: unknown) => err as { code?: number, stderr?: string })
      expect(again, 'the second run must fail').not.toBeNull()
      expect(again?.code).not.toBe(0)
      expect(typeof again?.code).toBe('number')
      expect(again?.stderr).toContain('root.admin')

      t = await buildTestApp({ dir })
      const { token, me: admin } = await signIn(t.app, 'root.admin', password)
      expect(admin).toEqual({
        id,
        username: 'root.admin',
        displayName: '市信用办',
        role: 'admin',
        street: null,
        mustChangePassword: true,
      })
      expectError(await call(t.app, 'GET', USERS, { token }), 403, 'PASSWORD_CHANGE_REQUIRED')
      const rows = await t.app.db.selectFrom('users').selectAll().where('username', '=', 'root.admin').execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.password_hash).toMatch(/^scrypt\$/)
      expect(rows[0]?.password_hash).not.toContain(password)
      const audit = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'user.create').where('target', '=', 'root.admin').execute()
      expect(audit).toHaveLength(1)
      expect(audit[0]?.actor_id).toBeNull()
    }
    finally {
      if (t)
        await t.close()
      else
        rmSync(dir, { recursive: true, force: true })
    }
  })
})
