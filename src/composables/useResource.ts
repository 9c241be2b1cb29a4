import type { Ref } from 'vue'
import type { ApiError } from '~/api/errors'
import { ref, shallowRef, watch } from 'vue'
import { settledValue } from '~/api/prefetched'
import { prefetchOnServer } from './prefetchOnServer'

export interface UseResourceReturn<T> {
  data: Readonly<Ref<T | null>>
  error: Readonly<Ref<ApiError | null>>
  loading: Readonly<Ref<boolean>>
  notFound: Readonly<Ref<boolean>>
  reload: () => Promise<void>
}

/**
 * One resource loaded by a key from the route (a detail page): reloads when the key changes; a 404 is
 * reported as `notFound` rather than as an error to retry.
 */
export function useResource<K, T>(key: () => K, load: (key: K) => Promise<T>): UseResourceReturn<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const error = shallowRef<ApiError | null>(null)
  const loading = ref(true)
  const notFound = ref(false)
  let generation = 0

  function reload(): Promise<void> {
    const mine = ++generation
    error.value = null
    notFound.value = false
    const pending = load(key())
    // Rendered by the server: its answer is here already, so the first render shows what the server's did.
    const ready = settledValue(pending)
    if (ready) {
      data.value = ready.value
      loading.value = false
      return Promise.resolve()
    }
    loading.value = true
    return settle(mine, pending)
  }
  async function settle(mine: number, pending: Promise<T>) {
    try {
      const value = await pending
      if (mine === generation)
        data.value = value
    }
    catch (e) {
      if (mine !== generation)
        return
      const apiError = e as ApiError
      if (apiError.kind === 'canceled')
        return
      data.value = null
      error.value = apiError
      notFound.value = apiError.status === 404
    }
    finally {
      if (mine === generation)
        loading.value = false
    }
  }
  let first: Promise<void> | undefined
  watch(key, () => {
    const loaded = reload()
    first ??= loaded
  }, { immediate: true })
  // Server-side rendering waits for the first load before it renders.
  prefetchOnServer(() => first)
  return {
    data,
    error,
    loading,
    notFound,
    reload,
  }
}
