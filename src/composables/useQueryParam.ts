import type { WritableComputedRef } from 'vue'
import type { LocationQuery, Router } from 'vue-router'
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

// Query changes that are on their way: two filters set in the same tick must both land.
const pending = new WeakMap<Router, LocationQuery>()

/** Sets (string) or removes (null) query parameters of the current route with router.replace. */
export function patchQuery(router: Router, patch: Record<string, string | null>): Promise<unknown> {
  const next: LocationQuery = {
    ...(pending.get(router) ?? router.currentRoute.value.query),
  }
  for (const [name, value] of Object.entries(patch)) {
    if (value === null)
      delete next[name]
    else
      next[name] = value
  }
  pending.set(router, next)
  return router.replace({ query: next }).finally(() => {
    if (pending.get(router) === next)
      pending.delete(router)
  })
}

/** The first value of a query parameter, if it is a string. */
export function queryValue(query: LocationQuery, name: string): string | undefined {
  const raw = query[name]
  const value = Array.isArray(raw)
    ? raw[0]
    : raw
  return typeof value === 'string'
    ? value
    : undefined
}

/**
 * A filter kept in the URL query (shareable, survives reload). Values outside `allowed` read as null;
 * writing null removes the parameter. Uses router.replace so filters don't pile up in history.
 */
export function useQueryParam<T extends string>(name: string, allowed: readonly T[]): WritableComputedRef<T | null> {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get() {
      const value = queryValue(route.query, name)
      return value !== undefined && (allowed as readonly string[]).includes(value)
        ? value as T
        : null
    },
    set(value) {
      void patchQuery(router, { [name]: value })
    },
  })
}
