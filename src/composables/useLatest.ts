import type { Ref } from 'vue'
import type { PageOf } from '#schemas/common'
import { ref, shallowRef } from 'vue'
import { settledValue } from '~/api/prefetched'
import { prefetchOnServer } from './prefetchOnServer'

/** A small "latest N" block (home page): items, loading and failure, never throwing. */
export function useLatest<T>(load: () => Promise<PageOf<T>>): { items: Readonly<Ref<T[]>>, loading: Readonly<Ref<boolean>>, failed: Readonly<Ref<boolean>>, refresh: () => Promise<void> } {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const loading = ref(true)
  const failed = ref(false)
  function refresh(): Promise<void> {
    failed.value = false
    const pending = load()
    // Rendered by the server: its answer is here already, so the first render shows what the server's did.
    const ready = settledValue(pending)
    if (ready) {
      items.value = ready.value.items
      loading.value = false
      return Promise.resolve()
    }
    loading.value = true
    return settle(pending)
  }
  async function settle(pending: Promise<PageOf<T>>) {
    try {
      items.value = (await pending).items
    }
    catch {
      failed.value = true
    }
    finally {
      loading.value = false
    }
  }
  const first = refresh()
  // Server-side rendering waits for the first load before it renders.
  prefetchOnServer(() => first)
  return { items, loading, failed, refresh }
}
