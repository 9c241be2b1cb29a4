import type { KioskSession } from '#schemas/credit'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { ApiError } from '~/api/errors'
import { wipeKiosk } from '~/modules/kiosk-wipe'

/** Timings until the server has answered (the server's defaults). */
const DEFAULT_SESSION = { idleSeconds: 120, personalIdleSeconds: 60, countdownSeconds: 20 }

/** This kiosk: who it is (for the footer and reports) and its idle timings; the wipe, with any waiting update. */
export const useKioskStore = defineStore('kiosk', () => {
  const session = shallowRef<KioskSession | null>(null)
  /** The server no longer knows this kiosk's token (disabled): staff must set it up again. */
  const rejected = ref(false)
  /** A new version of the app is installed and waiting (the shell says so; the kiosk never shows a prompt). */
  let updateWaiting = false

  async function load() {
    try {
      session.value = await call(endpoints.kioskSession, {}, { silent: true, keepOnNavigate: true })
      rejected.value = false
    }
    catch (e) {
      rejected.value = e instanceof ApiError && e.code === 'KIOSK_UNKNOWN'
    }
  }

  /** The shell registers the service worker and says whether a new version waits. */
  function setUpdateWaiting(waiting: boolean) {
    updateWaiting = waiting
  }

  function wipe() {
    return wipeKiosk(updateWaiting)
  }

  return {
    session,
    rejected,
    timings: () => session.value ?? DEFAULT_SESSION,
    load,
    setUpdateWaiting,
    wipe,
  }
})
