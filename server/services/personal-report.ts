// The personal credit report: one-time code by SMS to the phone on file, then a report that anyone can verify.
// Answers never depend on whether a name and ID number are on file: a challenge is created either way, and for an
// unknown pair no message is sent and no code can ever match.
import type { Config } from '../config'
import type { RequestOrigin } from '../domain/origin'
import type { BenefitRepository } from '../repositories/benefits'
import type { CreditRepository } from '../repositories/credit'
import type { PersonalRepository } from '../repositories/personal'
import type { Challenge, ChallengeRequest, PersonalReport, VerifyResult } from '../schemas/credit'
import type { CaseService } from './cases'
import type { OneTimeCodes } from './one-time-codes'
import { checkIdNumber, normalizeIdNumber } from '#common/codes/idcard'
import { AppError } from '../errors'
import { qualifies } from '../lib/eligibility'
import { addDays, todayInShanghai } from '../lib/time'
import { LIMITS, maskPhone } from './one-time-codes'

export { LIMITS, maskPhone }

/** 张三丰 → 张**: enough for someone holding the paper to recognise it, no more. */
export function maskName(name: string): string {
  const chars = [...name]
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[•・]/g, '·')
}

const NAME_PATTERN = /^[\p{Script=Han}A-Za-z·]{1,30}$/u

/**
 * Who asks for a code, checked before anything else: consent given, a name (required but at a kiosk, which has no
 * Chinese input) that looks like one, a valid ID number. Returns the name normalised (null if left out) and the ID
 * number normalised; throws the error the person needs to see.
 */
export function checkRequester(input: { consent: boolean, name?: string, idNumber: string }, origin: RequestOrigin, now: Date): { name: string | null, idNumber: string } {
  if (!input.consent) {
    throw new AppError(400, 'CONSENT_REQUIRED', [
      { field: 'body.consent', reason: 'must be true' },
    ])
  }
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
  return { name, idNumber }
}

export interface PersonalReportDeps {
  config: Config
  codes: OneTimeCodes
  personal: PersonalRepository
  credit: CreditRepository
  benefits: BenefitRepository
  cases: Pick<CaseService, 'grant'>
}

export function createPersonalReportService({ config, codes, personal, credit, benefits, cases }: PersonalReportDeps) {
  const hash = codes.hash
  const iso = (d: Date) => d.toISOString()

  return {
    async requestCode(input: ChallengeRequest, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      const { name, idNumber } = checkRequester(input, origin, now)
      const subjectHash = hash('id', idNumber)
      await codes.checkLimits(subjectHash, origin)
      const person = await personal.personByIdHash(subjectHash)
      // A person known only from 双公示 records has no phone on file: like an unknown pair, nothing is sent.
      const known = person !== undefined && person.phone !== null && (name === null || normalizeName(person.name) === name)
      return codes.create({
        purpose: 'personal',
        subjectHash,
        personId: known ? person.id : null,
        enterpriseId: null,
        phone: known ? person.phone : null,
      }, origin)
    },

    async resendCode(token: string, origin: RequestOrigin): Promise<Challenge> {
      return codes.resend(token, origin)
    },

    /** The report; the same token then lets the person object to one of its records for a while (services/cases.ts). */
    async issueReport(token: string, code: string, origin: RequestOrigin): Promise<PersonalReport> {
      const challenge = await codes.redeem(token, code, 'personal', origin)
      const now = config.clock()
      const at = iso(now)
      const subject = { personId: challenge.person_id, subjectHash: challenge.subject_hash }
      const person = challenge.person_id === null
        ? undefined
        : await personal.personById(challenge.person_id)
      if (!person)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')

      const today = todayInShanghai(now)
      const validUntil = addDays(today, LIMITS.reportValidDays)
      const { number, verificationCode, verificationHash } = codes.issueNumber('report', today)
      await personal.insertReport({
        number,
        verificationHash,
        personId: person.id,
        nameMasked: maskName(person.name),
        origin,
        issuedAt: at,
        validUntil,
      })
      await personal.audit('report_issued', origin, at, subject, number)
      await cases.grant(token, {
        personId: person.id,
        nameMasked: maskName(person.name),
      })

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
          // A report is issued only after a code sent to the phone on file: there is one.
          phoneMasked: person.phone
            ? maskPhone(person.phone)
            : '',
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
      const report = await codes.checkIssued('report', numberInput, codeInput, origin, number => personal.reportByNumber(number), r => ({ personId: r.person_id }))
      if (!report)
        return { status: 'notFound' }
      const now = config.clock()
      return {
        status: todayInShanghai(now) > report.valid_until
          ? 'expired'
          : 'genuine',
        kind: 'personal',
        number: report.number,
        issuedOn: todayInShanghai(new Date(report.issued_at)),
        validUntil: report.valid_until,
        nameMasked: report.name_masked,
      }
    },
  }
}
export type PersonalReportService = ReturnType<typeof createPersonalReportService>
