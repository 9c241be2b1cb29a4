// Sign-in, sign-out, the signed-in user and changing one's password. Failures never say whether an account exists;
// sign-in attempts are limited per account name and per client.
import type { FastifyPluginAsync } from 'fastify'
import { checkPassword, HashingBusyError, hashingSaturated, hashPassword, verifyPassword } from '../auth/password'
import { toMe } from '../domain/account'
import { AppError } from '../errors'
import { keyedHash } from '../lib/crypto'
import { addressGroup } from '../lib/origin'
import { serve } from '../lib/serve'
import * as endpoints from '../schemas/endpoints'

/**
 * Sign-in throttling after OWASP's guidance: no lock a stranger can impose on someone else.
 * - One address on one account: `freePerPair` failures, then each further try must wait twice as long as the one
 *   before (1 s, 2 s, 4 s … up to `maxDelaySeconds`); a success from that address clears them.
 * - One address on all accounts: at most `perClient` failures in `windowMinutes` (a service hall's NAT is many people).
 * - Failures from `lockAddresses` different addresses on one account within `lockWindowMinutes` (guessing spread over
 *   many machines) lock it for `lockMinutes`; admins see the lock on the accounts page and can lift it.
 */
export const LOGIN_LIMITS = {
  freePerPair: 5,
  maxDelaySeconds: 15 * 60,
  pairWindowMinutes: 24 * 60,
  perClient: 100,
  windowMinutes: 15,
  lockAddresses: 10,
  lockWindowMinutes: 60,
  lockMinutes: 60,
}

/** Seconds an address must wait after its last failure on an account, having failed `failures` times before. */
export function pairDelaySeconds(failures: number): number {
  if (failures < LOGIN_LIMITS.freePerPair)
    return 0
  return Math.min(2 ** (failures - LOGIN_LIMITS.freePerPair), LOGIN_LIMITS.maxDelaySeconds)
}

const routes: FastifyPluginAsync = async (app) => {
  const accounts = app.repos.accounts
  // Compared against when the account does not exist, so both answers take as long. Made on the first sign-in,
  // not at start-up (hashing is deliberately slow).
  let dummyHash: Promise<string> | undefined
  const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-0', app.config.passwordHashCost))

  const busy = () => new AppError(503, 'SIGN_IN_BUSY', undefined, { retryAfterSeconds: 5 })

  serve(app, endpoints.login, async (request, reply) => {
    // A flood of sign-ins is turned away before any work is done for it.
    if (hashingSaturated())
      throw busy()
    const now = app.config.clock()
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()
    const username = request.body.username.trim().toLowerCase()
    const usernameKey = keyedHash(app.config.secret, 'login', username)
    const clientKey = keyedHash(app.config.secret, 'client', addressGroup(request.ip))
    // Counted before the (slow) password check, so a parallel burst cannot all pass a check made before any failed.
    const attempt = await accounts.startLoginAttempt(usernameKey, clientKey, now.toISOString(), {
      pair: ago(LOGIN_LIMITS.pairWindowMinutes),
      client: ago(LOGIN_LIMITS.windowMinutes),
      lock: ago(LOGIN_LIMITS.lockWindowMinutes),
    })
    const refuse = async (code: 'TOO_MANY_REQUESTS' | 'ACCOUNT_LOCKED', seconds: number) => {
      await accounts.forgetLoginAttempt(attempt.id) // refused unchecked: not a failure
      throw new AppError(429, code, undefined, {
        retryAfterSeconds: Math.max(1, Math.ceil(seconds)),
      })
    }
    const secondsUntil = (iso: string) => (Date.parse(iso) - now.getTime()) / 1000
    if (attempt.lockedUntil)
      await refuse('ACCOUNT_LOCKED', secondsUntil(attempt.lockedUntil))
    if (attempt.perClient > LOGIN_LIMITS.perClient)
      await refuse('TOO_MANY_REQUESTS', LOGIN_LIMITS.windowMinutes * 60)
    const wait = pairDelaySeconds(attempt.pairFailures)
    if (wait > 0 && attempt.lastPairFailure) {
      const waited = (now.getTime() - Date.parse(attempt.lastPairFailure)) / 1000
      if (waited < wait)
        await refuse('TOO_MANY_REQUESTS', wait - waited)
    }
    if (attempt.addresses >= LOGIN_LIMITS.lockAddresses) {
      const until = new Date(now.getTime() + LOGIN_LIMITS.lockMinutes * 60_000).toISOString()
      await accounts.lockLogin(usernameKey, now.toISOString(), until)
      const target = await accounts.byUsername(username)
      if (target)
        await accounts.audit(null, 'user.lock', now.toISOString(), target.username, `failures from ${attempt.addresses} addresses`)
      await refuse('ACCOUNT_LOCKED', LOGIN_LIMITS.lockMinutes * 60)
    }

    const account = await accounts.byUsername(username)
    let ok: boolean
    try {
      ok = await verifyPassword(request.body.password, account?.passwordHash ?? await dummy())
    }
    catch (err) {
      // Too many sign-ins at once: nothing was checked, so this one is not counted against anyone.
      if (err instanceof HashingBusyError) {
        await accounts.forgetLoginAttempt(attempt.id)
        throw busy()
      }
      throw err
    }
    if (!account || !ok || account.disabled)
      throw new AppError(401, 'LOGIN_FAILED') // the attempt stays counted as a failure
    await accounts.forgetPairFailures(usernameKey, clientKey)
    await app.sessions.start(request, reply, account.id)
    await accounts.audit(account.id, 'login', now.toISOString())
    return toMe(account)
  })

  serve(app, endpoints.logout, async (request, reply) => {
    await app.sessions.end(request, reply)
    return null
  })

  serve(app, endpoints.me, async request => toMe(request.account))

  serve(app, endpoints.changePassword, async (request) => {
    const { account } = request
    if (!await verifyPassword(request.body.current, account.passwordHash)) {
      throw new AppError(400, 'CURRENT_PASSWORD_WRONG', [
        { field: 'body.current', reason: 'wrong' },
      ])
    }
    const problem = checkPassword(request.body.next, account.username)
    if (problem) {
      throw new AppError(400, 'PASSWORD_WEAK', [
        { field: 'body.next', reason: problem },
      ])
    }
    const at = app.config.clock().toISOString()
    await accounts.update(account.id, { password_hash: await hashPassword(request.body.next, app.config.passwordHashCost), must_change_password: 0 }, at)
    // Other devices signed in with the old password are signed out.
    await accounts.deleteSessionsOf(account.id, app.sessions.tokenHash(request) ?? undefined)
    await accounts.audit(account.id, 'password.change', at, account.username)
    return null
  })
}
export default routes
