import { describe, expect, it } from 'vitest'
import { ApiError } from '~/api/errors'
import { usePagedList } from '~/composables/usePagedList'

const flush = () => new Promise(r => setTimeout(r, 0))
const pageOf = (items: number[], page: number, total: number) => ({ items, page, pageSize: 2, total })

describe('usePagedList', () => {
  it('should load the first page immediately and append the next one on loadMore', async () => {
    const list = usePagedList({
      fetchPage: async p => pageOf(p === 1
        ? [1, 2]
        : [3], p, 3),
    })
    expect(list.loading.value).toBe(true)
    await flush()
    expect(list.items.value).toEqual([1, 2])
    expect(list.finished.value).toBe(false)
    await list.loadMore()
    expect(list.items.value).toEqual([1, 2, 3])
    expect(list.finished.value).toBe(true)
  })

  it('should say when the server stopped counting, and forget it when a later answer counts exactly', async () => {
    let capped = true
    const list = usePagedList({
      fetchPage: async p => capped
        ? {
            ...pageOf([1, 2], p, 1000),
            totalCapped: true as const,
          }
        : pageOf([1], p, 1),
    })
    await flush()
    expect(list.total.value).toBe(1000)
    expect(list.totalCapped.value).toBe(true)
    expect(list.finished.value).toBe(false)
    capped = false
    await list.reload()
    expect(list.totalCapped.value).toBe(false)
    expect(list.finished.value).toBe(true)
  })

  it('should report empty when the server has nothing', async () => {
    const list = usePagedList({
      fetchPage: async p => pageOf([], p, 0),
    })
    await flush()
    expect(list.empty.value).toBe(true)
    expect(list.error.value).toBeNull()
  })

  it('should keep the error and recover on reload when the request fails', async () => {
    let fail = true
    const list = usePagedList({
      fetchPage: async (p) => {
        if (fail)
          throw new ApiError('network', null, 'NETWORK', 'offline')
        return pageOf([1], p, 1)
      },
    })
    await flush()
    expect(list.error.value?.message).toBe('offline')
    expect(list.empty.value).toBe(false)
    fail = false
    await list.reload()
    expect(list.error.value).toBeNull()
    expect(list.items.value).toEqual([1])
  })

  it('should ignore a slow answer that a newer load has replaced', async () => {
    const resolvers: ((v: ReturnType<typeof pageOf>) => void)[] = []
    const list = usePagedList({
      fetchPage: () => new Promise<ReturnType<typeof pageOf>>(r => resolvers.push(r)),
    })
    const second = list.reload()
    resolvers[1]!(pageOf([2], 1, 1))
    await second
    resolvers[0]!(pageOf([1], 1, 1))
    await flush()
    expect(list.items.value).toEqual([2])
  })

  it('should not treat a cancelled request as an error', async () => {
    const list = usePagedList({
      fetchPage: async () => { throw new ApiError('canceled', null, 'CANCELED', 'canceled') },
    })
    await flush()
    expect(list.error.value).toBeNull()
  })

  it('should move through one state at a time: loading, idle with more to load, loadingMore, done', async () => {
    let release: () => void = () => {}
    const list = usePagedList({
      fetchPage: p => new Promise<ReturnType<typeof pageOf>>(r => release = () => r(pageOf(p === 1
        ? [1, 2]
        : [3], p, 3))),
    })
    expect(list.state.value).toBe('loading')
    release()
    await flush()
    expect(list.state.value).toBe('idle')
    const more = list.loadMore()
    expect(list.state.value).toBe('loadingMore')
    release()
    await more
    expect(list.state.value).toBe('done')
  })

  it('should be in the error state, and load nothing more, when a page fails', async () => {
    let calls = 0
    const list = usePagedList({
      fetchPage: async () => {
        calls++
        throw new ApiError('http', 500, 'INTERNAL', 'down')
      },
    })
    await flush()
    expect(list.state.value).toBe('error')
    await list.loadMore()
    expect(calls).toBe(1)
  })
})
