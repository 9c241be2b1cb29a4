// Activity drafts as staff write them: kept on the device (IndexedDB) while typed, and delivered for review with
// their photos. The editor (composables/useActivityEditor.ts) and the outbox (stores/outbox.ts) share these.
import type { ActivityCategory } from '#schemas/domain'
import type { ActivityEnglish } from '#schemas/english'
import type { CreateActivityRequest, StaffActivity } from '#schemas/staff'
import { createStore, del, get, set } from 'idb-keyval'
import { toRaw } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { englishForm, englishOf } from '~/utils/english'
import { fromShanghaiInput, toShanghaiInput } from '~/utils/shanghai-time'

/** The texts of an activity that may have an English version. */
export const ACTIVITY_ENGLISH = ['title', 'summary', 'place', 'body'] as const

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
  /** The optional English version, as the editor holds it (drafts saved before it existed have none). */
  en: Record<typeof ACTIVITY_ENGLISH[number], string>
  photos: DraftPhoto[]
  savedAt: string
}

// Staff drafts and the outbox only: no resident's data is ever kept on a device.
export const staffDb = createStore('credit-changning-staff', 'drafts')
export const draftKey = (activityId: number | null) => `draft:${activityId ?? 'new'}`

export async function loadDraft(activityId: number | null): Promise<ActivityDraft | undefined> {
  const draft = await get<ActivityDraft>(draftKey(activityId), staffDb)
  return draft && {
    ...draft,
    en: {
      ...englishForm(ACTIVITY_ENGLISH, undefined),
      ...draft.en,
    },
  }
}
export async function saveDraft(draft: ActivityDraft): Promise<void> {
  await set(draftKey(draft.activityId), structuredClone(toRaw(draft)), staffDb)
}
export async function deleteDraft(activityId: number | null): Promise<void> {
  await del(draftKey(activityId), staffDb)
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
    en: englishOf<ActivityEnglish>(draft.en ?? {}),
    photoIds: draft.photos.map(p => p.id!),
    submit,
    clientKey: draft.clientKey,
  }
}

/** Saves a draft on the server (its photos uploaded already): creates the activity, or updates the one it edits. */
export async function saveActivity(draft: ActivityDraft, submit: boolean): Promise<StaffActivity> {
  const body = toRequest(draft, submit)
  return draft.activityId === null
    ? call(endpoints.createActivity, { body }, { silent: true })
    : call(endpoints.updateActivity, {
        params: { id: draft.activityId },
        body,
      }, { silent: true })
}

/** Sends one draft for review (photos first); the client key makes a repeat harmless. */
export async function deliver(draft: ActivityDraft): Promise<number> {
  return (await saveActivity(await uploadPending(draft), true)).id
}

export function emptyDraft(): ActivityDraft {
  return {
    activityId: null,
    clientKey: crypto.randomUUID(),
    title: '',
    category: 'publicity',
    startsAt: '',
    endsAt: '',
    place: '',
    summary: '',
    body: '',
    en: englishForm(ACTIVITY_ENGLISH, undefined),
    photos: [],
    savedAt: '',
  }
}

/** The draft of an activity the server has (a new client key: an edit is a delivery of its own). */
export function draftOf(a: StaffActivity): ActivityDraft {
  return {
    activityId: a.id,
    clientKey: crypto.randomUUID(),
    title: a.title,
    category: a.category,
    startsAt: toShanghaiInput(a.startsAt),
    endsAt: toShanghaiInput(a.endsAt),
    place: a.place,
    summary: a.summary,
    body: a.body,
    en: englishForm(ACTIVITY_ENGLISH, a.en),
    photos: a.photos.map(p => ({
      key: String(p.id),
      id: p.id,
      url: p.url,
      alt: p.alt,
    })),
    savedAt: a.updatedAt,
  }
}
