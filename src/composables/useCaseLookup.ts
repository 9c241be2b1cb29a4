// Following an objection or repair case: tracking number → code to the phone checked when it was filed → the case
// (useCodeFlow keeps it in memory only). There is nothing to consent to: the flow starts at the number.
import type { CaseView } from '#schemas/cases'
import { computed, ref } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { useCodeFlow } from './useCodeFlow'

export const CASE_NUMBER_DIGITS = 16

export function useCaseLookup() {
  const number = ref('')
  const digits = computed(() => number.value.replace(/\s/g, ''))
  const numberValid = computed(() => new RegExp(`^\\d{${CASE_NUMBER_DIGITS}}$`).test(digits.value))
  const flow = useCodeFlow<CaseView>({
    request: () => call(endpoints.requestCaseLookup, {
      body: { number: digits.value },
    }, { silent: true }),
    resend: challenge => call(endpoints.resendCode, {
      body: { challenge },
    }, { silent: true }),
    redeem: (challenge, code) => call(endpoints.openCase, {
      body: { challenge, code },
    }, { silent: true }),
    // The number is the applicant's own note: it stays for another look; nothing else was typed.
    forget: () => {},
  })
  function start() {
    flow.consent.value = true
    flow.accept()
  }
  start()
  return {
    ...flow,
    number,
    numberValid,
    kase: flow.result,
    /** Back to the number, for another case. */
    restart() {
      flow.clear()
      start()
    },
  }
}
export type CaseLookupFlow = ReturnType<typeof useCaseLookup>
