import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '~/api/errors'
import AppTabBar from '~/components/app/AppTabBar.vue'
import FilterChips from '~/components/common/FilterChips.vue'
import ListState from '~/components/common/ListState.vue'
import ReportConsent from '~/components/credit/ReportConsent.vue'
import { i18n } from '~/modules/i18n'
import { routes } from '~/router/routes'

const global = {
  plugins: [i18n],
}
const baseProps = {
  loading: false,
  error: null,
  empty: false,
  finished: false,
  hasItems: false,
}

describe('listState', () => {
  it('should show skeletons with a loading label when the first page is loading', () => {
    const wrapper = mount(ListState, {
      props: { ...baseProps, loading: true },
      global,
    })
    const status = wrapper.get('[data-test="skeleton"]')
    expect(status.attributes('aria-label')).toBe('正在加载…')
    expect(status.findAll('.skeleton'), 'one card-shaped placeholder per expected card').toHaveLength(3)
  })

  it('should show the error and emit retry when the retry button is pressed', async () => {
    const error = new ApiError('http', 500, 'INTERNAL', '服务暂时不可用，请稍后再试。')
    const wrapper = mount(ListState, {
      props: { ...baseProps, error },
      global,
    })
    expect(wrapper.get('[role="alert"]').text()).toContain('服务暂时不可用')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('should say offline that the page was never saved and offer the saved lists, besides retry', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes,
    })
    await router.push('/query/enterprise')
    const error = new ApiError('network', null, 'NETWORK', '网络连接失败，请检查网络后重试。')
    const wrapper = mount(ListState, {
      props: { ...baseProps, error },
      global: {
        plugins: [i18n, router],
      },
    })
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('这个页面还没有保存在本机，离线时打不开。')
    expect(alert.findAll('a').map(a => [
      a.text(),
      a.attributes('href'),
    ])).toEqual([
      ['信用惠民', '/benefits'],
      ['诚信宣传', '/publicity'],
    ])
    expect(alert.find('button').text()).toBe('重试')
  })

  it('should offer to clear filters when a filtered list is empty', async () => {
    const wrapper = mount(ListState, {
      props: { ...baseProps, empty: true, filtered: true },
      global,
    })
    expect(wrapper.text()).toContain('清除筛选')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('clearFilters')).toHaveLength(1)
  })

  it('should say there is nothing more when the list is finished', () => {
    const wrapper = mount(ListState, {
      props: { ...baseProps, hasItems: true, finished: true },
      global,
    })
    expect(wrapper.text()).toContain('没有更多了')
  })
})

describe('filterChips', () => {
  async function mountChips(path: string, name?: string) {
    const router = createRouter({
      history: createMemoryHistory(),
      routes,
    })
    await router.push(path)
    await router.isReady()
    const Host = defineComponent(() => {
      const value = ref<string | null>(null)
      return () => h('div', [
        h(FilterChips, {
          'label': 'filter',
          name,
          'options': [
            { value: null, label: '全部' },
            { value: 'medical', label: '医疗健康' },
          ],
          'modelValue': value.value,
          'onUpdate:modelValue': (v: string | null) => { value.value = v },
        }),
        h('output', value.value ?? 'all'),
      ])
    })
    return mount(Host, {
      global: {
        plugins: [i18n, router],
      },
    })
  }

  it('should mark the chosen option pressed and update the model when another is pressed', async () => {
    const wrapper = await mountChips('/benefits')
    const buttons = wrapper.findAll('button')
    expect(buttons[0]!.attributes('aria-pressed')).toBe('true')
    expect(buttons[0]!.attributes('type')).toBe('button')
    await buttons[1]!.trigger('click')
    expect(wrapper.get('output').text()).toBe('medical')
    expect(wrapper.findAll('button')[1]!.attributes('aria-pressed')).toBe('true')
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('filter')
  })

  it('should be a form that loads the filtered page, keeping the other filters, when it has a name', async () => {
    const wrapper = await mountChips('/benefits?audience=enterprise&category=transport&page=2', 'category')
    const form = wrapper.get('form')
    expect(form.attributes('method')).toBe('get')
    expect(form.attributes('action')).toBe('/benefits')
    // The other filters go along; this filter's old value and the page number do not.
    expect(wrapper.findAll('input[type="hidden"]').map(i => [
      i.attributes('name'),
      i.attributes('value'),
    ])).toEqual([
      ['audience', 'enterprise'],
    ])
    const buttons = wrapper.findAll('button')
    expect(buttons.map(b => [
      b.attributes('type'),
      b.attributes('name'),
      b.attributes('value'),
    ])).toEqual([
      ['submit', 'category', ''],
      ['submit', 'category', 'medical'],
    ])
    // Once the app runs, a chip changes the model instead of submitting.
    await buttons[1]!.trigger('click')
    expect(wrapper.get('output').text()).toBe('medical')
  })
})

describe('appTabBar', () => {
  it('should render five real links and mark the current tab', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes,
    })
    await router.push('/benefits')
    await router.isReady()
    const wrapper = mount(AppTabBar, {
      global: {
        plugins: [i18n, router],
      },
    })
    const links = wrapper.findAll('a')
    expect(links.map(a => a.attributes('href'))).toEqual([
      '/',
      '/benefits',
      '/publicity',
      '/streets',
      '/query',
    ])
    expect(links.map(a => a.text())).toEqual(['首页', '惠民', '诚信', '街镇', '查询'])
    expect(wrapper.get('[aria-current="page"]').attributes('href')).toBe('/benefits')
    expect(wrapper.get('nav').attributes('aria-label')).toBe('主导航')
  })
})

describe('reportConsent', () => {
  it('should list the points and only let the person continue once they have agreed', async () => {
    const consent = ref(false)
    const wrapper = mount(ReportConsent, {
      props: {
        'points': ['只查本人', '不保存明文'],
        'modelValue': consent.value,
        'onUpdate:modelValue': (value: boolean) => {
          consent.value = value
          void wrapper.setProps({ modelValue: value })
        },
      },
      global,
    })
    expect(wrapper.findAll('li').map(li => li.text())).toEqual(['只查本人', '不保存明文'])
    const go = wrapper.get('[data-test="consent-continue"]')
    expect(go.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-test="consent-check"]').setValue(true)
    expect(consent.value).toBe(true)
    expect(go.attributes('disabled')).toBeUndefined()
    await go.trigger('click')
    expect(wrapper.emitted('continue')).toHaveLength(1)
  })
})
