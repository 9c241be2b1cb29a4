import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import UsccHint from '~/components/enterprise/UsccHint.vue'
import { i18n } from '~/modules/i18n'

function hint(value: string) {
  return mount(UsccHint, {
    props: { value },
    global: {
      plugins: [i18n],
    },
  })
}

describe('credit code hint', () => {
  it('should say nothing when a firm name is typed', () => {
    const wrapper = hint('上海屿衡')
    expect(wrapper.text()).toBe('')
    expect(wrapper.vm.invalid).toBe(false)
  })

  it('should count characters while a code is being typed', () => {
    expect(hint('91310105').text()).toContain('已输入 8/18 位')
  })

  it('should explain the code when it is complete and valid', () => {
    const wrapper = hint('91310105MA1HX2R563')
    expect(wrapper.text()).toBe('代码有效：91 = 工商 · 企业，310105 = 上海市长宁区')
    expect(wrapper.vm.invalid).toBe(false)
  })

  it('should flag a wrong check character or a forbidden letter so the form can refuse it', () => {
    const wrong = hint('91310105MA1HX2R564')
    expect(wrong.text()).toContain('校验码不对')
    expect(wrong.vm.invalid).toBe(true)
    const letter = hint('91310105MA1O')
    expect(letter.text()).toContain('I、O、Z、S、V')
    expect(letter.vm.invalid).toBe(true)
  })
})
