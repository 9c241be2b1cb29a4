import type { ActivityCategory } from '#schemas/domain'
import type { CreateActivityRequest } from '#schemas/staff'
import { useEventListener } from '@vueuse/core'
import { createStore, del, get, set } from 'idb-keyval'
import { defineStore } from 'pinia'
import { ref, toRaw } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { ApiError } from '~/api/errors'
import { fromShanghaiInput } from '~/utils/shanghai-time'

/** A photo in a draft: uploaded already (id, url) or still only on the device (blob). */
export interface DraftPhoto {
  key: string
  id?: number
  url?: string
  blob?: Blob
  alt: string
}

/** What the editor keeps on the device while staff write (IndexedDB: survives reloads and going offline). */
export interface ActivityDraft {
  activityId: number | null
  clientKey: string
  title: string
  category: ActivityCategory
  startsAt: string // datetime-local, Shanghai time
  endsAt: string
  place: string
  summary: string
  body: string
  photos: DraftPhoto[]
  savedAt: string
}

export interface OutboxItem {
  clientKey: string
  draft: ActivityDraft
  queuedAt: string
  error: string | null
}

// Staff drafts and the outbox only: no resident's data is ever kept on a device.
const idb = createStore('credit-changning-staff', 'drafts')
const OUTBOX_KEY = 'outbox'
export const draftKey = (activityId: number | null) => `draft:${activityId ?? 'new'}`

export async function loadDraft(activityId: number | null): Promise<ActivityDraft | undefined> {
  return get<ActivityDraft>(draftKey(activityId), idb)
}
export async function saveDraft(draft: ActivityDraft): Promise<void> {
  await set(draftKey(draft.activityId), structuredClone(toRaw(draft)), idb)
}
export async function deleteDraft(activityId: number | null): Promise<void> {
  await del(draftKey(activityId), idb)
}

/** Uploads the photos still on the device; returns the draft with ids only. */
async function uploadPending(draft: ActivityDraft): Promise<ActivityDraft> {
  const photos: DraftPhoto[] = []
  for (const photo of draft.photos) {
    if (photo.id !== undefined) {
      photos.push(photo)
      continue
    }
    const uploaded = await call(endpoints.uploadPhoto, {
      body: photo.blob!,
      query: { alt: photo.alt || draft.title },
    }, { silent: true })
    photos.push({
      key: photo.key,
      id: uploaded.id,
      url: uploaded.url,
      alt: uploaded.alt,
    })
  }
  return { ...draft, photos }
}

export function toRequest(draft: ActivityDraft, submit: boolean): CreateActivityRequest {
  return {
    title: draft.title.trim(),
    category: draft.category,
    startsAt: fromShanghaiInput(draft.startsAt),
    endsAt: fromShanghaiInput(draft.endsAt),
    place: draft.place.trim(),
    summary: draft.summary.trim(),
    body: draft.body,
    photoIds: draft.photos.map(p => p.id!),
    submit,
    clientKey: draft.clientKey,
  }
}

/** Sends one draft for review (photos first); the client key makes a repeat harmless. */
export async function deliver(draft: ActivityDraft): Promise<number> {
  const ready = await uploadPending(draft)
  const body = toRequest(ready, true)
  const saved = draft.activityId === null
    ? await call(endpoints.createActivity, { body }, { silent: true })
    : await call(endpoints.updateActivity, {
        params: { id: draft.activityId },
        body,
      }, { silent: true })
  return saved.id
}

/**
 * Submissions made without a network wait here (IndexedDB, with their photos) and send themselves when the
 * network returns. Failures the server explains (e.g. a rule broken) stay with their message for the author.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const items = ref<OutboxItem[]>([])
  const sending = ref(false)
  const ready = (async () => {
    items.value = (await get<OutboxItem[]>(OUTBOX_KEY, idb)) ?? []
  })()

  async function persist() {
    await set(OUTBOX_KEY, structuredClone(toRaw(items.value).map(i => toRaw(i))), idb)
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
          if (e instanceof ApiError && (e.kind === 'network' || e.kind === 'timeout'))
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
    await clear(idb)
  }

  async function hasUnsent(): Promise<boolean> {
    await ready
    const { keys } = await import('idb-keyval')
    return items.value.length > 0 || (await keys(idb)).some(k => String(k).startsWith('draft:'))
  }

  useEventListener(window, 'online', () => void flush())
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
