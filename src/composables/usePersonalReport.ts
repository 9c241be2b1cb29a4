// The personal report flow: consent → name + ID number → one-time code → report (useCodeFlow keeps everything
// personal in memory only and drops it when the view closes).
import type { PersonalReport } from '#schemas/credit'
import { ref } from 'vue'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { CODE_FLOW_STEPS, useCodeFlow } from './useCodeFlow'

export const REPORT_STEPS = CODE_FLOW_STEPS

export interface UsePersonalReportOptions {
  /** A kiosk has no way to type Chinese: it identifies by ID number and code, without a name. */
  withName?: boolean
}

export function usePersonalReport({ withName = true }: UsePersonalReportOptions = {}) {
  const name = ref('')
  const idNumber = ref('')
  const flow = useCodeFlow<PersonalReport>({
    request: consent => call(endpoints.requestCode, {
      body: {
        ...(withName
          ? {
              name: name.value.trim(),
            }
          : {}),
        idNumber: idNumber.value.trim(),
        consent,
      },
    }, { silent: true }),
    resend: challenge => call(endpoints.resendCode, {
      body: { challenge },
    }, { silent: true }),
    redeem: (challenge, code) => call(endpoints.issueReport, {
      body: { challenge, code },
    }, { silent: true }),
    forget: () => {
      name.value = ''
      idNumber.value = ''
    },
  })
  return {
    ...flow,
    name,
    idNumber,
    report: flow.result,
  }
}

export type PersonalReportFlow = ReturnType<typeof usePersonalReport>
