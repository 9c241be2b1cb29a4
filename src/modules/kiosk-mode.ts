// Is this device a kiosk? Read once at start from the kiosk's configuration (its device token); setting a kiosk
// up or leaving kiosk mode reloads the app. Kept tiny: it is on the first route of every device.
import { STORAGE_KEYS } from '~/constants'

function readToken(): string | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEYS.kiosk)
    const parsed: unknown = raw
      ? JSON.parse(raw)
      : null
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { token?: unknown }).token === 'string'
      ? (parsed as { token: string }).token
      : null
  }
  catch {
    return null
  }
}

export const kioskToken: string | null = readToken()
export const isKiosk = kioskToken !== null

/** Where a path of the normal app lives in kiosk mode; null when the kiosk does not offer it. */
export function kioskPathFor(path: string): string | null {
  if (/^\/(?:benefits|publicity)(?:\/|$)/.test(path))
    return `/kiosk${path}`
  const profile = /^\/query\/enterprise\/([0-9A-Z]+)$/i.exec(path)
  if (profile)
    return `/kiosk/enterprise/${profile[1]}`
  if (path === '/query')
    return '/kiosk/enterprise'
  if (path === '/query/personal')
    return '/kiosk/report'
  if (path === '/query/certificate')
    return '/kiosk/certificate'
  return null
}
