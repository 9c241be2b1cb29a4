// One case being written — an objection (reason, text) or a repair application (the signed commitment, a
// statement) — with its attachments uploaded as they are added (photos made smaller on the device first), then filed
// under the grant of the report or certificate just issued. Everything lives in refs only, like the report itself;
// the files go to the server only, never to browser storage.
import type { CaseFile, CaseReceipt } from '#schemas/cases'
import type { CaseFilePurpose, ObjectionReason } from '#schemas/domain'
import { computed, ref, shallowRef } from 'vue'
import { CASE_FILE_TYPES, CASE_FILES } from '#schemas/domain'
import { CASE_FILE_NAME_HEADER, CASE_GRANT_HEADER } from '#schemas/endpoint'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { ApiError } from '~/api/errors'
import { resizeImage } from '~/utils/resize-image'

export const TEXT_LIMITS = { min: 10, max: 1000 } as const
/** Photos of documents keep enough pixels to stay legible (the server keeps at most 2400 px too). */
const DOCUMENT_SIDE = 2400

export interface FileMessages {
  type: string
  size: string
}

export function useCaseDraft(grant: () => string | null) {
  const reason = ref<ObjectionReason | null>(null)
  const text = ref('')
  const accepted = ref(false)
  const signature = ref('')
  const files = ref<CaseFile[]>([])
  const uploading = ref(0)
  const busy = ref(false)
  const error = ref('')
  const receipt = shallowRef<CaseReceipt | null>(null)
  const textLength = computed(() => text.value.trim().length)
  const full = computed(() => files.value.length + uploading.value >= CASE_FILES.max)
  const objectionReady = computed(() => reason.value !== null && textLength.value >= TEXT_LIMITS.min && uploading.value === 0)
  const has = (purpose: CaseFilePurpose) => files.value.some(f => f.purpose === purpose)

  function fail(e: unknown, fallback: string) {
    error.value = e instanceof ApiError
      ? e.message
      : fallback
  }

  /** Uploads the chosen files, up to the limit; a file of another type or too large is refused before it is sent. */
  async function add(chosen: readonly File[], purpose: CaseFilePurpose, messages: FileMessages) {
    error.value = ''
    const token = grant()
    if (!token)
      return
    for (const file of chosen.slice(0, CASE_FILES.max - files.value.length - uploading.value)) {
      if (!(CASE_FILE_TYPES as readonly string[]).includes(file.type)) {
        error.value = messages.type
        continue
      }
      uploading.value++
      try {
        const body = file.type === 'application/pdf'
          ? file
          : await resizeImage(file, DOCUMENT_SIDE, 0.9).catch(() => file)
        if (body.size > CASE_FILES.maxBytes) {
          error.value = messages.size
          continue
        }
        const uploaded = await call(endpoints.uploadCaseFile, {
          body,
          query: { purpose },
        }, {
          // The file name may say whose it is: a header, never the URL.
          headers: {
            [CASE_GRANT_HEADER]: token,
            [CASE_FILE_NAME_HEADER]: encodeURIComponent(file.name),
          },
          silent: true,
        })
        files.value = [...files.value, uploaded]
      }
      catch (e) {
        fail(e, messages.type)
      }
      finally {
        uploading.value--
      }
    }
  }

  function remove(key: string) {
    files.value = files.value.filter(f => f.key !== key)
  }

  async function run(send: (token: string) => Promise<CaseReceipt>) {
    const token = grant()
    if (!token || busy.value)
      return
    busy.value = true
    error.value = ''
    try {
      receipt.value = await send(token)
    }
    catch (e) {
      fail(e, String(e))
    }
    finally {
      busy.value = false
    }
  }

  const submitObjection = (recordId: number) => run(async (token) => {
    if (!reason.value)
      throw new Error('no reason')
    return call(endpoints.fileObjection, {
      body: {
        grant: token,
        recordId,
        reason: reason.value,
        text: text.value.trim(),
        files: files.value.map(f => f.key),
      },
    }, { silent: true })
  })

  const submitRepair = (recordId: number) => run(async token => call(endpoints.fileRepair, {
    body: {
      grant: token,
      recordId,
      commitment: {
        accepted: true,
        signature: signature.value.trim(),
      },
      text: text.value.trim(),
      files: files.value.map(f => f.key),
    },
  }, { silent: true }))

  function reset() {
    reason.value = null
    text.value = ''
    accepted.value = false
    signature.value = ''
    files.value = []
    error.value = ''
    receipt.value = null
  }

  return {
    reason,
    text,
    accepted,
    signature,
    files,
    uploading,
    busy,
    error,
    receipt,
    textLength,
    full,
    objectionReady,
    has,
    add,
    remove,
    submitObjection,
    submitRepair,
    reset,
  }
}
export type CaseDraft = ReturnType<typeof useCaseDraft>
