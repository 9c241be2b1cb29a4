// One-time codes by SMS, shared by the personal report and the firm's certificate: a challenge per request, the code
// sent to the phone on file (or to nobody, with the same answer and the same work, when the subject is not on
// file), resends, wrong tries, expiry, and the limits per subject and per client counted in the database.
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { OtpChallengeRow } from '../db/schema'
import type { RequestOrigin } from '../domain/origin'
import type { PersonalRepository } from '../repositories/personal'
import type { Challenge } from '../schemas/credit'
import type { SmsSender } from '../sms/index'
import { AppError } from '../errors'
import { keyedHash, randomDigits, randomReadable, randomToken, sameHash, sha256 } from '../lib/crypto'

export const LIMITS = {
  codeTtlSeconds: 300,
  maxAttempts: 5,
  resendAfterSeconds: 60,
  maxSendsPerChallenge: 5,
  /** Codes (first sends and resends) per subject (an ID number, or a firm) per hour. */
  subjectSendsPerHour: 5,
  /** New challenges per client (address or kiosk) per hour. */
  clientChallengesPerHour: 20,
  /** Wrong or expired codes per client per hour. */
  clientFailuresPerHour: 20,
  /** Authenticity checks per client per 10 minutes. */
  clientVerificationsPer10Min: 30,
  reportValidDays: 30,
  /** A kiosk serves a whole hall: its own, higher limits. */
  kioskChallengesPerHour: 120,
  kioskFailuresPerHour: 60,
} as const

export const HOUR = 3_600_000

function clientLimits(origin: RequestOrigin) {
  return origin.channel === 'kiosk'
    ? { challengesPerHour: LIMITS.kioskChallengesPerHour, failuresPerHour: LIMITS.kioskFailuresPerHour }
    : { challengesPerHour: LIMITS.clientChallengesPerHour, failuresPerHour: LIMITS.clientFailuresPerHour }
}

export function tooMany(retryAfterSeconds: number): AppError {
  return new AppError(429, 'TOO_MANY_REQUESTS', undefined, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
  })
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

export type ChallengePurpose = OtpChallengeRow['purpose']

/** What is issued against a code and checked at /verify: its number's prefix and shape (the kind also keys the hash). */
const ISSUED = {
  report: { prefix: 'CN', pattern: /^CN-\d{8}-[A-Z0-9]{8}$/ },
  certificate: { prefix: 'FC', pattern: /^FC-\d{8}-[A-Z0-9]{8}$/ },
} as const
export type IssuedKind = keyof typeof ISSUED

/** Who a code is for: the subject counted by the limits, and where the code goes (null: nowhere, nobody on file). */
export interface CodeTarget {
  purpose: ChallengePurpose
  subjectHash: string
  personId: number | null
  enterpriseId: number | null
  phone: string | null
  /** A firm's certificate: who asks (JSON), kept with the challenge until it is used. */
  applicant?: string
  /** A firm's certificate: the firm's name, for the text message. */
  firmName?: string
  /** A case lookup: the case whose applicant gets the code (null: no such case, the code goes nowhere). */
  caseLookup?: { caseId: number | null, number: string }
}

/** What a code is redeemed for: a report, a certificate, or opening a case (whoever the case's subject is). */
export type ChallengeUse = ChallengePurpose | 'case'

export function useOf(challenge: OtpChallengeRow): ChallengeUse {
  return challenge.case_lookup === 1
    ? 'case'
    : challenge.purpose
}

interface Recipient {
  phone: string
  /** Set for a firm's certificate: the message names the firm. */
  firm?: string
  /** Set for a case lookup: the message names the end of the tracking number. */
  caseTail?: string
}

export interface OneTimeCodeDeps {
  config: Config
  log: FastifyBaseLogger
  sms: SmsSender
  personal: PersonalRepository
}

