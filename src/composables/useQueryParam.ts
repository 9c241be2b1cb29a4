import type { WritableComputedRef } from 'vue'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/**
 * A filter kept in the URL query (shareable, survives reload). Values outside `allowed` read as null;
 * writing null removes the parameter. Uses router.replace so filters don't pile up in history.
 */
export function useQueryParam<T extends string>(name: string, allowed: readonly T[]): WritableComputedRef<T | null> {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get() {
      const raw = route.query[name]
      const value = Array.isArray(raw)
        ? raw[0]
        : raw
      return typeof value === 'string' && (allowed as readonly string[]).includes(value)
        ? value as T
        : null
    },
    set(value) {
      const query = { ...route.query }
      if (value === null)
        delete query[name]
      else
        query[name] = value
      void router.replace({ query })
    },
  })
}
