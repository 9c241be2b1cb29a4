import type { Ref } from 'vue'
import type { PageOf } from '#schemas/common'
import { computed, ref, shallowRef } from 'vue'
import { ApiError } from '~/api/errors'

export interface UsePagedListOptions<T> {
  /** Loads one page; receives the 1-based page number. */
  fetchPage: (page: number) => Promise<PageOf<T>>
  /** Start loading the first page immediately (default true). */
  immediate?: boolean
}

export interface UsePagedListReturn<T> {
  items: Ref<T[]>
  total: Ref<number>
  /** First page loading (show skeletons). */
  loading: Ref<boolean>
  /** Further pages loading (show a spinner at the end). */
  loadingMore: Ref<boolean>
  error: Ref<ApiError | null>
  finished: Ref<boolean>
  empty: Ref<boolean>
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * A paginated list with loading, error, empty and finished states — what every catalogue screen needs.
 * Results of a superseded load (filters changed mid-flight) are ignored.
 */
export function usePagedList<T>(options: UsePagedListOptions<T>): UsePagedListReturn<T> {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(0)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref<ApiError | null>(null)
  let generation = 0

  const finished = computed(() => page.value > 0 && items.value.length >= total.value)
  const empty = computed(() => !loading.value && !error.value && page.value > 0 && total.value === 0)

  async function load(next: number) {
    const mine = ++generation
    const first = next === 1
    if (first)
      loading.value = true
    else
      loadingMore.value = true
    error.value = null
    try {
      const result = await options.fetchPage(next)
      if (mine !== generation)
        return
      items.value = first
        ? result.items
        : [
            ...items.value,
            ...result.items,
          ]
      total.value = result.total
      page.value = next
    }
    catch (e) {
      if (mine !== generation || (e instanceof ApiError && e.kind === 'canceled'))
        return
      error.value = e instanceof ApiError
        ? e
        : new ApiError('http', null, 'UNKNOWN', String(e))
    }
    finally {
      if (mine === generation) {
        loading.value = false
        loadingMore.value = false
      }
    }
  }

  const reload = () => {
    page.value = 0
    return load(1)
  }
  const loadMore = async () => {
    if (loading.value || loadingMore.value || finished.value || error.value)
      return
    await load(page.value + 1)
  }

  if (options.immediate !== false)
    void reload()

  return {
    items,
    total,
    loading,
    loadingMore,
    error,
    finished,
    empty,
    reload,
    loadMore,
  }
}
