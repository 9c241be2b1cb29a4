// Sign-in, sign-out, the signed-in user and changing one's password. Failures never say whether an account exists;
// sign-in attempts are limited per account name and per client.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Account } from '../repositories/accounts'
import { checkPassword, hashPassword, verifyPassword } from '../auth/password'
import { AppError } from '../errors'
import { keyedHash } from '../lib/crypto'
import { noStore, requireCsrfHeader, requireUser } from '../lib/guards'
import { ChangePasswordRequest, LoginRequest, Me } from '../schemas/accounts'
import { ErrorBody } from '../schemas/common'

export const LOGIN_LIMITS = { perAccount: 5, perClient: 20, windowMinutes: 15 }

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

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  429: ErrorBody,
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  requireCsrfHeader(app)
  noStore(app)
  const accounts = app.repos.accounts
  // Compared against when the account does not exist, so both answers take as long. Made on the first sign-in,
  // not at start-up (hashing is deliberately slow).
  let dummyHash: Promise<string> | undefined
  const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-0', app.config.passwordHashCost))

  app.post('/auth/login', {
    schema: {
      body: LoginRequest,
      response: { 200: Me, ...errors },
    },
  }, async (request, reply) => {
    const now = app.config.clock()
    const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000).toISOString()
    const username = request.body.username.trim().toLowerCase()
    const usernameKey = keyedHash(app.config.secret, 'login', username)
    const clientKey = keyedHash(app.config.secret, 'client', request.ip)
    if (await accounts.loginFailures('username_key', usernameKey, since) >= LOGIN_LIMITS.perAccount
      || await accounts.loginFailures('client_key', clientKey, since) >= LOGIN_LIMITS.perClient) {
      throw new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: LOGIN_LIMITS.windowMinutes * 60 })
    }

    const account = await accounts.byUsername(username)
    const ok = await verifyPassword(request.body.password, account?.passwordHash ?? await dummy())
    if (!account || !ok || account.disabled) {
      await accounts.recordLoginFailure(usernameKey, clientKey, now.toISOString())
      throw new AppError(401, 'LOGIN_FAILED')
    }
    await app.sessions.start(request, reply, account.id)
    await accounts.audit(account.id, 'login', now.toISOString())
    return toMe(account)
  })

  app.post('/auth/logout', {
    schema: {
      response: {
        204: { type: 'null' },
        ...errors,
      },
    },
  }, async (request, reply) => {
    await app.sessions.end(request, reply)
    return reply.status(204).send(null)
  })

  app.get('/auth/me', {
    schema: {
      response: { 200: Me, ...errors },
    },
  }, async request => toMe(await requireUser(app, request, { allowPasswordChange: true })))

  app.post('/auth/password', {
    schema: {
      body: ChangePasswordRequest,
      response: {
        204: { type: 'null' },
        ...errors,
      },
    },
  }, async (request, reply) => {
    const account = await requireUser(app, request, { allowPasswordChange: true })
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
    return reply.status(204).send(null)
  })
}
export default routes
