// Account management by district admins: create, rename, assign a street, disable (its sessions end at once),
// reset a password (to be changed at next sign-in). Every action is in the admin audit log.
import type { FastifyPluginAsync } from 'fastify'
import type { Account } from '../domain/account'
import { checkPassword, hashPassword } from '../auth/password'
import { toMe } from '../domain/account'
import { AppError, found } from '../errors'
import { serve } from '../lib/serve'
import { streetIdOf } from '../lib/streets'
import * as endpoints from '../schemas/endpoints'

function summaryOf(account: Account) {
  return {
    ...toMe(account),
    disabled: account.disabled,
    createdAt: account.createdAt,
  }
}

const routes: FastifyPluginAsync = async (app) => {
  const { accounts, streets } = app.repos
  const now = () => app.config.clock().toISOString()

  const existing = async (id: number): Promise<Account> => found(await accounts.byId(id))

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

  serve(app, endpoints.accounts, async () => ({
    items: (await accounts.list()).map(summaryOf),
  }))

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
    return summaryOf(await existing(id))
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
    return summaryOf(await existing(target.id))
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
