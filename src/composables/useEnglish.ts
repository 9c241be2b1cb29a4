import type { ComputedRef } from 'vue'
import { computed } from 'vue'
import { useI18n } from '~/modules/i18n'

/**
 * Staff-authored texts come in Chinese and, where staff wrote one, in English (a record's `en`). In English mode
 * `local` gives the English text when there is one, else the Chinese original; `langOf` the matching lang attribute.
 */
export function useEnglish(): {
  english: ComputedRef<boolean>
  local: <T extends string | readonly string[]>(chinese: T, english: T | undefined) => T
  langOf: (english: unknown) => 'en' | 'zh-CN'
} {
  const { locale } = useI18n()
  const english = computed(() => locale.value === 'en')
  return {
    english,
    local: (chinese, en) => english.value && en !== undefined
      ? en
      : chinese,
    langOf: en => english.value && en !== undefined
      ? 'en'
      : 'zh-CN',
  }
}
