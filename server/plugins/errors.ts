import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode, ErrorMeta } from '../errors'
import type { ErrorBody } from '../schemas/common'
import fp from 'fastify-plugin'
import { HashingBusyError } from '../auth/password'
import { AppError, errorMessage, pickLang } from '../errors'

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
}

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, details?: ErrorBody['error']['details'], meta?: ErrorMeta) {
  const body: ErrorBody = {
    error: {
      code,
      message: errorMessage(code, pickLang(request.headers['accept-language'])),
    },
  }
  if (details?.length)
    body.error.details = details
  if (meta?.attemptsLeft !== undefined)
    body.error.attemptsLeft = meta.attemptsLeft
  if (meta?.retryAfterSeconds !== undefined) {
    body.error.retryAfterSeconds = meta.retryAfterSeconds
    reply.header('retry-after', String(meta.retryAfterSeconds))
  }
  return reply.status(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body)
}

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes), as better-sqlite3 raises it. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/** One error handler for the whole API: stable codes and localised messages for 4xx; generic, logged 5xx. */
export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError)
      return sendError(request, reply, error.statusCode, error.code, error.details, error.meta)
    if ('validation' in error && error.validation) {
      const details = error.validation.map(v => ({
        field: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.') || undefined,
        reason: v.message,
      }))
      return sendError(request, reply, 400, 'VALIDATION_FAILED', details)
    }
    // Password hashing is at capacity (auth/password.ts): a password change or reset, like a sign-in, tries again.
    if (error instanceof HashingBusyError)
      return sendError(request, reply, 503, 'SIGN_IN_BUSY', undefined, { retryAfterSeconds: 5 })
    // Another process holds the database's write lock beyond the short wait (db/database.ts): try again shortly.
    if (isBusy(error))
      return sendError(request, reply, 503, 'DATABASE_BUSY', undefined, { retryAfterSeconds: 1 })
    const status = error.statusCode ?? 500
    // Only the file server raises a bare 403 (a path with traversal, a null byte or a dot-file): nothing is there
    // for the caller, so it is the same 404 as every other missing file, with the same stable code.
    if (status === 403)
      return sendError(request, reply, 404, 'NOT_FOUND')
    if (status >= 400 && status < 500)
      return sendError(request, reply, status, STATUS_CODES[status] ?? 'BAD_REQUEST')
    request.log.error({ err: error }, 'unhandled error')
    return sendError(request, reply, 500, 'INTERNAL')
  })
}, { name: 'errors' })
