import type { Ref } from 'vue'
import type { RenderContext } from '~/entry-server'
import { computed, ref, useSSRContext, watch } from 'vue'
import { useI18n } from '~/modules/i18n'
import { shareLink } from './useShare'

/**
 * The browser tab shows the item's title (its English title in English mode, where staff wrote one) and follows a
 * language switch, once the item has loaded.
 */
export function useItemTitle(item: Ref<{ title: string, en?: { title?: string } } | null>): void {
  const { t, locale } = useI18n()
  const title = computed(() => item.value
    ? `${locale.value === 'en' && item.value.en?.title
      ? item.value.en.title
      : item.value.title} - ${t('app.name')}`
    : null)
  if (import.meta.env.SSR) {
    // Read by the server renderer once the page is rendered (src/entry-server.ts), when the item is there.
    useSSRContext<RenderContext>()?.setTitle(() => title.value)
    return
  }
  watch(title, (value) => {
    if (value)
      document.title = value
  }, { immediate: true })
}

/**
 * A share button's action, and a short message for the user (shown in a role=status element) that clears
 * itself after a few seconds; `say` posts any other message there (e.g. "copied").
 */
export function useShareAction(): { message: Readonly<Ref<string>>, say: (text: string) => void, share: (data: { title: string, text?: string, url: string }) => Promise<void> } {
  const { t } = useI18n()
  const message = ref('')
  let timer: ReturnType<typeof setTimeout> | undefined
  function say(text: string) {
    message.value = text
    clearTimeout(timer)
    timer = setTimeout(() => (message.value = ''), 4000)
  }
  async function share(data: { title: string, text?: string, url: string }) {
    const result = await shareLink(data)
    if (result === 'copied')
      say(t('benefit.linkCopied'))
    else if (result === 'failed')
      say(t('benefit.copyFailed'))
  }
  return { message, say, share }
}
