// Kiosk devices: check the device token (setup and every start) and leave kiosk mode with the admin's exit code.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../errors'
import { sameHash } from '../lib/crypto'
import { noStore } from '../lib/guards'
import { requestOrigin } from '../lib/origin'
import { exitCodeHash } from '../repositories/kiosks'
import { ErrorBody } from '../schemas/common'
import { KioskExitRequest, KioskSession } from '../schemas/credit'

/** Wrong exit codes a kiosk may try in this many minutes before it has to wait. */
export const EXIT_LIMIT = { attempts: 5, minutes: 15 }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  noStore(app)

  async function kioskOf(request: Parameters<typeof requestOrigin>[1]) {
    const origin = await requestOrigin(app, request)
    if (origin.channel !== 'kiosk' || origin.kioskId === null)
      throw new AppError(401, 'KIOSK_UNKNOWN')
    return origin
  }

  app.get('/kiosk/session', {
    schema: {
      response: { 200: KioskSession, 401: ErrorBody },
    },
  }, async (request) => {
    const origin = await kioskOf(request)
    const kiosk = await app.repos.kiosks.byToken(String(request.headers['x-kiosk-token']))
    return {
      id: origin.kioskId!,
      label: kiosk?.label ?? '',
      ...app.config.kiosk,
    }
  })

  app.post('/kiosk/exit', {
    schema: {
      body: KioskExitRequest,
      response: {
        204: { type: 'null' },
        400: ErrorBody,
        401: ErrorBody,
        429: ErrorBody,
      },
    },
  }, async (request, reply) => {
    const origin = await kioskOf(request)
    const now = app.config.clock()
    const since = new Date(now.getTime() - EXIT_LIMIT.minutes * 60_000).toISOString()
    if (await app.repos.personal.auditCount(['kiosk_exit_failed'], origin.clientKey, since) >= EXIT_LIMIT.attempts)
      throw new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: EXIT_LIMIT.minutes * 60 })
    const kiosk = await app.repos.kiosks.byToken(String(request.headers['x-kiosk-token']))
    const given = request.body.exitCode.trim()
    if (!kiosk || !sameHash(exitCodeHash(app.config.secret, kiosk.id, given), kiosk.exitCodeHash)) {
      await app.repos.personal.audit('kiosk_exit_failed', origin, now.toISOString())
      throw new AppError(400, 'EXIT_CODE_INCORRECT')
    }
    await app.repos.personal.audit('kiosk_exit', origin, now.toISOString())
    return reply.status(204).send(null)
  })
}
export default routes