export function createOneTimeCodes({ config, log, sms, personal }: OneTimeCodeDeps) {
  const hash = (purpose: string, value: string) => keyedHash(config.secret, purpose, value)
  const iso = (d: Date) => d.toISOString()

  function sendCode(to: Recipient, code: string) {
    // Not awaited: the answer must not take longer when a message is really sent.
    sms.send({
      to: to.phone,
      template: to.caseTail !== undefined
        ? 'caseOtp'
        : to.firm === undefined
          ? 'otp'
          : 'firmOtp',
      params: {
        code,
        minutes: LIMITS.codeTtlSeconds / 60,
        ...(to.firm === undefined
          ? {}
          : { firm: to.firm }),
        ...(to.caseTail === undefined
          ? {}
          : { caseTail: to.caseTail }),
      },
    })
      .catch((err: unknown) => log.error({ err }, 'sms sending failed'))
  }

  async function limitSubjectSends(subjectHash: string, origin: RequestOrigin, now: Date) {
    if (await personal.sendsForSubject(subjectHash, iso(new Date(now.getTime() - HOUR))) >= LIMITS.subjectSendsPerHour) {
      await personal.audit('rate_limited', origin, iso(now), { subjectHash }, 'subject sends')
      throw tooMany(HOUR / 1000)
    }
  }

  /** Where a challenge's code goes now (a resend reads the phone on file again); null: nowhere. */
  async function recipientOf(challenge: OtpChallengeRow): Promise<Recipient | null> {
    if (challenge.case_lookup === 1) {
      const found = challenge.case_id === null
        ? undefined
        : await personal.caseContact(challenge.case_id)
      return found?.phone
        ? {
            phone: found.phone,
            caseTail: found.number.slice(-4),
          }
        : null
    }
    if (challenge.enterprise_id !== null) {
      const firm = await personal.enterpriseContact(challenge.enterprise_id)
      return firm?.contact_phone
        ? { phone: firm.contact_phone, firm: firm.name }
        : null
    }
    if (challenge.person_id !== null) {
      const phone = (await personal.personById(challenge.person_id))?.phone
      return phone
        ? { phone }
        : null
    }
    return null
  }

  function subjectOf(challenge: OtpChallengeRow) {
    return { personId: challenge.person_id, subjectHash: challenge.subject_hash }
  }

  return {
    hash,

    /** Refuses a new challenge when the client or the subject has asked too often; call before any other work. */
    async checkLimits(subjectHash: string, origin: RequestOrigin): Promise<void> {
      const now = config.clock()
      if (await personal.challengesForClient(origin.clientKey, iso(new Date(now.getTime() - HOUR))) >= clientLimits(origin).challengesPerHour) {
        await personal.audit('rate_limited', origin, iso(now), { subjectHash }, 'client challenges')
        throw tooMany(HOUR / 1000)
      }
      await limitSubjectSends(subjectHash, origin, now)
    },

    /** A new challenge: a code goes to `target.phone` if there is one; the answer is the same either way. */
    async create(target: CodeTarget, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      const token = randomToken()
      // The same work either way, so the time taken does not tell whether the subject is on file.
      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      const known = target.phone !== null
      if (target.phone !== null) {
        sendCode({
          phone: target.phone,
          firm: target.firmName,
          caseTail: target.caseLookup?.number.slice(-4),
        }, code)
      }
      await personal.createChallenge({
        tokenHash: sha256(token),
        subjectHash: target.subjectHash,
        personId: known ? target.personId : null,
        enterpriseId: known ? target.enterpriseId : null,
        purpose: target.purpose,
        applicant: target.applicant ?? null,
        caseLookup: target.caseLookup && {
          caseId: known ? target.caseLookup.caseId : null,
        },
        codeHash: known ? codeHash : null,
        origin,
        at: iso(now),
        expiresAt: iso(new Date(now.getTime() + LIMITS.codeTtlSeconds * 1000)),
      })
      await personal.audit(known ? 'code_sent' : 'subject_unknown', origin, iso(now), {
        personId: known ? target.personId : null,
        subjectHash: target.subjectHash,
      })
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    async resend(token: string, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      const challenge = await personal.challengeByTokenHash(sha256(token))
      // A challenge lives for one sitting: after the limit window it cannot be revived with a resend.
      if (!challenge || challenge.state !== 'open' || now.getTime() - Date.parse(challenge.created_at) > HOUR)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      const waited = (now.getTime() - Date.parse(challenge.sent_at)) / 1000
      if (waited < LIMITS.resendAfterSeconds) {
        throw new AppError(429, 'RESEND_TOO_SOON', undefined, {
          retryAfterSeconds: Math.ceil(LIMITS.resendAfterSeconds - waited),
        })
      }
      if (challenge.sends >= LIMITS.maxSendsPerChallenge)
        throw tooMany(HOUR / 1000)
      await limitSubjectSends(challenge.subject_hash, origin, now)

      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      const to = await recipientOf(challenge)
      if (!await personal.resendChallenge(challenge.id, to ? codeHash : null, iso(now), iso(new Date(now.getTime() + LIMITS.codeTtlSeconds * 1000))))
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      if (to)
        sendCode(to, code)
      await personal.audit('code_resent', origin, iso(now), subjectOf(challenge))
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    /**
     * Checks a code and uses its challenge up: the challenge if the code is right and it was for `use`; else an
     * error (wrong, expired, locked after too many tries, or no such challenge), every failure counted per client.
     */
    async redeem(token: string, code: string, use: ChallengeUse, origin: RequestOrigin): Promise<OtpChallengeRow> {
      const now = config.clock()
      const at = iso(now)
      if (await personal.auditCount(['code_failed', 'code_locked', 'code_expired'], origin.clientKey, iso(new Date(now.getTime() - HOUR))) >= clientLimits(origin).failuresPerHour) {
        await personal.audit('rate_limited', origin, at, {}, 'client failures')
        throw tooMany(HOUR / 1000)
      }
      const challenge = await personal.challengeByTokenHash(sha256(token))
      if (!challenge || challenge.state === 'used' || useOf(challenge) !== use)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      const subject = subjectOf(challenge)
      if (challenge.state === 'locked')
        throw new AppError(400, 'CODE_LOCKED', undefined, { attemptsLeft: 0 })
      if (now.getTime() > Date.parse(challenge.expires_at)) {
        await personal.audit('code_expired', origin, at, subject)
        throw new AppError(400, 'CODE_EXPIRED')
      }
      const given = code.trim()
      const matches = challenge.code_hash !== null && /^\d{6}$/.test(given)
        && sameHash(hash('otp', `${token}:${given}`), challenge.code_hash)
      if (!matches) {
        const attempts = await personal.recordFailedAttempt(challenge.id, LIMITS.maxAttempts)
        if (attempts === null)
          throw new AppError(400, 'CHALLENGE_NOT_FOUND')
        const attemptsLeft = Math.max(0, LIMITS.maxAttempts - attempts)
        await personal.audit(attemptsLeft === 0
          ? 'code_locked'
          : 'code_failed', origin, at, subject)
        throw new AppError(400, attemptsLeft === 0
          ? 'CODE_LOCKED'
          : 'CODE_INCORRECT', [
          { field: 'body.code', reason: 'does not match' },
        ], { attemptsLeft })
      }
      if (!await personal.consumeChallenge(challenge.id))
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      return challenge
    },

    /**
     * A number for something issued (`CN-…` a personal report, `FC-…` a firm's certificate: PREFIX-YYYYMMDD-XXXXXXXX),
     * its verification code, and the keyed hash of both that is all the database keeps of the code.
     */
    issueNumber(kind: IssuedKind, today: string) {
      const verificationCode = randomReadable(8)
      const number = `${ISSUED[kind].prefix}-${today.replaceAll('-', '')}-${randomReadable(8)}`
      return {
        number,
        verificationCode,
        verificationHash: hash(kind, `${number}:${verificationCode}`),
      }
    },

    /**
     * The authenticity check of something issued: the client's limit, the number and code as people type them
     * (spaces, dashes, any case), the lookup, the audit. The document if number and code match, else null.
     */
    async checkIssued<T extends { verification_hash: string }>(kind: IssuedKind, numberInput: string, codeInput: string, origin: RequestOrigin, find: (number: string) => Promise<T | undefined>, subject: (found: T) => { personId?: number | null } = () => ({})): Promise<T | null> {
      const now = config.clock()
      const at = iso(now)
      if (await personal.auditCount(['report_verified', 'report_verify_failed'], origin.clientKey, iso(new Date(now.getTime() - HOUR / 6))) >= LIMITS.clientVerificationsPer10Min) {
        await personal.audit('rate_limited', origin, at, {}, 'verifications')
        throw tooMany(HOUR / 6 / 1000)
      }
      const number = numberInput.trim().toUpperCase()
      const code = codeInput.replace(/[\s-]/g, '').toUpperCase()
      const found = await find(number)
      if (!found || !sameHash(hash(kind, `${number}:${code}`), found.verification_hash)) {
        // Record what was asked only if it is shaped like such a number: people type ID numbers into any box.
        await personal.audit('report_verify_failed', origin, at, {}, ISSUED[kind].pattern.test(number)
          ? number
          : null)
        return null
      }
      await personal.audit('report_verified', origin, at, subject(found), number)
      return found
    },
  }
}
export type OneTimeCodes = ReturnType<typeof createOneTimeCodes>
