// One-time codes by SMS, shared by the personal report and the firm's certificate: a challenge per request, the code
// sent to the phone on file (or to nobody, with the same answer and the same work, when the subject is not on
// file), resends, wrong tries, expiry, and the limits per subject and per client counted in the database.
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { OtpChallengeRow } from '../db/schema'
import type { RequestOrigin } from '../domain/origin'
import type { PersonalQueries, PersonalRepository } from '../repositories/personal'
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

  /**
   * Which limit a new challenge (`newChallenge`) or a resend would pass, counted with `queries`; null when none.
   * Counted once unserialised, to refuse early before any other work, and again in turn (`personal.inTurn`) with the
   * write, so that requests arriving at once, on any node, each count the ones before them.
   */
  async function overLimit(queries: PersonalQueries, subjectHash: string, origin: RequestOrigin, now: Date, newChallenge: boolean): Promise<string | null> {
    const hourAgo = iso(new Date(now.getTime() - HOUR))
    if (newChallenge && await queries.challengesForClient(origin.clientKey, hourAgo) >= clientLimits(origin).challengesPerHour)
      return 'client challenges'
    if (await queries.sendsForSubject(subjectHash, hourAgo) >= LIMITS.subjectSendsPerHour)
      return 'subject sends'
    return null
  }

  /** Records that a request was refused for `limit` and says so (429). */
  async function refuse(queries: PersonalQueries, limit: string, origin: RequestOrigin, now: Date, subjectHash?: string): Promise<AppError> {
    await queries.audit('rate_limited', origin, iso(now), { subjectHash }, limit)
    return tooMany(HOUR / 1000)
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

  /** The keys of the turns (`personal.inTurn`) that count a client's challenges, a subject's sends, a client's failures. */
  const clientKey = (origin: RequestOrigin) => `codes:client:${origin.clientKey}`
  const subjectKey = (subjectHash: string) => `codes:subject:${subjectHash}`
  const failuresKey = (origin: RequestOrigin) => `codes:failures:${origin.clientKey}`

  function subjectOf(challenge: OtpChallengeRow) {
    return { personId: challenge.person_id, subjectHash: challenge.subject_hash }
  }

  return {
    hash,

    /** Refuses a new challenge when the client or the subject has asked too often; call before any other work. */
    async checkLimits(subjectHash: string, origin: RequestOrigin): Promise<void> {
      const now = config.clock()
      const over = await overLimit(personal, subjectHash, origin, now, true)
      if (over)
        throw await refuse(personal, over, origin, now, subjectHash)
    },

    /**
     * A new challenge, counted against the limits in turn with the other requests of the client and the subject: a
     * code goes to `target.phone` if there is one; the answer is the same either way.
     */
    async create(target: CodeTarget, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      const token = randomToken()
      // The same work either way, so the time taken does not tell whether the subject is on file.
      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      const known = target.phone !== null
      const refused = await personal.inTurn([
        clientKey(origin),
        subjectKey(target.subjectHash),
      ], async (queries) => {
        const over = await overLimit(queries, target.subjectHash, origin, now, true)
        if (over)
          return refuse(queries, over, origin, now, target.subjectHash)
        await queries.createChallenge({
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
        await queries.audit(known ? 'code_sent' : 'subject_unknown', origin, iso(now), {
          personId: known ? target.personId : null,
          subjectHash: target.subjectHash,
        })
        return null
      })
      if (refused)
        throw refused
      if (target.phone !== null) {
        sendCode({
          phone: target.phone,
          firm: target.firmName,
          caseTail: target.caseLookup?.number.slice(-4),
        }, code)
      }
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    /** The same challenge's code again, with a new code: after a wait, a few times, within the subject's limit. */
    async resend(token: string, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      const found = await personal.challengeByTokenHash(sha256(token))
      if (!found)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      // Read before the turn: inside it only its own queries may run.
      const to = await recipientOf(found)
      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      // Checked again in turn: resends of one challenge, or of one subject's, sent at once each see the ones before.
      const refused = await personal.inTurn([
        subjectKey(found.subject_hash),
      ], async (queries): Promise<AppError | null> => {
        const challenge = await queries.challengeByTokenHash(sha256(token))
        // A challenge lives for one sitting: after the limit window it cannot be revived with a resend.
        if (!challenge || challenge.state !== 'open' || now.getTime() - Date.parse(challenge.created_at) > HOUR)
          return new AppError(400, 'CHALLENGE_NOT_FOUND')
        const waited = (now.getTime() - Date.parse(challenge.sent_at)) / 1000
        if (waited < LIMITS.resendAfterSeconds) {
          return new AppError(429, 'RESEND_TOO_SOON', undefined, {
            retryAfterSeconds: Math.ceil(LIMITS.resendAfterSeconds - waited),
          })
        }
        if (challenge.sends >= LIMITS.maxSendsPerChallenge)
          return tooMany(HOUR / 1000)
        const over = await overLimit(queries, challenge.subject_hash, origin, now, false)
        if (over)
          return refuse(queries, over, origin, now, challenge.subject_hash)
        if (!await queries.resendChallenge(challenge.id, to ? codeHash : null, iso(now), iso(new Date(now.getTime() + LIMITS.codeTtlSeconds * 1000))))
          return new AppError(400, 'CHALLENGE_NOT_FOUND')
        await queries.audit('code_resent', origin, iso(now), subjectOf(challenge))
        return null
      })
      if (refused)
        throw refused
      if (to)
        sendCode(to, code)
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    /**
     * Checks a code and uses its challenge up: the challenge if the code is right and it was for `use`; else an
     * error (wrong, expired, locked after too many tries, or no such challenge), every failure counted per client.
     */
    async redeem(token: string, code: string, use: ChallengeUse, origin: RequestOrigin): Promise<OtpChallengeRow> {
      const now = config.clock()
      const at = iso(now)
      // In turn per client: wrong codes tried at once each count the ones before them.
      const outcome = await personal.inTurn([
        failuresKey(origin),
      ], async (queries): Promise<AppError | OtpChallengeRow> => {
        if (await queries.auditCount(['code_failed', 'code_locked', 'code_expired'], origin.clientKey, iso(new Date(now.getTime() - HOUR))) >= clientLimits(origin).failuresPerHour)
          return refuse(queries, 'client failures', origin, now)
        const challenge = await queries.challengeByTokenHash(sha256(token))
        if (!challenge || challenge.state === 'used' || useOf(challenge) !== use)
          return new AppError(400, 'CHALLENGE_NOT_FOUND')
        const subject = subjectOf(challenge)
        if (challenge.state === 'locked')
          return new AppError(400, 'CODE_LOCKED', undefined, { attemptsLeft: 0 })
        if (now.getTime() > Date.parse(challenge.expires_at)) {
          await queries.audit('code_expired', origin, at, subject)
          return new AppError(400, 'CODE_EXPIRED')
        }
        const given = code.trim()
        const matches = challenge.code_hash !== null && /^\d{6}$/.test(given)
          && sameHash(hash('otp', `${token}:${given}`), challenge.code_hash)
        if (!matches) {
          const attempts = await queries.recordFailedAttempt(challenge.id, LIMITS.maxAttempts)
          if (attempts === null)
            return new AppError(400, 'CHALLENGE_NOT_FOUND')
          const attemptsLeft = Math.max(0, LIMITS.maxAttempts - attempts)
          await queries.audit(attemptsLeft === 0
            ? 'code_locked'
            : 'code_failed', origin, at, subject)
          return new AppError(400, attemptsLeft === 0
            ? 'CODE_LOCKED'
            : 'CODE_INCORRECT', [
            { field: 'body.code', reason: 'does not match' },
          ], { attemptsLeft })
        }
        if (!await queries.consumeChallenge(challenge.id))
          return new AppError(400, 'CHALLENGE_NOT_FOUND')
        return challenge
      })
      if (outcome instanceof AppError)
        throw outcome
      return outcome
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
      const number = numberInput.trim().toUpperCase()
      const code = codeInput.replace(/[\s-]/g, '').toUpperCase()
      // Looked up before the turn (only the turn's own queries may run in it), counted in it: checks sent at once
      // each count the ones before them.
      const found = await find(number)
      const genuine = found !== undefined && sameHash(hash(kind, `${number}:${code}`), found.verification_hash)
      const refused = await personal.inTurn([`verify:client:${origin.clientKey}`], async (queries) => {
        if (await queries.auditCount(['report_verified', 'report_verify_failed'], origin.clientKey, iso(new Date(now.getTime() - HOUR / 6))) >= LIMITS.clientVerificationsPer10Min) {
          await queries.audit('rate_limited', origin, at, {}, 'verifications')
          return tooMany(HOUR / 6 / 1000)
        }
        if (genuine) {
          await queries.audit('report_verified', origin, at, subject(found), number)
          return null
        }
        // Record what was asked only if it is shaped like such a number: people type ID numbers into any box.
        await queries.audit('report_verify_failed', origin, at, {}, ISSUED[kind].pattern.test(number)
          ? number
          : null)
        return null
      })
      if (refused)
        throw refused
      return genuine
        ? found
        : null
    },
  }
}
export type OneTimeCodes = ReturnType<typeof createOneTimeCodes>
