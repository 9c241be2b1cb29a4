// The personal credit report: one-time code by SMS to the phone on file, then a report that anyone can verify.
// Answers never depend on whether a name and ID number are on file: a challenge is created either way, and for an
// unknown pair no message is sent and no code can ever match.
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { RequestOrigin } from '../domain/origin'
import type { BenefitRepository } from '../repositories/benefits'
import type { CreditRepository } from '../repositories/credit'
import type { PersonalRepository } from '../repositories/personal'
import type { Challenge, ChallengeRequest, PersonalReport, VerifyResult } from '../schemas/credit'
import type { SmsSender } from '../sms/index'
import { checkIdNumber, normalizeIdNumber } from '#common/codes/idcard'
import { AppError } from '../errors'
import { keyedHash, randomDigits, randomReadable, randomToken, sameHash, sha256 } from '../lib/crypto'
import { qualifies } from '../lib/eligibility'
import { addDays, todayInShanghai } from '../lib/time'

export const LIMITS = {
  codeTtlSeconds: 300,
  maxAttempts: 5,
  resendAfterSeconds: 60,
  maxSendsPerChallenge: 5,
  /** Codes (first sends and resends) per ID number per hour. */
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

function clientLimits(origin: RequestOrigin) {
  return origin.channel === 'kiosk'
    ? { challengesPerHour: LIMITS.kioskChallengesPerHour, failuresPerHour: LIMITS.kioskFailuresPerHour }
    : { challengesPerHour: LIMITS.clientChallengesPerHour, failuresPerHour: LIMITS.clientFailuresPerHour }
}

const HOUR = 3_600_000

/** CN-YYYYMMDD-XXXXXXXX, as issued below. */
export const REPORT_NUMBER = /^CN-\d{8}-[A-Z0-9]{8}$/

/** 张三丰 → 张**: enough for someone holding the paper to recognise it, no more. */
export function maskName(name: string): string {
  const chars = [...name]
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[•・]/g, '·')
}

const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·]{1,30}$/u

export interface PersonalReportDeps {
  config: Config
  log: FastifyBaseLogger
  sms: SmsSender
  personal: PersonalRepository
  credit: CreditRepository
  benefits: BenefitRepository
}

