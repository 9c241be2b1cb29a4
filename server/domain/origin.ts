// Who asks: the app on a phone or browser (by its address) or a registered kiosk (by its device token).
import type { Channel } from '../schemas/domain'

export interface RequestOrigin {
  channel: Channel
  kioskId: number | null
  /** Keyed hash of the client address, or the kiosk: what rate limits count by. */
  clientKey: string
}

/** The origin of a request made by a registered kiosk. */
export interface KioskOrigin extends RequestOrigin {
  channel: 'kiosk'
  kioskId: number
  label: string
}
