import type { ComputedRef, Ref } from 'vue'
import type { PageOf } from '#schemas/common'
import { computed, readonly, ref, shallowRef } from 'vue'
import { ApiError } from '~/api/errors'
import { settledValue } from '~/api/prefetched'
import { prefetchOnServer } from './prefetchOnServer'

export interface UsePagedListOptions<T> {
  /** Loads one page; receives the 1-based page number. */
  fetchPage: (page: number) => Promise<PageOf<T>>
  /** Start loading the first page immediately (default true). */
  immediate?: boolean
}

/**
 * Where a list is: `idle` (nothing loaded yet, or more pages to load), `loading` (the first page: show skeletons),
 * `loadingMore` (a further page: a spinner at the end), `done` (everything loaded), `empty` (nothing to show),
 * `error` (the last load failed: show it with a retry).
 */
export type PagedListState = 'idle' | 'loading' | 'loadingMore' | 'done' | 'empty' | 'error'

export interface UsePagedListReturn<T> {
  state: Readonly<Ref<PagedListState>>
  items: Readonly<Ref<readonly T[]>>
  total: Readonly<Ref<number>>
  /** More than `total` matched: the server stopped counting there (a list then says "more than …"). */
  totalCapped: Readonly<Ref<boolean>>
  error: Readonly<Ref<ApiError | null>>
  /** Shorthands of `state`, for templates. */
  loading: ComputedRef<boolean>
  loadingMore: ComputedRef<boolean>
  finished: ComputedRef<boolean>
  empty: ComputedRef<boolean>
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * A paginated list with loading, error, empty and finished states — what every catalogue screen needs.
 * Results of a superseded load (filters changed mid-flight) are ignored.
 */
export function usePagedList<T>(options: UsePagedListOptions<T>): UsePagedListReturn<T> {
  const state = ref<PagedListState>('idle')
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const totalCapped = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let page = 0
  let generation = 0

  function show(next: number, result: PageOf<T>) {
    const first = next === 1
    items.value = first
      ? result.items
      : [
          ...items.value,
          ...result.items,
        ]
    total.value = result.total
    totalCapped.value = result.totalCapped === true
    page = next
    state.value = result.total === 0
      ? 'empty'
      : items.value.length >= result.total
        ? 'done'
        : 'idle'
  }

  function load(next: number): Promise<void> {
    const mine = ++generation
    error.value = null
    const pending = options.fetchPage(next)
    // Rendered by the server: its answer is here already, so the first render shows what the server's did.
    const ready = settledValue(pending)
    if (ready) {
      show(next, ready.value)
      return Promise.resolve()
    }
    state.value = next === 1
      ? 'loading'
      : 'loadingMore'
    return settle(mine, next, pending)
  }
  async function settle(mine: number, next: number, pending: Promise<PageOf<T>>) {
    try {
      const result = await pending
      if (mine !== generation)
        return
      show(next, result)
    }
    catch (e) {
      if (mine !== generation)
        return
      if (e instanceof ApiError && e.kind === 'canceled') {
        state.value = 'idle'
        return
      }
      error.value = e instanceof ApiError
        ? e
        : new ApiError('http', null, 'UNKNOWN', String(e))
      state.value = 'error'
    }
  }

  const reload = () => {
    page = 0
    return load(1)
  }
  const loadMore = async () => {
    if (state.value !== 'idle')
      return
    await load(page + 1)
  }

  const first = options.immediate !== false
    ? reload()
    : undefined
  // Server-side rendering waits for the first page before it renders.
  prefetchOnServer(() => first)

  return {
    state: readonly(state),
    items,
    total: readonly(total),
    totalCapped: readonly(totalCapped),
    error: readonly(error) as Readonly<Ref<ApiError | null>>,
    loading: computed(() => state.value === 'loading'),
    loadingMore: computed(() => state.value === 'loadingMore'),
    finished: computed(() => state.value === 'done' || state.value === 'empty'),
    empty: computed(() => state.value === 'empty'),
    reload,
    loadMore,
  }
}
