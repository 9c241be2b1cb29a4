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
    const kiosk = await app.repos.kiosks.byToken(kioskToken(request) ?? '')
    const given = request.body.exitCode.trim()
    const right = kiosk !== undefined && sameHash(exitCodeHash(app.config.secret, kiosk.id, given), kiosk.exitCodeHash)
    // Counted in turn per kiosk: codes tried at once (on any node) each count the wrong ones before them.
    const refused = await app.repos.personal.inTurn([`kiosk-exit:${origin.clientKey}`], async (queries) => {
      if (await queries.auditCount(['kiosk_exit_failed'], origin.clientKey, since) >= EXIT_LIMIT.attempts)
        return new AppError(429, 'TOO_MANY_REQUESTS', undefined, { retryAfterSeconds: EXIT_LIMIT.minutes * 60 })
      if (!right) {
        await queries.audit('kiosk_exit_failed', origin, now.toISOString())
        return new AppError(400, 'EXIT_CODE_INCORRECT')
      }
      await queries.audit('kiosk_exit', origin, now.toISOString())
      return null
    })
    if (refused)
      throw refused
    return null
  })
}
export default routes
