import type { AppLocale } from '~/constants'
import { useLocalStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { watch } from 'vue'
import { DEFAULT_LOCALE, LOCALES, STORAGE_KEYS } from '~/constants'
import { setLocale } from '~/modules/i18n'
import { syncViewCookie } from '~/modules/server-view'

function isLocale(value: string): value is AppLocale {
  return (LOCALES as readonly string[]).includes(value)
}

/** Display preferences kept on the device: elder mode and language. Nothing personal. */
export const useSettingsStore = defineStore('settings', () => {
  const elderMode = useLocalStorage<boolean>(STORAGE_KEYS.elderMode, false, { writeDefaults: false })
  const locale = useLocalStorage<AppLocale>(STORAGE_KEYS.locale, DEFAULT_LOCALE, {
    writeDefaults: false,
    serializer: {
      read: v => isLocale(v)
        ? v
        : DEFAULT_LOCALE,
      write: v => v,
    },
  })

  watch(locale, value => setLocale(value), { immediate: true })
  if (!import.meta.env.SSR) {
    watch([elderMode, locale], ([on]) => {
      document.documentElement.classList.toggle('elder', on)
      // Whether the server's rendered pages fit this device (modules/server-view.ts).
      syncViewCookie()
    }, { immediate: true })
  }

  function toggleElderMode(value = !elderMode.value) {
    elderMode.value = value
  }
  function changeLocale(value: AppLocale) {
    locale.value = value
  }

  return {
    elderMode,
    locale,
    toggleElderMode,
    changeLocale,
  }
})
