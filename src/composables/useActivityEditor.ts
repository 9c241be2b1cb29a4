import type { ComputedRef, Ref } from 'vue'
import type { StaffActivity } from '#schemas/staff'
import type { ActivityDraft, DraftPhoto } from '~/utils/activity-drafts'
import { watchDebounced } from '@vueuse/core'
import { computed, onMounted, reactive, readonly, ref, shallowRef } from 'vue'
import { useRouter } from 'vue-router'
import { MAX_PHOTOS } from '#schemas/domain'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { isOffline } from '~/api/errors'
import { useFormAction } from '~/composables/useFormAction'
import { useI18n } from '~/modules/i18n'
import { useAuthStore } from '~/stores/auth'
import { useOutboxStore } from '~/stores/outbox'
import { deleteDraft, deliver, draftOf, emptyDraft, loadDraft, saveActivity, saveDraft } from '~/utils/activity-drafts'
import { resizeImage } from '~/utils/resize-image'

export type ReviewAction = 'approve' | 'return' | 'withdraw'

export interface UseActivityEditorReturn {
  /** The fields being edited: bind inputs to these (v-model); everything else changes through the functions. */
  draft: ActivityDraft
  /** The activity as the server has it (null for a new one, or until it has arrived). */
  activity: ComputedRef<StaffActivity | null>
  /** Street staff editing a draft or a returned activity; otherwise the page shows the review. */
  editable: ComputedRef<boolean>
  /** What it edits has arrived (server copy and/or this device's draft). */
  loaded: Readonly<Ref<boolean>>
  /** A newer copy from this device replaced the server's. */
  restored: Readonly<Ref<boolean>>
  /** When the draft was last kept on this device. */
  savedAt: Readonly<Ref<string>>
  busy: Readonly<Ref<boolean>>
  error: Readonly<Ref<string>>
  message: Readonly<Ref<string>>
  addPhotos: (files: File[]) => Promise<void>
  removePhoto: (index: number) => void
  /** The body rendered as the public will see it ('' when the server cannot be asked). */
  preview: () => Promise<string>
  saveOnServer: () => Promise<void>
  submit: () => Promise<void>
  decide: (action: ReviewAction, note?: string) => Promise<boolean>
}

/**
 * The staff activity editor: loads the server's copy and any newer one kept on this device, keeps every change on
 * the device as it is typed, uploads photos (or keeps them for later offline), saves, submits — or, offline, hands
 * the submission to the outbox — and carries out an admin's review decision.
 */
