import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { STORAGE_KEYS } from '~/constants'
import { i18n } from '~/modules/i18n'
import { useSettingsStore } from '~/stores/settings'

async function settle() {
  await nextTick()
  await new Promise(r => setTimeout(r, 0))
  await nextTick()
}

describe('settings store', () => {
  beforeEach(async () => {
    localStorage.clear()
    document.documentElement.className = ''
    i18n.global.locale.value = 'zh-CN'
    setActivePinia(createPinia())
  })

  it('should start in normal mode and Chinese when nothing is stored', () => {
    const settings = useSettingsStore()
    expect(settings.elderMode).toBe(false)
    expect(settings.locale).toBe('zh-CN')
    expect(document.documentElement.classList.contains('elder')).toBe(false)
  })

  it('should mark <html> and remember the choice when elder mode is switched on', async () => {
    const settings = useSettingsStore()
    settings.toggleElderMode()
    await settle()
    expect(document.documentElement.classList.contains('elder')).toBe(true)
    expect(localStorage.getItem(STORAGE_KEYS.elderMode)).toBe('true')

    settings.toggleElderMode(false)
    await settle()
    expect(document.documentElement.classList.contains('elder')).toBe(false)
  })

  it('should restore elder mode when the app starts again', async () => {
    localStorage.setItem(STORAGE_KEYS.elderMode, 'true')
    useSettingsStore()
    await settle()
    expect(document.documentElement.classList.contains('elder')).toBe(true)
  })

  it('should load English, translate and set <html lang> when the language is changed', async () => {
    const settings = useSettingsStore()
    settings.changeLocale('en')
    await vi.waitFor(() => expect(i18n.global.t('nav.benefits')).toBe('Benefits'))
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(STORAGE_KEYS.locale)).toBe('en')

    settings.changeLocale('zh-CN')
    await vi.waitFor(() => expect(i18n.global.t('nav.benefits')).toBe('惠民'))
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('should fall back to Chinese when storage holds an unknown language', () => {
    localStorage.setItem(STORAGE_KEYS.locale, 'xx-YY')
    const settings = useSettingsStore()
    expect(settings.locale).toBe('zh-CN')
  })
})
