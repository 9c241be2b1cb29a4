// The kiosk's privacy wipe, after each person: nothing of theirs may stay for the next one.
import { STORAGE_KEYS } from '~/constants'

/** Where vue-router keeps scroll positions, keyed by history position and path. */
const ROUTER_SCROLL_KEY = 'vue-router:scroll'
/** The service worker's cache of app chunks kept on first use (vite.config.ts): code, nothing of a person's. */
const APP_ASSETS_CACHE = 'app-assets'

/**
 * Clears sessionStorage, and localStorage except the kiosk's own configuration; deletes every Cache Storage cache
 * but the app's own files (the service worker's precache and `app-assets`, the chunks cached on first use); then reloads the kiosk home in place (`location.replace`), which resets every
 * store and component, drops every object URL and adds no history entry. When a new version is waiting
 * (`updateWaiting`, or the registration has a waiting worker the shell has not heard of yet: workbox-window
 * announces one only after a pause), the wipe leaves a note for the fresh kiosk home to switch to it: the wipe
 * itself never waits on a service worker to install or take over.
 */
export async function wipeKiosk(updateWaiting = false): Promise<void> {
  const waiting = updateWaiting || await hasWaitingWorker()
  try {
    sessionStorage.clear()
    const keep = localStorage.getItem(STORAGE_KEYS.kiosk)
    localStorage.clear()
    if (keep !== null)
      localStorage.setItem(STORAGE_KEYS.kiosk, keep)
    if (waiting)
      sessionStorage.setItem(STORAGE_KEYS.kioskUpdate, '1')
  }
  catch {}
  if ('caches' in window) {
    for (const name of await caches.keys()) {
      if (!name.includes('precache') && name !== APP_ASSETS_CACHE)
        await caches.delete(name)
    }
  }
  // The router keeps scroll positions by path in sessionStorage and writes them back as the page goes away (its own
  // pagehide listener, added at start-up, runs before this one): take them away again, so not even the paths of
  // this visit reach the next person.
  window.addEventListener('pagehide', () => {
    try {
      sessionStorage.removeItem(ROUTER_SCROLL_KEY)
    }
    catch {}
  })
  history.replaceState(null, '', '/kiosk')
  location.replace('/kiosk')
}

/** Whether a new service worker is installed and waiting to take over this page. */
async function hasWaitingWorker(): Promise<boolean> {
  try {
    return Boolean((await navigator.serviceWorker?.getRegistration())?.waiting)
  }
  catch {
    return false
  }
}

/** How many times the fresh kiosk home may try to switch to a waiting version after one wipe. */
const SWITCH_TRIES = 2

/**
 * Whether the last wipe left a waiting version to switch to; reading it takes the note away. A try that is under
 * way leaves the note again (up to SWITCH_TRIES), so that if the switch did not happen before the page was loaded
 * anew (applyWaitingUpdate's fallback, on a slow machine), the next kiosk home tries once more. Once the new
 * version runs, the note it finds has nothing to switch to and is dropped.
 */
export function takeKioskUpdateNote(): { switch: boolean, tryAgainLater: () => void } {
  let tries = 0
  try {
    tries = Number(sessionStorage.getItem(STORAGE_KEYS.kioskUpdate) ?? 0) || 0
    sessionStorage.removeItem(STORAGE_KEYS.kioskUpdate)
  }
  catch {}
  return {
    switch: tries > 0,
    tryAgainLater: () => {
      if (tries <= 0 || tries >= SWITCH_TRIES)
        return
      try {
        sessionStorage.setItem(STORAGE_KEYS.kioskUpdate, String(tries + 1))
      }
      catch {}
    },
  }
}
