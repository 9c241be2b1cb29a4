// Server-side sessions for staff and admins. The cookie holds only a random token (its SHA-256 is stored); it is
// HttpOnly and SameSite=Strict, and Secure with the __Host- prefix when the request came over HTTPS. Sessions end
// after the idle timeout, at the absolute limit, at logout, and when the account is disabled or its password reset.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Account } from '../domain/account'
import cookie from '@fastify/cookie'
import fp from 'fastify-plugin'
import { randomToken, sha256 } from '../lib/crypto'

const PLAIN_NAME = 'session'
const HOST_NAME = '__Host-session'

declare module 'fastify' {
  interface FastifyInstance {
    sessions: {
      /** The signed-in, enabled account of this request, or null (an expired session is deleted on the way). */
      current: (request: FastifyRequest) => Promise<Account | null>
      /** A new session (a new token: never one the client brought) for this account. */
      start: (request: FastifyRequest, reply: FastifyReply, userId: number) => Promise<void>
      end: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
      tokenHash: (request: FastifyRequest) => string | null
    }
  }
}

export default fp(async (app) => {
  await app.register(cookie)
  const { idleMinutes, absoluteHours } = app.config.session
  const accounts = app.repos.accounts

  // Behind a TLS-terminating proxy the request may arrive as http: an https PUBLIC_ORIGIN decides it then.
  const httpsOrigin = app.config.publicOrigin?.startsWith('https://') === true
  const secure = (request: FastifyRequest) => httpsOrigin || request.protocol === 'https'
  const token = (request: FastifyRequest): string | null => request.cookies[HOST_NAME] ?? request.cookies[PLAIN_NAME] ?? null
  const tokenHash = (request: FastifyRequest) => {
    const value = token(request)
    return value && value.length <= 100
      ? sha256(value)
      : null
  }

  function clearCookie(request: FastifyRequest, reply: FastifyReply) {
    const name = secure(request)
      ? HOST_NAME
      : PLAIN_NAME
    reply.clearCookie(name, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request),
    })
  }

  app.decorate('sessions', {
    tokenHash,
    async current(request) {
      const hash = tokenHash(request)
      if (!hash)
        return null
      const session = await accounts.sessionByTokenHash(hash)
      if (!session)
        return null
      const now = app.config.clock()
      const idleEnd = Date.parse(session.last_seen_at) + idleMinutes * 60_000
      if (now.getTime() > idleEnd || now.getTime() > Date.parse(session.expires_at)) {
        await accounts.deleteSession(hash)
        return null
      }
      const account = await accounts.byId(session.user_id)
      if (!account || account.disabled) {
        await accounts.deleteSession(hash)
        return null
      }
      // Note activity at most once a minute: enough for a 30-minute idle timeout.
      if (now.getTime() - Date.parse(session.last_seen_at) > 60_000)
        await accounts.touchSession(session.id, now.toISOString())
      return account
    },
    async start(request, reply, userId) {
      const old = tokenHash(request)
      if (old)
        await accounts.deleteSession(old)
      const value = randomToken()
      const now = app.config.clock()
      await accounts.createSession({
        tokenHash: sha256(value),
        userId,
        at: now.toISOString(),
        expiresAt: new Date(now.getTime() + absoluteHours * 3_600_000).toISOString(),
      })
      reply.setCookie(secure(request)
        ? HOST_NAME
        : PLAIN_NAME, value, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(request),
        maxAge: absoluteHours * 3600,
      })
    },
    async end(request, reply) {
      const hash = tokenHash(request)
      if (hash)
        await accounts.deleteSession(hash)
      clearCookie(request, reply)
    },
  })
}, {
  name: 'sessions',
  dependencies: ['database'],
})
