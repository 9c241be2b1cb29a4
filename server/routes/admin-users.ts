// Account management by district admins: create, rename, assign a street, disable (its sessions end at once),
// reset a password (to be changed at next sign-in). Every action is in the admin audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { checkPassword, hashPassword } from '../auth/password'
import { AppError } from '../errors'
import { noStore, requireAdmin, requireCsrfHeader, requirePlainIds } from '../lib/guards'
import { AccountList, AccountSummary, AuditLog, CreateAccountRequest, ResetPasswordRequest, UpdateAccountRequest } from '../schemas/accounts'
import { ErrorBody, IdParams } from '../schemas/common'
import { toMe } from './auth'

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  requireCsrfHeader(app)
  requirePlainIds(app)
  noStore(app)
  const accounts = app.repos.accounts

  async function streetId(key: string | undefined): Promise<number | null> {
    if (key === undefined)
      return null
    const row = await app.db.selectFrom('streets').select('id').where('key', '=', key).executeTakeFirst()
    if (!row) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.street', reason: 'unknown street' },
      ])
    }
    return row.id
  }

  async function summary(id: number) {
    const account = await accounts.byId(id)
    if (!account)
      throw new AppError(404, 'NOT_FOUND')
    return {
      ...toMe(account),
      disabled: account.disabled,
      createdAt: account.createdAt,
    }
  }

  // Who did what, when: every account, review, content and street change (newest first).
  app.get('/admin/audit', {
    schema: {
      response: { 200: AuditLog, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    const rows = await accounts.auditLog(300)
    return {
      items: rows.map(r => ({
        id: r.id,
        at: r.at,
        actor: r.username !== null && r.display_name !== null
          ? { username: r.username, displayName: r.display_name }
          : null,
        action: r.action,
        target: r.target,
        detail: r.detail,
      })),
    }
  })

  app.get('/admin/users', {
    schema: {
      response: { 200: AccountList, ...errors },
    },
  }, async (request) => {
    await requireAdmin(app, request)
    const items = await accounts.list()
    return {
      items: items.map(a => ({
        ...toMe(a),
        disabled: a.disabled,
        createdAt: a.createdAt,
      })),
    }
  })

  app.post('/admin/users', {
    schema: {
      body: CreateAccountRequest,
      response: { 201: AccountSummary, ...errors },
    },
  }, async (request, reply) => {
    const admin = await requireAdmin(app, request)
    const body = request.body
    if ((body.role === 'staff') !== (body.street !== undefined)) {
      throw new AppError(400, 'VALIDATION_FAILED', [
        { field: 'body.street', reason: 'street staff need exactly one street; admins none' },
      ])
    }
    const problem = checkPassword(body.password, body.username)
    if (problem) {
      throw new AppError(400, 'PASSWORD_WEAK', [
        { field: 'body.password', reason: problem },
      ])
    }
    if (await accounts.byUsername(body.username))
      throw new AppError(409, 'USERNAME_TAKEN')
    const at = app.config.clock().toISOString()
    const id = await accounts.create({
      username: body.username,
      display_name: body.displayName.trim(),
      role: body.role,
      street_id: await streetId(body.street),
      password_hash: await hashPassword(body.password, app.config.passwordHashCost),
      must_change_password: 1,
    }, at)
    await accounts.audit(admin.id, 'user.create', at, body.username, `${body.role}${body.street
      ? `@${body.street}`
      : ''}`)
    return reply.status(201).send(await summary(id))
  })

  app.patch('/admin/users/:id', {
    schema: {
      params: IdParams,
      body: UpdateAccountRequest,
      response: { 200: AccountSummary, ...errors },
    },
  }, async (request) => {
    const admin = await requireAdmin(app, request)
    const target = await accounts.byId(request.params.id)
    if (!target)
      throw new AppError(404, 'NOT_FOUND')
    const body = request.body
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
    const at = app.config.clock().toISOString()
    await accounts.update(target.id, {
      ...(body.displayName !== undefined
        ? {
            display_name: body.displayName.trim(),
          }
        : {}),
      ...(body.street !== undefined
        ? { street_id: await streetId(body.street) }
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
    return summary(target.id)
  })

  app.post('/admin/users/:id/password', {
    schema: {
      params: IdParams,
      body: ResetPasswordRequest,
      response: {
        204: Type.Null(),
        ...errors,
      },
    },
  }, async (request, reply) => {
    const admin = await requireAdmin(app, request)
    const target = await accounts.byId(request.params.id)
    if (!target)
      throw new AppError(404, 'NOT_FOUND')
    const problem = checkPassword(request.body.password, target.username)
    if (problem) {
      throw new AppError(400, 'PASSWORD_WEAK', [
        { field: 'body.password', reason: problem },
      ])
    }
    const at = app.config.clock().toISOString()
    await accounts.update(target.id, { password_hash: await hashPassword(request.body.password, app.config.passwordHashCost), must_change_password: 1 }, at)
    await accounts.deleteSessionsOf(target.id)
    await accounts.audit(admin.id, 'user.password-reset', at, target.username)
    return reply.status(204).send(null)
  })
}
export default routes
