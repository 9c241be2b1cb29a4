// Access rules for the staff and admin API. Every state-changing request must carry the X-Requested-With header:
// a browser sends a custom header cross-site only after a CORS preflight, which this server never approves.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Account } from '../repositories/accounts'
import { AppError } from '../errors'

export const CSRF_HEADER = 'x-requested-with'
export const CSRF_VALUE = 'credit-changning'

/** Registers the CSRF check on a plugin's routes. */
export function requireCsrfHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers[CSRF_HEADER] !== CSRF_VALUE)
      throw new AppError(403, 'CSRF_REJECTED')
  })
}

/** The signed-in account (401 otherwise); one whose password was reset may only change it (403 otherwise). */
export async function requireUser(app: FastifyInstance, request: FastifyRequest, options: { allowPasswordChange?: boolean } = {}): Promise<Account> {
  const account = await app.sessions.current(request)
  if (!account)
    throw new AppError(401, 'UNAUTHENTICATED')
  if (account.mustChangePassword && !options.allowPasswordChange)
    throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED')
  return account
}

export async function requireAdmin(app: FastifyInstance, request: FastifyRequest): Promise<Account> {
  const account = await requireUser(app, request)
  if (account.role !== 'admin')
    throw new AppError(403, 'FORBIDDEN')
  return account
}

/** Ajv's type coercion reads '0x10' as 16 and '1e1' as 10: ids and page numbers must be plain digits. */
export function requirePlainIds(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const sources = { params: request.params, querystring: request.query } as Record<string, Record<string, unknown> | undefined>
    for (const [part, values] of Object.entries(sources)) {
      for (const name of ['id', 'page', 'pageSize']) {
        const value = values?.[name]
        if (typeof value === 'string' && !/^\d{1,10}$/.test(value)) {
          throw new AppError(400, 'VALIDATION_FAILED', [
            { field: `${part}.${name}`, reason: 'must be a whole number' },
          ])
        }
      }
    }
  })
}

/** A calendar date that exists (2026-02-30 does not). */
export function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}

/** Answers of a plugin's routes are never stored by any cache (personal or account data). */
export function noStore(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store')
    return payload
  })
}
