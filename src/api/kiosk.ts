// Kiosk devices: check a token (set-up and every start) and leave kiosk mode with the exit code.
import type { KioskSession } from '../../server/schemas/credit'
import type { RequestOptions } from './client'
import { get, post } from './client'

/** The kiosk this token belongs to, with its idle timings; pass the token when it is not stored yet (set-up). */
export function getKioskSession(token?: string, options: RequestOptions = {}) {
  return get<KioskSession>('/kiosk/session', {
    ...options,
    ...(token
      ? {
          headers: { 'X-Kiosk-Token': token },
        }
      : {}),
  })
}

export function exitKiosk(exitCode: string, options: RequestOptions = {}) {
  return post<null>('/kiosk/exit', { exitCode }, options)
}
