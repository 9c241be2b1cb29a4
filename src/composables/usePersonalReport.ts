// The personal report flow: consent → name + ID number → one-time code → report. Everything personal lives in
// these refs only — never in the URL, a store that persists, browser storage or a cache — and is dropped when the
// view closes (scope disposed), when the page is hidden for good (pagehide), or on "finish and clear".
import type { PersonalReport } from '#schemas/credit'
import { useEventListener, useNow } from '@vueuse/core'
import { computed, onScopeDispose, readonly, ref, shallowReadonly, shallowRef } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { ApiError } from '~/api/errors'

export const REPORT_STEPS = [
  'consent',
  'identity',
  'code',
  'report',
] as const
export type ReportStep = typeof REPORT_STEPS[number]

/** Codes after which the challenge cannot be used again: the person has to ask for a new code. */
const DEAD_CHALLENGE = new Set(['CODE_LOCKED', 'CHALLENGE_NOT_FOUND'])

export interface UsePersonalReportOptions {
  /** A kiosk has no way to type Chinese: it identifies by ID number and code, without a name. */
  withName?: boolean
}

export function usePersonalReport({ withName = true }: UsePersonalReportOptions = {}) {
  const step = ref<ReportStep>('consent')
  const consent = ref(false)
  const name = ref('')
  const idNumber = ref('')
  const code = ref('')
  const challenge = ref<string | null>(null)
  const report = shallowRef<PersonalReport | null>(null)
  const busy = ref(false)
  const error = ref('')
  const errorCode = ref('')
  const attemptsLeft = ref<number | null>(null)
  const codeTtlMinutes = ref(5)
  const resendAt = ref(0)
  const now = useNow({ interval: 1000 })
  const resendIn = computed(() => Math.max(0, Math.ceil((resendAt.value - now.value.getTime()) / 1000)))
  const challengeDead = computed(() => DEAD_CHALLENGE.has(errorCode.value))
  const codeValid = computed(() => /^\d{6}$/.test(code.value.trim()))

  function fail(e: unknown) {
    if (e instanceof ApiError) {
      error.value = e.message
      errorCode.value = e.code
      attemptsLeft.value = e.meta.attemptsLeft ?? null
      if (e.code === 'RESEND_TOO_SOON' && e.meta.retryAfterSeconds)
        resendAt.value = Date.now() + e.meta.retryAfterSeconds * 1000
    }
    else {
      error.value = String(e)
      errorCode.value = 'UNKNOWN'
    }
  }

  function resetError() {
    error.value = ''
    errorCode.value = ''
    attemptsLeft.value = null
  }

  async function run(action: () => Promise<void>) {
    if (busy.value)
      return
    busy.value = true
    resetError()
    try {
      await action()
    }
    catch (e) {
      fail(e)
    }
    finally {
      busy.value = false
    }
  }

  function accept() {
    if (consent.value)
      step.value = 'identity'
  }

  const sendCode = () => run(async () => {
    const answer = await call(endpoints.requestCode, {
      body: {
        ...(withName
          ? {
              name: name.value.trim(),
            }
          : {}),
        idNumber: idNumber.value.trim(),
        consent: consent.value,
      },
    }, { silent: true })
    challenge.value = answer.challenge
    codeTtlMinutes.value = Math.round(answer.expiresInSeconds / 60)
    resendAt.value = Date.now() + answer.resendInSeconds * 1000
    code.value = ''
    step.value = 'code'
  })

  const resend = () => run(async () => {
    if (!challenge.value)
      return
    const answer = await call(endpoints.resendCode, {
      body: { challenge: challenge.value },
    }, { silent: true })
    resendAt.value = Date.now() + answer.resendInSeconds * 1000
    code.value = ''
  })

  const submitCode = () => run(async () => {
    if (!challenge.value)
      return
    report.value = await call(endpoints.issueReport, {
      body: {
        challenge: challenge.value,
        code: code.value.trim(),
      },
    }, { silent: true })
    // The identity typed in is no longer needed once the report is here.
    challenge.value = null
    name.value = ''
    idNumber.value = ''
    code.value = ''
    step.value = 'report'
  })

  function back() {
    resetError()
    if (step.value === 'code')
      step.value = 'identity'
    else if (step.value === 'identity')
      step.value = 'consent'
  }

  /** Forgets everything and starts again at the consent notice. */
  function clear() {
    report.value = null
    challenge.value = null
    name.value = ''
    idNumber.value = ''
    code.value = ''
    consent.value = false
    resendAt.value = 0
    resetError()
    step.value = 'consent'
  }

  onScopeDispose(clear)
  useEventListener(window, 'pagehide', clear)

  return {
    // What the person types (bound to the fields)…
    consent,
    name,
    idNumber,
    code,
    // …and what only the flow changes.
    step: readonly(step),
    report: shallowReadonly(report),
    busy: readonly(busy),
    error: readonly(error),
    errorCode: readonly(errorCode),
    attemptsLeft: readonly(attemptsLeft),
    codeTtlMinutes: readonly(codeTtlMinutes),
    resendIn,
    challengeDead,
    codeValid,
    accept,
    sendCode,
    resend,
    submitCode,
    back,
    clear,
  }
}

export type PersonalReportFlow = ReturnType<typeof usePersonalReport>
