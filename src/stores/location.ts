import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

export type LocationStatus = 'idle' | 'locating' | 'ready' | 'denied' | 'unavailable' | 'unsupported'
export interface Position { lat: number, lng: number }

/**
 * The device's position, asked for only when the user chooses "near me" and kept in memory only:
 * a position is personal data, so it is never stored, put in a URL or cached.
 */
export const useLocationStore = defineStore('location', () => {
  const position = shallowRef<Position | null>(null)
  const status = ref<LocationStatus>('idle')

  function locate(): Promise<Position | null> {
    if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
      status.value = 'unsupported'
      return Promise.resolve(null)
    }
    status.value = 'locating'
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (p) => {
          position.value = { lat: p.coords.latitude, lng: p.coords.longitude }
          status.value = 'ready'
          resolve(position.value)
        },
        (error) => {
          status.value = error.code === error.PERMISSION_DENIED
            ? 'denied'
            : 'unavailable'
          resolve(null)
        },
        { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
      )
    })
  }

  function forget() {
    position.value = null
    status.value = 'idle'
  }

  return { position, status, locate, forget }
})
