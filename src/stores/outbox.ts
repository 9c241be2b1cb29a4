import type { ActivityDraft } from '~/utils/activity-drafts'
import { get, set } from 'idb-keyval'
import { defineStore } from 'pinia'
import { ref, toRaw, watch } from 'vue'
import { isOffline } from '~/api/errors'
import { deliver, staffDb } from '~/utils/activity-drafts'
import { useConnectivityStore } from './connectivity'

export interface OutboxItem {
  clientKey: string
  draft: ActivityDraft
  queuedAt: string
  error: string | null
}

const OUTBOX_KEY = 'outbox'

/**
 * Submissions made without a network wait here (IndexedDB, with their photos) and send themselves when the
 * network returns. Failures the server explains (e.g. a rule broken) stay with their message for the author.
 * "Returns" is the connectivity store's word, not the browser's `online` event alone: that event never fires
 * when only the server was down, and browsers do not always send it to a page loaded while offline.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const items = ref<OutboxItem[]>([])
  const sending = ref(false)
  const ready = (async () => {
    items.value = (await get<OutboxItem[]>(OUTBOX_KEY, staffDb)) ?? []
  })()

  async function persist() {
    await set(OUTBOX_KEY, structuredClone(toRaw(items.value).map(i => toRaw(i))), staffDb)
  }

  async function enqueue(draft: ActivityDraft) {
    await ready
    items.value = [
      ...items.value.filter(i => i.clientKey !== draft.clientKey),
      {
        clientKey: draft.clientKey,
        draft,
        queuedAt: new Date().toISOString(),
        error: null,
      },
    ]
    await persist()
  }

  async function flush() {
    await ready
    if (sending.value || !navigator.onLine)
      return
    sending.value = true
    try {
      for (const item of [...items.value]) {
        try {
          await deliver(item.draft)
          items.value = items.value.filter(i => i.clientKey !== item.clientKey)
        }
        catch (e) {
          if (isOffline(e))
            break // still offline: try again when the network returns
          item.error = e instanceof Error
            ? e.message
            : String(e)
        }
        await persist()
      }
    }
    finally {
      sending.value = false
    }
  }

  /** Forgets every draft and the outbox (sign-out). */
  async function wipe() {
    await ready
    items.value = []
    const { clear } = await import('idb-keyval')
    await clear(staffDb)
  }

  async function hasUnsent(): Promise<boolean> {
    await ready
    const { keys } = await import('idb-keyval')
    return items.value.length > 0 || (await keys(staffDb)).some(k => String(k).startsWith('draft:'))
  }

  const connectivity = useConnectivityStore()
  watch(() => connectivity.offline, (offline) => {
    if (!offline)
      void flush()
  })
  void flush()

  return {
    items,
    sending,
    enqueue,
    flush,
    wipe,
    hasUnsent,
  }
})
