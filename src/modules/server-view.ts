// The server renders public pages as a first-time visitor sees them: in Chinese, normal text size, not a kiosk
// (src/entry-server.ts). A device set otherwise says so in a cookie, so the server sends it the plain app shell
// instead of a page it would have to repaint; the cookie holds no more than that (a preference, nothing personal).
import { DEFAULT_LOCALE, STORAGE_KEYS } from '~/constants'
import { isKiosk } from './kiosk-mode'

/** The cookie's name; the server reads it (server/plugins/render.ts). */
export const OWN_VIEW_COOKIE = 'cc-own-view'

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key)
  }
  catch {
    return null
  }
}

/** Whether this device shows pages as the server renders them. */
export function showsServerView(): boolean {
  const locale = stored(STORAGE_KEYS.locale)
  return !isKiosk && stored(STORAGE_KEYS.elderMode) !== 'true' && (locale === null || locale === DEFAULT_LOCALE)
}

/** Keeps the cookie in step with the device's settings (at start and on every change). */
export function syncViewCookie(): void {
  document.cookie = showsServerView()
    ? `${OWN_VIEW_COOKIE}=; path=/; max-age=0; samesite=lax`
    : `${OWN_VIEW_COOKIE}=1; path=/; max-age=31536000; samesite=lax`
}

/** Whether the server rendered this page (src/entry-server.ts): now, or when the service worker kept it. */
export function renderedByServer(): boolean {
  return typeof document !== 'undefined' && document.getElementById('app')?.dataset.rendered === 'true'
}

/**
 * Whether the server answered the request that loaded this page, moments ago: a rendered page with no service
 * worker in between. Under a service worker the page may be the copy it kept (offline, or the network slow).
 */
export function answeredByServer(): boolean {
  return renderedByServer() && !(typeof navigator !== 'undefined' && navigator.serviceWorker?.controller)
}

/** Whether the app takes over the server's HTML as it is (hydration): rendered by the server, shown as it renders. */
export function takesOverServerView(): boolean {
  return renderedByServer() && showsServerView()
}
