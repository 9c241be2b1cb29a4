// App-wide constants. Storage keys carry the app prefix; only non-personal preferences are ever stored.
export const STORAGE_PREFIX = 'credit-changning:'
export const STORAGE_KEYS = {
  elderMode: `${STORAGE_PREFIX}elder-mode`,
  locale: `${STORAGE_PREFIX}locale`,
  favourites: `${STORAGE_PREFIX}favourite-benefits`,
  benefitSearches: `${STORAGE_PREFIX}benefit-searches`,
  searches: `${STORAGE_PREFIX}searches`,
  /** The kiosk's own configuration (its device token): the one thing a kiosk wipe keeps. */
  kiosk: `${STORAGE_PREFIX}kiosk`,
  /** Set by a kiosk wipe (sessionStorage) when a new version was waiting: the fresh kiosk home switches to it. */
  kioskUpdate: `${STORAGE_PREFIX}kiosk-update`,
} as const

export const LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = typeof LOCALES[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

export const API_BASE_URL = import.meta.env.VITE_API_BASE_URL ?? '/api'
export const API_TIMEOUT_MS = 15_000
