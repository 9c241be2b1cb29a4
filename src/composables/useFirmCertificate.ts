// A firm's own credit certificate: consent → firm code, applicant (role, name, ID number) and period → the code
// sent to the firm's phone on file → the certificate (useCodeFlow keeps it all in memory only).
import type { FirmCertificate } from '#schemas/credit'
import type { ApplicantRole } from '#schemas/domain'
import { ref } from 'vue'
import { CERTIFICATE_YEARS } from '#schemas/domain'
import * as endpoints from '#schemas/endpoints'
import { call } from '~/api'
import { useCodeFlow } from './useCodeFlow'

export interface UseFirmCertificateOptions {
  /** A kiosk has no way to type Chinese: the applicant's name is left out there. */
  withName?: boolean
  /** The firm's code to start with (from its public profile); public, not personal. */
  uscc?: string
}

export function useFirmCertificate({ withName = true, uscc: initialUscc = '' }: UseFirmCertificateOptions = {}) {
  const uscc = ref(initialUscc)
  const role = ref<ApplicantRole>('representative')
  const name = ref('')
  const idNumber = ref('')
  const years = ref<number>(CERTIFICATE_YEARS.default)
  const flow = useCodeFlow<FirmCertificate>({
    request: consent => call(endpoints.requestCertificateCode, {
      body: {
        uscc: uscc.value.trim(),
        role: role.value,
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
    redeem: (challenge, code) => call(endpoints.issueCertificate, {
      body: { challenge, code, years: years.value },
    }, { silent: true }),
    // The firm's code is public and stays for another certificate; who asked does not.
    forget: () => {
      name.value = ''
      idNumber.value = ''
    },
  })
  return {
    ...flow,
    uscc,
    role,
    name,
    idNumber,
    years,
    certificate: flow.result,
  }
}

export type FirmCertificateFlow = ReturnType<typeof useFirmCertificate>
