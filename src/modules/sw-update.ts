// Switching to a waiting service worker (a new version of the app) and loading the page anew under it.
//
// vite-plugin-pwa reloads by itself only when the page was already controlled when it loaded; a page opened on the
// first visit (or a kiosk just set up) would keep showing the old version under the new worker. So we load the page
// ourselves once the new worker takes control, and after a short wait in any case, so that it never hangs.
import { PAGES_CACHE } from '#common/rendered-pages'

const FALLBACK_MS = 3000

/**
 * Tells the waiting worker to take over (`skipWaiting`, through `skip`), then replaces the page with `url` as soon
 * as it controls the page, or after a few seconds if it never does.
 */
export function applyWaitingUpdate(skip: () => Promise<void>, url: string = location.href): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false
    const load = () => {
      if (done)
        return
      done = true
      location.replace(url)
      resolve()
    }
    navigator.serviceWorker?.addEventListener('controllerchange', load, { once: true })
    setTimeout(load, FALLBACK_MS)
    // The kept pages name the old version's files, which the new one's precache no longer holds: drop them first.
    const dropPages = 'caches' in window
      ? caches.delete(PAGES_CACHE).catch(() => false)
      : Promise.resolve(false)
    void dropPages.then(skip).catch(load)
  })
}
