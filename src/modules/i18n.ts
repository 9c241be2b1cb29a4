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

/**
 * Message sections that only some pages need load with those pages (route meta `messages`), in every loaded
 * language, so the first screen does not carry them.
 */
const SECTIONS = {
  credit: {
    'zh-CN': () => import('~/locales/credit/zh-CN.json5'),
    'en': () => import('~/locales/credit/en.json5'),
  },
  kiosk: {
    'zh-CN': () => import('~/locales/kiosk/zh-CN.json5'),
    'en': () => import('~/locales/kiosk/en.json5'),
  },
  staff: {
    'zh-CN': () => import('~/locales/staff/zh-CN.json5'),
    'en': () => import('~/locales/staff/en.json5'),
  },
} satisfies Record<string, Record<AppLocale, () => Promise<{ default: unknown }>>>
export type MessageSection = keyof typeof SECTIONS
const sectionsLoaded = new Set<`${MessageSection}:${AppLocale}`>()
/** Sections some page has asked for: a language switch loads them too. */
const sectionsWanted = new Set<MessageSection>()
/** The language being switched to, while its messages load. */
let switchingTo: AppLocale | null = null

async function loadSection(section: MessageSection, locale: AppLocale): Promise<void> {
  if (sectionsLoaded.has(`${section}:${locale}`))
    return
  const messages = await SECTIONS[section][locale]()
  i18n.global.mergeLocaleMessage(locale, messages.default as Partial<MessageSchema>)
  sectionsLoaded.add(`${section}:${locale}`)
}

/** Makes sure these sections are there in the current language (the router calls this before a page shows). */
export async function loadMessageSections(sections: readonly MessageSection[]): Promise<void> {
  sections.forEach(section => sectionsWanted.add(section))
  const locales = new Set([
    i18n.global.locale.value,
    ...(switchingTo
      ? [switchingTo]
      : []),
  ])
  await Promise.all(sections.flatMap(section => [...locales].map(locale => loadSection(section, locale))))
}

/** Switches UI language: loads messages if needed, keeps Vant and <html lang> in step. */
export async function setLocale(locale: AppLocale): Promise<void> {
  switchingTo = locale
  if (!loaded.has(locale)) {
    const [messages, vant] = await Promise.all([
      import('~/locales/en.json5'),
      import('vant/es/locale/lang/en-US'),
      import('./names').then(({ loadEnglishNames }) => loadEnglishNames()),
    ])
    // Merged, not set: a section may have arrived first.
    i18n.global.mergeLocaleMessage(locale, messages.default as MessageSchema)
    VantLocale.add({ en: vant.default })
    loaded.add(locale)
  }
  await Promise.all([...sectionsWanted].map(section => loadSection(section, locale)))
  switchingTo = null
  VantLocale.use(locale === 'en'
    ? 'en'
    : 'zh-CN')
  i18n.global.locale.value = locale
  if (!import.meta.env.SSR)
    document.documentElement.lang = locale
}
