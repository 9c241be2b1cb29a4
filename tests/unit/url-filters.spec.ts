import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useQueryParam } from '~/composables/useQueryParam'
import { useQueryText } from '~/composables/useQueryText'
import { useSearchHistory } from '~/composables/useSearchHistory'

async function setup(url: string) {
  let api!: { category: ReturnType<typeof useQueryParam<'medical' | 'culture'>>, q: ReturnType<typeof useQueryText> }
  const Page = defineComponent(() => {
    api = {
      category: useQueryParam('category', ['medical', 'culture'] as const),
      q: useQueryText('q', 10),
    }
    return () => h('div')
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/benefits', component: Page },
    ],
  })
  await router.push(url)
  await router.isReady()
  mount({
    render: () => h(Page),
  }, {
    global: {
      plugins: [router],
    },
  })
  return { router, api }
}

describe('filters in the URL', () => {
  it('should read filters from the URL when a shared link is opened', async () => {
    const { api } = await setup('/benefits?category=culture&q=%E5%9B%BE%E4%B9%A6%E9%A6%86')
    expect(api.category.value).toBe('culture')
    expect(api.q.value).toBe('图书馆')
  })

  it('should ignore values that are not allowed when the URL was edited by hand', async () => {
    const { api } = await setup('/benefits?category=bogus')
    expect(api.category.value).toBeNull()
  })

  it('should write a filter to the URL and remove it when cleared, replacing history', async () => {
    const { router, api } = await setup('/benefits?q=a')
    api.category.value = 'medical'
    await new Promise(r => setTimeout(r, 0))
    expect(router.currentRoute.value.query).toEqual({ q: 'a', category: 'medical' })
    api.category.value = null
    api.q.value = '   '
    await new Promise(r => setTimeout(r, 0))
    expect(router.currentRoute.value.query).toEqual({})
  })

  it('should trim and bound free text when it is written', async () => {
    const { router, api } = await setup('/benefits')
    api.q.value = '  一二三四五六七八九十十一  '
    await new Promise(r => setTimeout(r, 0))
    expect(router.currentRoute.value.query.q).toBe('一二三四五六七八九十')
  })
})

describe('search history', () => {
  it('should keep recent terms newest first, without duplicates, up to the limit', () => {
    localStorage.clear()
    const history = useSearchHistory({ key: 'test-history', max: 3 })
    for (const term of ['图书馆', '停车', '图书馆', '  ', '贷款', '体检'])
      history.remember(term)
    expect(history.terms.value).toEqual(['体检', '贷款', '图书馆'])
    history.forget('贷款')
    expect(history.terms.value).toEqual(['体检', '图书馆'])
    history.clear()
    expect(history.terms.value).toEqual([])
  })
})