export function useActivityEditor(options: { activityId: () => number | null }): UseActivityEditorReturn {
  const { t } = useI18n()
  const router = useRouter()
  const auth = useAuthStore()
  const outbox = useOutboxStore()
  const { busy, error, message, run, fail, reset } = useFormAction()

  const draft = reactive<ActivityDraft>(emptyDraft())
  const activity = shallowRef<StaffActivity | null>(null)
  const loaded = ref(false)
  const restored = ref(false)
  const savedAt = ref('')
  // Offline after a reload nobody can ask the server who is signed in: staff keep writing (admins never write; the
  // server checks every request anyway).
  const editable = computed(() => auth.user?.role !== 'admin' && (activity.value === null || activity.value.status === 'draft' || activity.value.status === 'returned'))

  onMounted(async () => {
    const id = options.activityId()
    if (id !== null) {
      try {
        activity.value = await call(endpoints.staffActivity, {
          params: { id },
        }, { silent: true })
        Object.assign(draft, draftOf(activity.value))
      }
      catch (e) {
        fail(e)
      }
    }
    // A newer copy on this device (written offline, or before a reload) wins.
    const local = await loadDraft(id)
    if (local && (!activity.value || local.savedAt > activity.value.updatedAt) && editable.value) {
      Object.assign(draft, local)
      restored.value = true
    }
    loaded.value = true
  })

  // Every change is kept on the device (IndexedDB) as it is typed.
  const content = computed(() => {
    const { savedAt: _savedAt, ...rest } = draft
    return JSON.stringify({
      ...rest,
      photos: rest.photos.map(p => p.key),
    })
  })
  async function keepOnDevice() {
    if (!editable.value || !loaded.value)
      return
    draft.savedAt = new Date().toISOString()
    await saveDraft(draft)
    savedAt.value = draft.savedAt
  }
  watchDebounced(content, keepOnDevice, { debounce: 400 })

  /** A resized photo, uploaded at once when online; kept on the device (to upload later) when not. */
  async function photoFrom(file: File): Promise<DraftPhoto> {
    const blob = await resizeImage(file)
    const photo: DraftPhoto = {
      key: crypto.randomUUID(),
      blob,
      alt: draft.title,
    }
    if (!navigator.onLine)
      return photo
    try {
      const uploaded = await call(endpoints.uploadPhoto, {
        body: blob,
        query: { alt: draft.title },
      }, { silent: true })
      return {
        key: photo.key,
        id: uploaded.id,
        url: uploaded.url,
        alt: photo.alt,
      }
    }
    catch (e) {
      if (isOffline(e))
        return photo
      throw e
    }
  }

  async function addPhotos(files: File[]) {
    reset()
    if (draft.photos.length + files.length > MAX_PHOTOS)
      fail(t('staff.editor.tooManyPhotos', { max: MAX_PHOTOS }))
    for (const file of files.slice(0, MAX_PHOTOS - draft.photos.length)) {
      try {
        draft.photos.push(await photoFrom(file))
      }
      catch (e) {
        fail(t('staff.editor.photoFailed', {
          error: e instanceof Error
            ? e.message
            : String(e),
        }))
      }
    }
    // Photos are kept on the device at once, not after the typing pause.
    await keepOnDevice()
  }

  function removePhoto(index: number) {
    draft.photos.splice(index, 1)
    void keepOnDevice()
  }

  async function preview(): Promise<string> {
    try {
      return (await call(endpoints.previewMarkdown, {
        body: { body: draft.body },
      }, { silent: true })).bodyHtml
    }
    catch {
      return ''
    }
  }

  function validate(): boolean {
    reset()
    if (!draft.title.trim() || !draft.startsAt || !draft.endsAt || !draft.place.trim() || !draft.summary.trim())
      fail(t('staff.editor.required'))
    else if (draft.endsAt < draft.startsAt)
      fail(t('staff.editor.endBeforeStart'))
    return !error.value
  }

  async function saveOnServer() {
    if (!validate())
      return
    // Photos still on the device can only be sent with a submission (the outbox uploads them first).
    if (draft.photos.some(p => p.id === undefined)) {
      fail(t('staff.editor.previewOffline'))
      return
    }
    await run(async () => {
      const saved = await saveActivity(draft, false)
      await deleteDraft(draft.activityId)
      if (draft.activityId === null)
        await router.replace(`/staff/activities/${saved.id}`)
      activity.value = saved
      Object.assign(draft, draftOf(saved))
      return t('staff.editor.saved')
    })
  }

  /** Sends for review now, or — without a network — puts it in the outbox, which sends it later exactly once. */
  async function submit() {
    if (!validate())
      return
    // Plain objects only: structuredClone refuses the reactive proxies nested in the draft.
    const copy: ActivityDraft = structuredClone({
      ...draft,
      en: { ...draft.en },
      photos: draft.photos.map(p => ({ ...p })),
    })
    const done = async (how: 'sent' | 'queued') => {
      await deleteDraft(copy.activityId)
      await router.replace({
        path: '/staff/activities',
        query: { done: how },
      })
    }
    await run(async () => {
      if (!navigator.onLine) {
        await outbox.enqueue(copy)
        return done('queued')
      }
      try {
        await deliver(copy)
        await done('sent')
      }
      catch (e) {
        if (!isOffline(e))
          throw e
        await outbox.enqueue(copy)
        await done('queued')
      }
    })
  }

  async function decide(action: ReviewAction, note = ''): Promise<boolean> {
    const current = activity.value
    if (!current)
      return false
    return run(async () => {
      const params = { id: current.id }
      activity.value = action === 'approve'
        ? await call(endpoints.approveActivity, { params }, { silent: true })
        : action === 'return'
          ? await call(endpoints.returnActivity, {
              params,
              body: {
                note: note.trim(),
              },
            }, { silent: true })
          : await call(endpoints.withdrawActivity, { params }, { silent: true })
      return t(`staff.review.${action === 'approve'
        ? 'approved'
        : action === 'return'
          ? 'returned'
          : 'withdrawn'}`)
    })
  }

  return {
    draft,
    activity: computed(() => activity.value),
    editable,
    loaded: readonly(loaded),
    restored: readonly(restored),
    savedAt: readonly(savedAt),
    busy,
    error,
    message,
    addPhotos,
    removePhoto,
    preview,
    saveOnServer,
    submit,
    decide,
  }
}
