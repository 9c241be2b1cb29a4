// Account management by district admins: create, rename, assign a street, disable (its sessions end at once),
// reset a password (to be changed at next sign-in), lift a sign-in lock. Every action is in the admin audit log.
import type { FastifyPluginAsync } from 'fastify'
import type { Account } from '../domain/account'
import { checkPassword, hashPassword } from '../auth/password'
import { toMe } from '../domain/account'
import { AppError, found } from '../errors'
import { keyedHash } from '../lib/crypto'
import { serve } from '../lib/serve'
import { streetIdOf } from '../lib/streets'
import * as endpoints from '../schemas/endpoints'

function summaryOf(account: Account, lockedUntil: string | null) {
  return {
    ...toMe(account),
    disabled: account.disabled,
    createdAt: account.createdAt,
    lockedUntil,
  }
}

const routes: FastifyPluginAsync = async (app) => {
  const { accounts, streets } = app.repos
  const now = () => app.config.clock().toISOString()

  const existing = async (id: number): Promise<Account> => found(await accounts.byId(id))
  // Sign-in locks are kept by the keyed hash of the name typed (routes/auth.ts), so that unknown names lock nothing real.
  const loginKey = (username: string) => keyedHash(app.config.secret, 'login', username)
  const summary = async (account: Account) => summaryOf(account, (await accounts.loginLocks(now())).get(loginKey(account.username)) ?? null)

  function assertStrong(password: string, username: string) {
    const problem = checkPassword(password, username)
    if (problem) {
      throw new AppError(400, 'PASSWORD_WEAK', [
        { field: 'body.password', reason: problem },
      ])
    }
  }

  // Who did what, when: every account, review, content and street change (newest first).
  serve(app, endpoints.auditLog, async () => ({
    items: (await accounts.auditLog(300)).map(r => ({
      id: r.id,
      at: r.at,
      actor: r.username !== null && r.display_name !== null
        ? { username: r.username, displayName: r.display_name }
        : null,
      action: r.action,
      target: r.target,
      detail: r.detail,
    })),
  }))

  serve(app, endpoints.accounts, async () => {
    const locks = await accounts.loginLocks(now())
    return {
      items: (await accounts.list()).map(a => summaryOf(a, locks.get(loginKey(a.username)) ?? null)),
    }
  })

  serve(app, endpoints.createAccount, async (request) => {
    const { account: admin, body } = request
    if ((body.role === 'staff') !== (body.street !== undefined)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.street', reason: 'street staff need exactly one street; admins none' },
      ])
    }
    assertStrong(body.password, body.username)
    if (await accounts.byUsername(body.username))
      throw new AppError(409, 'USERNAME_TAKEN')
    const at = now()
    const id = await accounts.create({
      username: body.username,
      display_name: body.displayName.trim(),
      role: body.role,
      street_id: await streetIdOf(streets, body.street),
      password_hash: await hashPassword(body.password, app.config.passwordHashCost),
      must_change_password: 1,
    }, at)
    await accounts.audit(admin.id, 'user.create', at, body.username, `${body.role}${body.street
      ? `@${body.street}`
      : ''}`)
    return summary(await existing(id))
  })

  serve(app, endpoints.updateAccount, async (request) => {
    const { account: admin, body } = request
    const target = await existing(request.params.id)
    if (body.disabled === true && target.id === admin.id) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.disabled', reason: 'an admin cannot disable their own account' },
      ])
    }
    if (body.street !== undefined && target.role !== 'staff') {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.street', reason: 'only street staff have a street' },
      ])
    }
    const at = now()
    await accounts.update(target.id, {
      ...(body.displayName !== undefined
        ? {
            display_name: body.displayName.trim(),
          }
        : {}),
      ...(body.street !== undefined
        ? { street_id: await streetIdOf(streets, body.street) }
        : {}),
      ...(body.disabled !== undefined
        ? {
            disabled_at: body.disabled ? at : null,
          }
        : {}),
    }, at)
    if (body.disabled === true)
      await accounts.deleteSessionsOf(target.id)
    await accounts.audit(admin.id, 'user.update', at, target.username, JSON.stringify(body))
    return summary(await existing(target.id))
  })

  // Lifts a sign-in lock (many addresses failed on the account) and forgets those failures.
  serve(app, endpoints.unlockAccount, async (request) => {
    const target = await existing(request.params.id)
    await accounts.unlockLogin(loginKey(target.username))
    await accounts.audit(request.account.id, 'user.unlock', now(), target.username)
    return null
  })

  serve(app, endpoints.resetPassword, async (request) => {
    const target = await existing(request.params.id)
    assertStrong(request.body.password, target.username)
    const at = now()
    await accounts.update(target.id, { password_hash: await hashPassword(request.body.password, app.config.passwordHashCost), must_change_password: 1 }, at)
    await accounts.deleteSessionsOf(target.id)
    await accounts.audit(request.account.id, 'user.password-reset', at, target.username)
    return null
  })
}
export default routes
