import type { WritableComputedRef } from 'vue'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { patchQuery, queryValue } from './useQueryParam'

/** A free-text filter kept in the URL query, trimmed and bounded; '' removes the parameter. */
export function useQueryText(name: string, maxLength: number): WritableComputedRef<string> {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get() {
      return (queryValue(route.query, name) ?? '').trim().slice(0, maxLength)
    },
    set(value) {
      const text = value.trim().slice(0, maxLength)
      void patchQuery(router, { [name]: text || null })
    },
  })
}
