// The kiosk's privacy wipe, after each person: nothing of theirs may stay for the next one.
import { STORAGE_KEYS } from '~/constants'

/**
 * Clears sessionStorage, and localStorage except the kiosk's own configuration; deletes every Cache Storage cache
 * but the service worker's precache; then reloads the kiosk home in place (`location.replace`), which resets every
 * store and component, drops every object URL and adds no history entry. A waiting service-worker update is
 * applied at this moment instead (`applyUpdate` activates it and reloads).
 */
export async function wipeKiosk(applyUpdate?: () => Promise<void>): Promise<void> {
  try {
    sessionStorage.clear()
    const keep = localStorage.getItem(STORAGE_KEYS.kiosk)
    localStorage.clear()
    if (keep !== null)
      localStorage.setItem(STORAGE_KEYS.kiosk, keep)
  }
  catch {}
  if ('caches' in window) {
    for (const name of await caches.keys()) {
      if (!name.includes('precache'))
        await caches.delete(name)
    }
  }
  history.replaceState(null, '', '/kiosk')
  if (applyUpdate)
    await applyUpdate()
  else
    location.replace('/kiosk')
}
