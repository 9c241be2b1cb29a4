import { afterEach, describe, expect, it, vi } from 'vitest'
import * as endpoints from '#schemas/endpoints'
import { call, setTransport } from '~/api/client'
import { forgetPrefetchedAnswers, orElse, readPrefetchedAnswers, requestKey, resolvedNow, settledValue } from '~/api/prefetched'
import { useLatest } from '~/composables/useLatest'
import { usePagedList } from '~/composables/usePagedList'
import { useResource } from '~/composables/useResource'

// A page the server rendered brings the API answers it read (src/entry-server.ts); the app's first render must
// show them at once, exactly as the server did, or taking the server's HTML over (hydration) fails.
function serverAnswers(answers: Record<string, unknown>) {
  const element = document.createElement('script')
  element.type = 'application/json'
  element.id = 'ssr-answers'
  element.textContent = JSON.stringify(answers)
  document.body.append(element)
  readPrefetchedAnswers()
}

const list = {
  items: [
    { id: 1, title: '信用+停车' },
  ],
  page: 1,
  pageSize: 10,
  total: 1,
}

afterEach(() => forgetPrefetchedAnswers())

describe('answers the server rendered a page with', () => {
  it('should spell a request one way whatever the order of its query, leaving out empty values', () => {
    expect(requestKey('/benefits', {
      pageSize: 10,
      page: 1,
      q: '',
      category: undefined,
    })).toBe('/benefits?page=1&pageSize=10')
    expect(requestKey('/benefits', { page: 1, pageSize: 10 })).toBe(requestKey('/benefits', { pageSize: 10, page: 1 }))
    expect(requestKey('/search', { q: '信用 停车' })).toBe('/search?q=%E4%BF%A1%E7%94%A8+%E5%81%9C%E8%BD%A6')
    expect(requestKey('/streets')).toBe('/streets')
  })

  it('should sort the query without the browser\'s collation, whose first use is a long task while the app starts', () => {
    const collate = vi.spyOn(String.prototype, 'localeCompare')
    try {
      expect(requestKey('/enterprises', { q: '建设', pageSize: 10, page: 2 })).toBe('/enterprises?page=2&pageSize=10&q=%E5%BB%BA%E8%AE%BE')
      expect(collate).not.toHaveBeenCalled()
    }
    finally {
      collate.mockRestore()
    }
  })

  it('should answer the first matching GET from the page, at once, and only once', async () => {
    serverAnswers({ '/benefits?page=1&pageSize=10': list })
    expect(document.getElementById('ssr-answers'), 'the element is taken out').toBeNull()
    const first = call(endpoints.benefits, {
      query: { pageSize: 10, page: 1 },
    })
    expect(settledValue(first)).toEqual({ value: list })
    expect(await first).toEqual(list)
    // A second identical request is a new one (the answer is used once): it is sent.
    const sent: string[] = []
    setTransport(async (config) => {
      sent.push(requestKey(config.url ?? '', config.params as object))
      return { ...list, total: 2 }
    })
    try {
      const second = call(endpoints.benefits, {
        query: { page: 1, pageSize: 10 },
      })
      expect(settledValue(second)).toBeUndefined()
      expect((await second).total).toBe(2)
      expect(sent).toEqual(['/benefits?page=1&pageSize=10'])
    }
    finally {
      setTransport(null)
    }
  })

  it('should know the value of resolvedNow promises only, and keep it through orElse', () => {
    expect(settledValue(resolvedNow(3))).toEqual({ value: 3 })
    expect(settledValue(Promise.resolve(3))).toBeUndefined()
    const kept = resolvedNow('now')
    expect(orElse(kept, () => 'fallback')).toBe(kept)
    expect(settledValue(orElse(Promise.resolve('later'), () => 'fallback'))).toBeUndefined()
  })

  it('should let lists, blocks and items show the server\'s answer in their very first state', () => {
    const paged = usePagedList({
      fetchPage: () => resolvedNow(list),
    })
    expect(paged.state.value).toBe('done')
    expect(paged.items.value).toEqual(list.items)

    const latest = useLatest(() => resolvedNow(list))
    expect(latest.loading.value).toBe(false)
    expect(latest.items.value).toEqual(list.items)

    const item = useResource(() => 1, () => resolvedNow({ id: 1 }))
    expect(item.loading.value).toBe(false)
    expect(item.data.value).toEqual({ id: 1 })
  })

  it('should still show loading first for answers that must be fetched', () => {
    const paged = usePagedList({
      fetchPage: () => Promise.resolve(list),
    })
    expect(paged.state.value).toBe('loading')
    const item = useResource(() => 1, () => Promise.resolve({ id: 1 }))
    expect(item.loading.value).toBe(true)
  })
})
