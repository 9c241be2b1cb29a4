import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import LocalText from '~/components/common/LocalText.vue'
import { i18n, setLocale } from '~/modules/i18n'
import { englishForm, englishOf } from '~/utils/english'

const global = {
  plugins: [i18n],
}

describe('localText', () => {
  afterEach(async () => {
    await setLocale('zh-CN')
  })

  it('should show the Chinese text, marked as Chinese and without a mark, in Chinese mode', () => {
    const wrapper = mount(LocalText, {
      props: { zh: '信用停车', en: 'Credit parking', tag: 'h2' },
      global,
    })
    expect(wrapper.element.tagName).toBe('H2')
    expect(wrapper.text()).toBe('信用停车')
    expect(wrapper.attributes('lang')).toBe('zh-CN')
    expect(wrapper.find('[data-test="lang-mark"]').exists()).toBe(false)
  })

  it('should show staff\'s English, marked as English, in English mode', async () => {
    await setLocale('en')
    const wrapper = mount(LocalText, {
      props: { zh: '信用停车', en: 'Credit parking' },
      global,
    })
    expect(wrapper.text()).toBe('Credit parking')
    expect(wrapper.attributes('lang')).toBe('en')
    expect(wrapper.find('[data-test="lang-mark"]').exists()).toBe(false)
  })

  it('should show the Chinese original with a 中文 mark that says so in English when there is no English', async () => {
    await setLocale('en')
    const wrapper = mount(LocalText, {
      props: { zh: '信用停车' },
      global,
    })
    expect(wrapper.attributes('lang')).toBe('zh-CN')
    const mark = wrapper.get('[data-test="lang-mark"]')
    expect(mark.get('[aria-hidden="true"]').text()).toBe('中文')
    expect(mark.get('.visually-hidden').text()).toBe('(in Chinese only)')
    expect(mark.get('.visually-hidden').attributes('lang')).toBe('en')
  })

  it('should leave the mark out when the caller marks the record elsewhere', async () => {
    await setLocale('en')
    const wrapper = mount(LocalText, {
      props: { zh: '信用停车', mark: false },
      global,
    })
    expect(wrapper.text()).toBe('信用停车')
    expect(wrapper.find('[data-test="lang-mark"]').exists()).toBe(false)
  })
})

describe('english in the editors', () => {
  it('should send only the filled-in fields, trimmed, with lists split into lines', () => {
    expect(englishOf({ title: '  Parking  ', summary: '   ', claimSteps: 'Go to the office\n\n  Show your ID \n' }, ['claimSteps']))
      .toEqual({
        title: 'Parking',
        claimSteps: ['Go to the office', 'Show your ID'],
      })
  })

  it('should send no English at all when nothing is filled in', () => {
    expect(englishOf({ title: '', body: ' \n ', hours: undefined })).toBeUndefined()
  })

  it('should turn a record\'s English back into form fields, lists one item a line', () => {
    expect(englishForm(['title', 'documents', 'contact'] as const, {
      title: 'Parking',
      documents: ['ID card', 'Licence'],
    }))
      .toEqual({ title: 'Parking', documents: 'ID card\nLicence', contact: '' })
  })
})
