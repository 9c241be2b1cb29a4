import type { Ref } from 'vue'
import { useLocalStorage } from '@vueuse/core'

export interface UseSearchHistoryReturn {
  terms: Readonly<Ref<readonly string[]>>
  remember: (term: string) => void
  forget: (term: string) => void
  clear: () => void
}

/** Recent search terms kept on this device (most recent first, deduplicated, at most `max`). */
export function useSearchHistory(options: { key: string, max?: number }): UseSearchHistoryReturn {
  const max = options.max ?? 8
  const terms = useLocalStorage<string[]>(options.key, [])

  function remember(term: string) {
    const t = term.trim()
    if (!t)
      return
    terms.value = [
      t,
      ...terms.value.filter(x => x !== t),
    ].slice(0, max)
  }
  function forget(term: string) {
    terms.value = terms.value.filter(x => x !== term)
  }
  function clear() {
    terms.value = []
  }
  return { terms, remember, forget, clear }
}
