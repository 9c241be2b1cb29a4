import type { Ref } from 'vue'
import type { PageOf } from '#schemas/common'
import { ref, shallowRef } from 'vue'

/** A small "latest N" block (home page): items, loading and failure, never throwing. */
export function useLatest<T>(load: () => Promise<PageOf<T>>): { items: Readonly<Ref<T[]>>, loading: Readonly<Ref<boolean>>, failed: Readonly<Ref<boolean>>, refresh: () => Promise<void> } {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const loading = ref(true)
  const failed = ref(false)
  async function refresh() {
    loading.value = true
    failed.value = false
    try {
      items.value = (await load()).items
    }
    catch {
      failed.value = true
    }
    finally {
      loading.value = false
    }
  }
  void refresh()
  return { items, loading, failed, refresh }
}
