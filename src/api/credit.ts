// Credit query: an enterprise's public profile, and the personal report (answers are personal: never cached,
// never stored; the caller keeps them in memory only).
import type {
  Challenge,
  ChallengeRequest,
  EnterpriseProfile,
  PersonalReport,
  VerifyResult,
} from '../../server/schemas/credit'
import type { RequestOptions } from './client'
import { get, post } from './client'

export function getEnterpriseProfile(uscc: string, options: RequestOptions = {}) {
  return get<EnterpriseProfile>(`/enterprises/${encodeURIComponent(uscc)}`, options)
}

/** Sends a one-time code to the phone on file, if the name and ID number are on file (the answer is the same either way). */
export function requestCode(body: ChallengeRequest, options: RequestOptions = {}) {
  return post<Challenge>('/personal/challenges', body, options)
}

export function resendCode(challenge: string, options: RequestOptions = {}) {
  return post<Challenge>('/personal/challenges/resend', { challenge }, options)
}

export function issueReport(challenge: string, code: string, options: RequestOptions = {}) {
  return post<PersonalReport>('/personal/reports', { challenge, code }, options)
}

export function verifyReport(number: string, code: string, options: RequestOptions = {}) {
  return post<VerifyResult>('/reports/verify', { number, code }, options)
}
