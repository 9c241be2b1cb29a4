import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { i18n, loadMessageSections, setLocale, t, useI18n } from '~/modules/i18n'

// The app's translator (src/modules/i18n.ts) with the app's own messages: what a reader sees for a key.
describe('texts', () => {
  afterEach(async () => {
    await setLocale('zh-CN')
  })

  it('should give the text of a key in Chinese, with named placeholders filled', () => {
    expect(t('app.name')).toBe('信用长宁')
    expect(t('benefits.validTo', { date: '2026年6月30日' })).toBe('有效期至 2026年6月30日')
    expect(t('benefits.removeSearch', { term: '停车' })).toBe('删除“停车”')
  })

  it('should choose the form for a count: "zero | one | other" and "one | other", as vue-i18n did', async () => {
    expect(t('streets.activityCount', 0)).toBe('暂无活动')
    expect(t('streets.activityCount', 1)).toBe('1 项活动')
    expect(t('streets.activityCount', 12)).toBe('12 项活动')
    await setLocale('en')
    expect(t('streets.activityCount', 0)).toBe('No activities')
    expect(t('streets.activityCount', 1)).toBe('1 activity')
    expect(t('streets.activityCount', 2)).toBe('2 activities')
    await loadMessageSections(['credit'])
    expect(t('credit.certificate.yearsOption', { n: 1 }, 1)).toBe('Last year')
    expect(t('credit.certificate.yearsOption', { n: 3 }, 3)).toBe('Last 3 years')
  })

  it('should not change the values a caller passes', () => {
    const named = { date: 'x' }
    t('streets.activityCount', named, 2)
    expect(named).toEqual({ date: 'x' })
  })

  it('should give the key itself for an unknown key, and Chinese for a key English lacks', async () => {
    expect(t('no.such.key')).toBe('no.such.key')
    expect(t('app')).toBe('app') // a section, not a text
    await setLocale('en')
    i18n.global.mergeLocaleMessage('zh-CN', {
      test: { onlyChinese: '只有中文' },
    })
    expect(t('test.onlyChinese')).toBe('只有中文')
  })

  it('should show texts again in the new language when it changes, and when messages arrive', async () => {
    const Title = defineComponent(() => {
      const { t } = useI18n()
      return () => h('h1', [
        t('app.name'),
        ' ',
        t('test.late'),
      ])
    })
    const wrapper = mount(Title)
    expect(wrapper.text()).toBe('信用长宁 test.late')
    await setLocale('en')
    await nextTick()
    expect(wrapper.text()).toBe('Credit Changning test.late')
    i18n.global.mergeLocaleMessage('en', {
      test: { late: 'arrived' },
    })
    await nextTick()
    expect(wrapper.text()).toBe('Credit Changning arrived')
    expect(document.documentElement.lang).toBe('en')
  })
  it('should keep <html lang> in step with the language, and leave it alone when the language stays', async () => {
    await setLocale('en')
    expect(document.documentElement.lang).toBe('en')
    await setLocale('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    // Setting the attribute, even to the value it has, makes a browser restyle the whole page (its :lang() rules):
    // the app starts on a page already in its language and must not pay for that.
    const changes: MutationRecord[] = []
    const observer = new MutationObserver(records => changes.push(...records))
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
    })
    await setLocale('zh-CN')
    await nextTick()
    changes.push(...observer.takeRecords())
    observer.disconnect()
    expect(changes).toEqual([])
  })
})