export function createPersonalReportService({ config, log, sms, personal, credit, benefits }: PersonalReportDeps) {
  const hash = (purpose: string, value: string) => keyedHash(config.secret, purpose, value)
  const iso = (d: Date) => d.toISOString()

  function tooMany(retryAfterSeconds: number): AppError {
    return new AppError(429, 'TOO_MANY_REQUESTS', undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
    })
  }

  function sendCode(phone: string, code: string) {
    // Not awaited: the answer must not take longer when a message is really sent.
    sms.send({
      to: phone,
      template: 'otp',
      params: { code, minutes: LIMITS.codeTtlSeconds / 60 },
    })
      .catch((err: unknown) => log.error({ err }, 'sms sending failed'))
  }

  async function limitSubjectSends(subjectHash: string, origin: RequestOrigin, now: Date) {
    if (await personal.sendsForSubject(subjectHash, iso(new Date(now.getTime() - HOUR))) >= LIMITS.subjectSendsPerHour) {
      await personal.audit('rate_limited', origin, iso(now), { subjectHash }, 'subject sends')
      throw tooMany(HOUR / 1000)
    }
  }

  return {
    async requestCode(input: ChallengeRequest, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      if (!input.consent) {
        throw new AppError(400, 'CONSENT_REQUIRED', [
          { field: 'body.consent', reason: 'must be true' },
        ])
      }
      // At a kiosk the name may be left out (the ID number and the code texted to the phone on file identify).
      const name = input.name === undefined
        ? null
        : normalizeName(input.name)
      if (name === null && origin.channel !== 'kiosk') {
        throw new AppError(400, 'NAME_REQUIRED', [
          { field: 'body.name', reason: 'required' },
        ])
      }
      if (name !== null && !NAME_PATTERN.test(name)) {
        throw new AppError(400, 'VALIDATION_FAILED', [
          { field: 'body.name', reason: 'not a name' },
        ])
      }
      const idNumber = normalizeIdNumber(input.idNumber)
      const problem = checkIdNumber(idNumber, now)
      if (problem) {
        throw new AppError(400, 'INVALID_ID_NUMBER', [
          { field: 'body.idNumber', reason: problem },
        ])
      }

      const subjectHash = hash('id', idNumber)
      if (await personal.challengesForClient(origin.clientKey, iso(new Date(now.getTime() - HOUR))) >= clientLimits(origin).challengesPerHour) {
        await personal.audit('rate_limited', origin, iso(now), { subjectHash }, 'client challenges')
        throw tooMany(HOUR / 1000)
      }
      await limitSubjectSends(subjectHash, origin, now)

      const person = await personal.personByIdHash(subjectHash)
      const known = person !== undefined && (name === null || normalizeName(person.name) === name)
      const token = randomToken()
      // The same work either way, so the time taken does not tell whether the pair is on file.
      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      if (known)
        sendCode(person.phone, code)
      await personal.createChallenge({
        tokenHash: sha256(token),
        subjectHash,
        personId: known ? person.id : null,
        codeHash: known ? codeHash : null,
        origin,
        at: iso(now),
        expiresAt: iso(new Date(now.getTime() + LIMITS.codeTtlSeconds * 1000)),
      })
      await personal.audit(known ? 'code_sent' : 'subject_unknown', origin, iso(now), {
        personId: known ? person.id : null,
        subjectHash,
      })
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    async resendCode(token: string, origin: RequestOrigin): Promise<Challenge> {
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

      const person = challenge.person_id === null
        ? undefined
        : await personal.personById(challenge.person_id)
      const code = randomDigits(6)
      const codeHash = hash('otp', `${token}:${code}`)
      if (!await personal.resendChallenge(challenge.id, person ? codeHash : null, iso(now), iso(new Date(now.getTime() + LIMITS.codeTtlSeconds * 1000))))
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      if (person)
        sendCode(person.phone, code)
      await personal.audit('code_resent', origin, iso(now), { personId: challenge.person_id, subjectHash: challenge.subject_hash })
      return { challenge: token, expiresInSeconds: LIMITS.codeTtlSeconds, resendInSeconds: LIMITS.resendAfterSeconds }
    },

    async issueReport(token: string, code: string, origin: RequestOrigin): Promise<PersonalReport> {
      const now = config.clock()
      const at = iso(now)
      if (await personal.auditCount(['code_failed', 'code_locked', 'code_expired'], origin.clientKey, iso(new Date(now.getTime() - HOUR))) >= clientLimits(origin).failuresPerHour) {
        await personal.audit('rate_limited', origin, at, {}, 'client failures')
        throw tooMany(HOUR / 1000)
      }
      const challenge = await personal.challengeByTokenHash(sha256(token))
      if (!challenge || challenge.state === 'used')
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      const subject = { personId: challenge.person_id, subjectHash: challenge.subject_hash }
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
      const person = challenge.person_id === null
        ? undefined
        : await personal.personById(challenge.person_id)
      if (!person || !await personal.consumeChallenge(challenge.id))
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')

      const today = todayInShanghai(now)
      const validUntil = addDays(today, LIMITS.reportValidDays)
      const verificationCode = randomReadable(8)
      const number = `CN-${today.replaceAll('-', '')}-${randomReadable(8)}`
      await personal.insertReport({
        number,
        verificationHash: hash('report', `${number}:${verificationCode}`),
        personId: person.id,
        nameMasked: maskName(person.name),
        origin,
        issuedAt: at,
        validUntil,
      })
      await personal.audit('report_issued', origin, at, subject, number)

      const records = await credit.recordsOf({ personId: person.id }, today)
      const facts = {
        subject: 'person' as const,
        birthDate: person.birth_date,
        streetId: person.street_id,
        inDistrict: person.street_id !== null,
        records,
      }
      const eligible = (await benefits.withRules('personal', now))
        .filter(b => qualifies(b.rules, facts, { streetId: b.streetId }, today))
        .map(({ id, title, category, provider, en }) => ({ id, title, category, provider, en }))
      const history = await personal.reportHistory(person.id)
      return {
        number,
        isDemo: person.is_demo === 1,
        issuedAt: at,
        validUntil,
        verificationCode,
        subject: {
          name: origin.channel === 'kiosk'
            ? maskName(person.name)
            : person.name,
          idMasked: person.id_masked,
          phoneMasked: maskPhone(person.phone),
          street: person.street_name,
        },
        records,
        listStatus: {
          onRedList: records.redList.length > 0,
          onDishonestyList: records.dishonestyList.length > 0,
          seriousDishonesty: records.dishonestyList.some(e => e.severity === 'serious'),
        },
        benefits: eligible,
        history: history.map(h => ({ at: h.issued_at, channel: h.channel, kioskId: h.kiosk_id })),
      }
    },

    async verify(numberInput: string, codeInput: string, origin: RequestOrigin): Promise<VerifyResult> {
      const now = config.clock()
      const at = iso(now)
      if (await personal.auditCount(['report_verified', 'report_verify_failed'], origin.clientKey, iso(new Date(now.getTime() - HOUR / 6))) >= LIMITS.clientVerificationsPer10Min) {
        await personal.audit('rate_limited', origin, at, {}, 'verifications')
        throw tooMany(HOUR / 6 / 1000)
      }
      const number = numberInput.trim().toUpperCase()
      const code = codeInput.replace(/[\s-]/g, '').toUpperCase()
      const report = await personal.reportByNumber(number)
      if (!report || !sameHash(hash('report', `${number}:${code}`), report.verification_hash)) {
        // Record what was asked only if it is shaped like a report number: people type ID numbers into any box.
        await personal.audit('report_verify_failed', origin, at, {}, REPORT_NUMBER.test(number)
          ? number
          : null)
        return { status: 'notFound' }
      }
      await personal.audit('report_verified', origin, at, { personId: report.person_id }, number)
      return {
        status: todayInShanghai(now) > report.valid_until
          ? 'expired'
          : 'genuine',
        number: report.number,
        issuedOn: todayInShanghai(new Date(report.issued_at)),
        validUntil: report.valid_until,
        nameMasked: report.name_masked,
      }
    },
  }
}
export type PersonalReportService = ReturnType<typeof createPersonalReportService>
