import type { AppLocale } from '~/constants'
import type { MessageSchema } from '~/locales/zh-CN'
import { Locale as VantLocale } from 'vant'
import { createI18n } from 'vue-i18n'
import { DEFAULT_LOCALE } from '~/constants'
import zhCN from '~/locales/zh-CN'

// zh-CN ships in the main bundle; other locales (and Vant's strings for them) load on demand.
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN } as Record<AppLocale, MessageSchema>,
})

const loaded = new Set<AppLocale>([DEFAULT_LOCALE])

/** Switches UI language: loads messages if needed, keeps Vant and <html lang> in step. */
export async function setLocale(locale: AppLocale): Promise<void> {
  if (!loaded.has(locale)) {
    const [messages, vant] = await Promise.all([import('~/locales/en'), import('vant/es/locale/lang/en-US')])
    i18n.global.setLocaleMessage(locale, messages.default)
    VantLocale.add({ en: vant.default })
    loaded.add(locale)
  }
  VantLocale.use(locale === 'en'
    ? 'en'
    : 'zh-CN')
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
