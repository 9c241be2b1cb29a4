// A flow that ends in something issued against a one-time code — consent → identity → code → result — shared by
// the personal report and a firm's certificate. What the person types lives in refs only (never the URL, a store
// that persists, browser storage or a cache) and is dropped when the view closes (scope disposed), when the page is
// hidden for good (pagehide), or on "finish and clear".
import type { Challenge } from '#schemas/credit'
import { useEventListener, useNow } from '@vueuse/core'
import { computed, onScopeDispose, readonly, ref, shallowReadonly, shallowRef } from 'vue'
import { ApiError } from '~/api/errors'

export const CODE_FLOW_STEPS = [
  'consent',
  'identity',
  'code',
  'report',
] as const
export type CodeFlowStep = typeof CODE_FLOW_STEPS[number]

/** Codes after which the challenge cannot be used again: the person has to ask for a new code. */
const DEAD_CHALLENGE = new Set(['CODE_LOCKED', 'CHALLENGE_NOT_FOUND'])

export interface UseCodeFlowOptions<T> {
  /** Asks for a code with what the person typed and whether they consented. */
  request: (consent: boolean) => Promise<Challenge>
  /** Sends a new code for the same challenge. */
  resend: (challenge: string) => Promise<Challenge>
  /** Exchanges the code for the result. */
  redeem: (challenge: string, code: string) => Promise<T>
  /** Empties the page's own identity fields: once the result is here, and on clear. */
  forget: () => void
}

export function useCodeFlow<T>(options: UseCodeFlowOptions<T>) {
  const step = ref<CodeFlowStep>('consent')
  const consent = ref(false)
  const code = ref('')
  const challenge = ref<string | null>(null)
  /** The used challenge's token: for a while it lets the person object to a record of the result (server: grants). */
  const grant = ref<string | null>(null)
  const result = shallowRef<T | null>(null)
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
    const answer = await options.request(consent.value)
    challenge.value = answer.challenge
    codeTtlMinutes.value = Math.round(answer.expiresInSeconds / 60)
    resendAt.value = Date.now() + answer.resendInSeconds * 1000
    code.value = ''
    step.value = 'code'
  })

  const resend = () => run(async () => {
    if (!challenge.value)
      return
    const answer = await options.resend(challenge.value)
    resendAt.value = Date.now() + answer.resendInSeconds * 1000
    code.value = ''
  })

  const submitCode = () => run(async () => {
    if (!challenge.value)
      return
    result.value = await options.redeem(challenge.value, code.value.trim())
    // The identity typed in is no longer needed once the result is here.
    grant.value = challenge.value
    challenge.value = null
    options.forget()
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
    result.value = null
    challenge.value = null
    grant.value = null
    options.forget()
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
    code,
    // …and what only the flow changes.
    step: readonly(step),
    result: shallowReadonly(result),
    grant: readonly(grant),
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

/** What the shared step components use of a flow (the same whatever it issues). */
export type CodeFlowControls = Pick<ReturnType<typeof useCodeFlow<unknown>>, 'busy' | 'code' | 'error' | 'attemptsLeft' | 'resendIn' | 'challengeDead' | 'codeValid' | 'back' | 'resend' | 'submitCode'>
