// Sign-in, sign-out, the signed-in user and changing one's password. Failures never say whether an account exists;
// sign-in attempts are limited per account name and per client.
import type { FastifyPluginAsync } from 'fastify'
import { checkPassword, HashingBusyError, hashPassword, verifyPassword } from '../auth/password'
import { toMe } from '../domain/account'
import { AppError } from '../errors'
import { keyedHash } from '../lib/crypto'
import { serve } from '../lib/serve'
import * as endpoints from '../schemas/endpoints'

export const LOGIN_LIMITS = { perAccount: 5, perClient: 20, windowMinutes: 15 }

const routes: FastifyPluginAsync = async (app) => {
  const accounts = app.repos.accounts
  // Compared against when the account does not exist, so both answers take as long. Made on the first sign-in,
  // not at start-up (hashing is deliberately slow).
  let dummyHash: Promise<string> | undefined
  const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-0', app.config.passwordHashCost))

  serve(app, endpoints.login, async (request, reply) => {
    const now = app.config.clock()
    const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString()
    const username = request.body.username.trim().toLowerCase()
    const usernameKey = keyedHash(app.config.secret, 'login', username)
    const clientKey = keyedHash(app.config.secret, 'client', request.ip)
    // Counted before the (slow) password check, so a parallel burst cannot all pass a check made before any failed.
    const attempt = await accounts.startLoginAttempt(usernameKey, clientKey, now.toISOString(), since)
    if (attempt.perAccount > LOGIN_LIMITS.perAccount || attempt.perClient > LOGIN_LIMITS.perClient) {
      await accounts.forgetLoginAttempt(attempt.id)
      throw new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: LOGIN_LIMITS.windowMinutes * 60 })
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
        throw new AppError(503, 'SIGN_IN_BUSY', undefined, { retryAfterSeconds: 5 })
      }
      throw err
    }
    if (!account || !ok || account.disabled)
      throw new AppError(401, 'LOGIN_FAILED') // the attempt stays counted as a failure
    await accounts.forgetLoginAttempt(attempt.id)
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
