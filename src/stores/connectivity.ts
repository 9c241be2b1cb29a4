import { useEventListener, useIntervalFn, useOnline } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { onApiError, onApiSuccess } from '~/api/client'
import { isOffline } from '~/api/errors'
import { pingServer } from '~/api/health'

const RECHECK_MS = 15_000

/**
 * Whether the app can reach its server. The browser's online flag is not enough: behind a captive portal,
 * or when only the server is down, cached pages still load. We ping /api/health (never cached by the
 * service worker) at start, when the browser comes back online or to the foreground, and every 15 s while down.
 * A page the server has just rendered needs no first ping: its HTML is the server's answer (not so a page the
 * service worker served, which may be the copy it kept).
 */
export const useConnectivityStore = defineStore('connectivity', () => {
  const browserOnline = useOnline()
  const serverReachable = ref(true)
  const checking = ref(false)

  async function check(): Promise<boolean> {
    if (checking.value)
      return serverReachable.value
    checking.value = true
    try {
      serverReachable.value = await pingServer()
    }
    finally {
      checking.value = false
    }
    return serverReachable.value
  }

  const offline = computed(() => !browserOnline.value || !serverReachable.value)

  const { pause, resume } = useIntervalFn(() => void check(), RECHECK_MS, { immediate: false })
  const stopWatchers: (() => void)[] = []
  /** Starts watching; `serverAnswered`: the page was just served by the server (no need to ask it at once). */
  function start(serverAnswered = false) {
    if (!serverAnswered) {
      void check().then(ok => ok
        ? pause()
        : resume())
    }
    stopWatchers.push(
      onApiError((error) => {
        if (isOffline(error)) {
          serverReachable.value = false
          resume()
        }
      }),
      onApiSuccess(() => {
        // A response may come from the service worker's cache, so success alone doesn't prove the server is up.
        if (!serverReachable.value)
          void check().then(ok => ok && pause())
      }),
      useEventListener(window, 'online', () => void check()),
      useEventListener(document, 'visibilitychange', () => {
        if (document.visibilityState === 'visible')
          void check()
      }),
    )
  }

  return {
    offline,
    browserOnline,
    serverReachable,
    check,
    start,
  }
})
