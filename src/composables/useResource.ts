import type { Ref } from 'vue'
import type { ApiError } from '~/api/errors'
import { ref, shallowRef, watch } from 'vue'

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

  async function reload() {
    const mine = ++generation
    loading.value = true
    error.value = null
    notFound.value = false
    try {
      const value = await load(key())
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
  watch(key, () => void reload(), { immediate: true })
  return {
    data,
    error,
    loading,
    notFound,
    reload,
  }
}
