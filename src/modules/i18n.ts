import type { AppLocale } from '~/constants'
import { Locale as VantLocale } from 'vant'
import { createI18n } from 'vue-i18n'
import { DEFAULT_LOCALE } from '~/constants'
import zhCN from '~/locales/zh-CN.json5'

/** zh-CN is the source of truth; en.json5 must have the same keys and placeholders (tests/unit/locales.spec.ts). */
export type MessageSchema = typeof zhCN

// zh-CN ships in the main bundle; other locales (and Vant's strings for them) load on demand. Messages are
// compiled at build time (@intlify/unplugin-vue-i18n), so the runtime needs no message compiler.
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
    const [messages, vant] = await Promise.all([import('~/locales/en.json5'), import('vant/es/locale/lang/en-US')])
    i18n.global.setLocaleMessage(locale, messages.default as MessageSchema)
    VantLocale.add({ en: vant.default })
    loaded.add(locale)
  }
  VantLocale.use(locale === 'en'
    ? 'en'
    : 'zh-CN')
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
