import type { App, Ref } from 'vue'
import type { AppLocale } from '~/constants'
import { Locale as VantLocale } from 'vant'
import { ref, shallowRef } from 'vue'
import { DEFAULT_LOCALE } from '~/constants'
import zhCN from '~/locales/zh-CN.json5'

// The app's texts: zh-CN is the source of truth; en.json5 must have the same keys and placeholders
// (tests/unit/locales.spec.ts). Messages are plain strings with named placeholders ({name}) and, for counts, choices
// separated by " | " — the subset of vue-i18n's message format the app uses, with its plural rule. Written here
// rather than with vue-i18n, whose runtime (12 KB gzip) was a sixth of the first screen's code and whose evaluation
// of a message on every text showed in the time a phone spends taking a rendered page over (~0.1 s at 4× slowdown).
export type MessageSchema = typeof zhCN
interface MessageTree { [key: string]: string | MessageTree }

const locale = ref<AppLocale>(DEFAULT_LOCALE)
const messages: Partial<Record<AppLocale, MessageTree>> = { 'zh-CN': zhCN as MessageTree }
/** Bumped when messages are added, so texts on screen are looked up again. */
const revision = shallowRef(0)

function lookup(tree: MessageTree | undefined, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string')
      return undefined
    node = node[part]
  }
  return typeof node === 'string'
    ? node
    : undefined
}

/** vue-i18n's default rule: two choices are "one | other"; three are "zero | one | other". */
function choose(message: string, count: number): string {
  const choices = message.split('|').map(choice => choice.trim())
  const n = Math.abs(count)
  const index = choices.length === 2
    ? (n === 1
        ? 0
        : 1)
    : Math.min(n, choices.length - 1)
  return choices[index]!
}

export interface Translate {
  (key: string, count?: number): string
  (key: string, named: Record<string, unknown>, count?: number): string
}

/**
 * The text of `key` in the current language (Chinese when the language lacks it, the key itself when neither has
 * it), with `{name}` replaced from `named`; with a count, the choice for it ({n} and {count} are the count).
 */
export const t: Translate = (key: string, namedOrCount?: Record<string, unknown> | number, count?: number): string => {
  void revision.value
  let message = lookup(messages[locale.value], key) ?? lookup(messages[DEFAULT_LOCALE], key)
  if (message === undefined)
    return key
  const n = typeof namedOrCount === 'number'
    ? namedOrCount
    : count
  const named: Record<string, unknown> = {
    ...(n === undefined
      ? {}
      : { n, count: n }),
    ...(typeof namedOrCount === 'object'
      ? namedOrCount
      : {}),
  }
  if (n !== undefined)
    message = choose(message, n)
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name] ?? ''))
}

function merge(into: MessageTree, from: MessageTree): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key]
    if (typeof value === 'object' && typeof existing === 'object')
      merge(existing, value)
    else
      into[key] = value
  }
}

/** Adds messages to a language (a section or a whole language loaded later). */
function mergeLocaleMessage(to: AppLocale, more: Partial<MessageSchema> | MessageTree): void {
  merge(messages[to] ??= {}, more as MessageTree)
  revision.value++
}

/** The language and texts, for code outside components (the router's titles, the API's error messages). */
export const i18n = {
  global: { t, locale: locale as Ref<AppLocale>, mergeLocaleMessage },
  /** A plugin for symmetry with the app's other modules: the texts are module state, nothing to install. */
  install(_app: App): void {},
}

/** Components' access to the texts: `const { t, locale } = useI18n()`. */
export function useI18n(): { t: Translate, locale: Ref<AppLocale> } {
  return { t, locale }
}

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
  // Only when it changes: setting `lang`, even to the value it has, makes the browser recompute every element's
  // style (the :lang() rules), a long task while the app takes a rendered page over.
  if (!import.meta.env.SSR && document.documentElement.lang !== locale)
    document.documentElement.lang = locale
}
