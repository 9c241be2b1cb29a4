// Who is asking: a kiosk (by its device token, sent as X-Kiosk-Token) or a phone/browser (by its address).
// Rate limits and the audit log key on this: kiosks in one hall share an address, so they count per kiosk.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { KioskOrigin, RequestOrigin } from '../domain/origin'
import { isIPv6 } from 'node:net'
import { AppError } from '../errors'
import { KIOSK_HEADER } from '../schemas/endpoint'
import { keyedHash } from './crypto'

export function kioskToken(request: FastifyRequest): string | null {
  const value = request.headers[KIOSK_HEADER]
  return typeof value === 'string' && value.length > 0
    ? value
    : null
}

/**
 * The address a limit counts: an IPv4 address as it is; an IPv6 address by its /64 network, which one household or
 * one machine usually holds whole (counting single IPv6 addresses would let one attacker appear as millions).
 */
export function addressGroup(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped)
    return mapped[1]!
  if (!isIPv6(ip))
    return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::')
  const left = head
    ? head.split(':')
    : []
  const right = ip.includes('::') && tail
    ? tail.split(':')
    : []
  const groups = ip.includes('::')
    ? [
        ...left,
        ...Array.from<string>({ length: 8 - left.length - right.length }).fill('0'),
        ...right,
      ]
    : left
  return `${groups.slice(0, 4).map(g => Number.parseInt(g, 16).toString(16)).join(':')}::/64`
}

/** The origin of a request; a kiosk token that is unknown or disabled is refused (401 KIOSK_UNKNOWN). */
export async function requestOrigin(app: FastifyInstance, request: FastifyRequest): Promise<RequestOrigin | KioskOrigin> {
  const token = kioskToken(request)
  if (token === null) {
    return {
      channel: 'app',
      kioskId: null,
      clientKey: keyedHash(app.config.secret, 'client', addressGroup(request.ip)),
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
