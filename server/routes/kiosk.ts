// Kiosk devices: check the device token (setup and every start) and leave kiosk mode with the admin's exit code.
// Both need a registered kiosk (access 'kiosk': 401 KIOSK_UNKNOWN otherwise).
import type { FastifyPluginAsync } from 'fastify'
import { AppError } from '../errors'
import { sameHash } from '../lib/crypto'
import { kioskToken } from '../lib/origin'
import { serve } from '../lib/serve'
import { exitCodeHash } from '../repositories/kiosks'
import * as endpoints from '../schemas/endpoints'

/** Wrong exit codes a kiosk may try in this many minutes before it has to wait. */
export const EXIT_LIMIT = { attempts: 5, minutes: 15 }

const routes: FastifyPluginAsync = async (app) => {
  serve(app, endpoints.kioskSession, async request => ({
    id: request.origin.kioskId,
    label: request.origin.label,
    ...app.config.kiosk,
  }))

  serve(app, endpoints.kioskExit, async (request) => {
    const { origin } = request
    const now = app.config.clock()
    const since = new Date(now.getTime() - EXIT_LIMIT.minutes * 60_000).toISOString()
    if (await app.repos.personal.auditCount(['kiosk_exit_failed'], origin.clientKey, since) >= EXIT_LIMIT.attempts)
      throw new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: EXIT_LIMIT.minutes * 60 })
    const kiosk = await app.repos.kiosks.byToken(kioskToken(request) ?? '')
    const given = request.body.exitCode.trim()
    if (!kiosk || !sameHash(exitCodeHash(app.config.secret, kiosk.id, given), kiosk.exitCodeHash)) {
      await app.repos.personal.audit('kiosk_exit_failed', origin, now.toISOString())
      throw new AppError(400, 'EXIT_CODE_INCORRECT')
    }
    await app.repos.personal.audit('kiosk_exit', origin, now.toISOString())
    return null
  })
}
export default routes
