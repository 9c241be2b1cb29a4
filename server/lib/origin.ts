// Who is asking: a kiosk (by its device token, sent as X-Kiosk-Token) or a phone/browser (by its address).
// Rate limits and the audit log key on this: kiosks in one hall share an address, so they count per kiosk.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { KioskOrigin, RequestOrigin } from '../domain/origin'
import { AppError } from '../errors'
import { KIOSK_HEADER } from '../schemas/endpoint'
import { keyedHash } from './crypto'

export function kioskToken(request: FastifyRequest): string | null {
  const value = request.headers[KIOSK_HEADER]
  return typeof value === 'string' && value.length > 0
    ? value
    : null
}

/** The origin of a request; a kiosk token that is unknown or disabled is refused (401 KIOSK_UNKNOWN). */
export async function requestOrigin(app: FastifyInstance, request: FastifyRequest): Promise<RequestOrigin | KioskOrigin> {
  const token = kioskToken(request)
  if (token === null) {
    return {
      channel: 'app',
      kioskId: null,
      clientKey: keyedHash(app.config.secret, 'client', request.ip),
    }
  }
  const kiosk = token.length <= 200
    ? await app.repos.kiosks.byToken(token)
    : undefined
  if (!kiosk)
    throw new AppError(401, 'KIOSK_UNKNOWN')
  return {
    channel: 'kiosk',
    kioskId: kiosk.id,
    clientKey: keyedHash(app.config.secret, 'client', `kiosk:${kiosk.id}`),
    label: kiosk.label,
  }
}

export function isKiosk(origin: RequestOrigin): origin is KioskOrigin {
  return origin.channel === 'kiosk' && origin.kioskId !== null
}
