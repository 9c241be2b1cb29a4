// A firm's own credit certificate (市场主体专用信用报告): its legal representative or an authorised agent asks with
// the firm's code, their own name and ID number, and the one-time code sent to the phone the firm has on file. It
// states for a period (1–5 years back, 3 unless asked otherwise), field by field, "no record of violation" or the
// records, including penalties whose publication has since ended (the difference from the public profile); anyone
// holding it can check it at /verify. The applicant's ID number is kept only as a keyed hash.
import type { Config } from '../config'
import type { CreditRecordRow } from '../db/schema'
import type { RequestOrigin } from '../domain/origin'
import type { CertificateRepository } from '../repositories/certificates'
import type { PersonalRepository } from '../repositories/personal'
import type { CertificateChallengeRequest, CertificateField, Challenge, FirmCertificate, VerifyResult } from '../schemas/credit'
import type { ApplicantRole } from '../schemas/domain'
import type { CaseService } from './cases'
import type { OneTimeCodes } from './one-time-codes'
import { checkUscc, normalizeUscc } from '#common/codes/uscc'
import { AppError } from '../errors'
import { fieldOf } from '../lib/credit-fields'
import { addDays, addMonths, todayInShanghai } from '../lib/time'
import { toCommitment, toListEntry, toPenalty } from '../repositories/credit'
import { CERTIFICATE_YEARS, CREDIT_FIELDS } from '../schemas/domain'
import { LIMITS, maskPhone } from './one-time-codes'
import { checkRequester, maskName, normalizeName } from './personal-report'

interface Applicant {
  role: ApplicantRole
  name: string | null
  idHash: string
}

export interface FirmCertificateDeps {
  config: Config
  codes: OneTimeCodes
  personal: PersonalRepository
  certificates: CertificateRepository
  cases: Pick<CaseService, 'grant'>
}

/** The certificate's body for [from, today]: fields in a fixed order, the lists and commitments. */
export function certificateBody(rows: CreditRecordRow[], today: string) {
  const fields: CertificateField[] = CREDIT_FIELDS.map(field => ({ field, penalties: [], dishonesty: [] }))
  const byField = new Map(fields.map(f => [f.field, f]))
  const redList = []
  const commitments = []
  for (const r of rows) {
    const field = byField.get(fieldOf(r.authority))
    if (!field)
      continue
    if (r.kind === 'penalty') {
      const penalty = toPenalty(r)
      field.penalties.push({ ...penalty, publicationEnded: penalty.publicUntil < today, repairedOn: r.repaired_on })
    }
    else if (r.kind === 'dishonestyList') {
      field.dishonesty.push({
        ...toListEntry(r, 'dishonesty'),
        ended: r.valid_to !== null && r.valid_to < today,
      })
    }
    else if (r.kind === 'redList') {
      redList.push(toListEntry(r, 'red'))
    }
    else if (r.kind === 'commitment') {
      commitments.push(toCommitment(r))
    }
  }
  const current = fields.flatMap(f => f.dishonesty).filter(e => !e.ended)
  return {
    result: fields.some(f => f.penalties.length > 0 || f.dishonesty.length > 0)
      ? 'records' as const
      : 'clean' as const,
    fields,
    listStatus: {
      onRedList: redList.length > 0,
      onDishonestyList: current.length > 0,
      seriousDishonesty: current.some(e => e.severity === 'serious'),
    },
    redList,
    commitments,
  }
}

export function createFirmCertificateService({ config, codes, personal, certificates, cases }: FirmCertificateDeps) {
  const hash = codes.hash
  const iso = (d: Date) => d.toISOString()

  return {
    async requestCode(input: CertificateChallengeRequest, origin: RequestOrigin): Promise<Challenge> {
      const now = config.clock()
      // Consent, the applicant's name (left out at a kiosk: the code to the firm's phone authorises) and ID number.
      const { name, idNumber } = checkRequester(input, origin, now)
      const usccProblem = checkUscc(input.uscc)
      if (usccProblem) {
        throw new AppError(400, 'INVALID_USCC', [
          { field: 'body.uscc', reason: usccProblem },
        ])
      }
      const uscc = normalizeUscc(input.uscc)
      const subjectHash = hash('firm', uscc)
      await codes.checkLimits(subjectHash, origin)
      // A firm's register entry is public (its profile shows it): saying which one is missing or has no phone
      // tells nothing that the profile does not.
      const firm = await certificates.firmByUscc(uscc)
      if (!firm) {
        throw new AppError(404, 'FIRM_NOT_FOUND', [
          { field: 'body.uscc', reason: 'no such firm' },
        ])
      }
      if (firm.contact_phone === null)
        throw new AppError(409, 'FIRM_NO_PHONE')
      if (input.role === 'representative' && name !== null && normalizeName(firm.legal_representative) !== name) {
        throw new AppError(400, 'NOT_REPRESENTATIVE', [
          { field: 'body.name', reason: 'not the legal representative on file' },
        ])
      }
      const applicant: Applicant = {
        role: input.role,
        name,
        idHash: hash('id', idNumber),
      }
      return codes.create({
        purpose: 'firm',
        subjectHash,
        personId: null,
        enterpriseId: firm.id,
        phone: firm.contact_phone,
        firmName: firm.name,
        applicant: JSON.stringify(applicant),
      }, origin)
    },

    async resendCode(token: string, origin: RequestOrigin): Promise<Challenge> {
      return codes.resend(token, origin)
    },

    async issue(token: string, code: string, yearsInput: number | undefined, origin: RequestOrigin): Promise<FirmCertificate> {
      const challenge = await codes.redeem(token, code, 'firm', origin)
      const firm = challenge.enterprise_id === null
        ? undefined
        : await certificates.firmById(challenge.enterprise_id)
      if (!firm || challenge.applicant === null)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      const applicant = JSON.parse(challenge.applicant) as Applicant
      const now = config.clock()
      const at = iso(now)
      const today = todayInShanghai(now)
      const years = yearsInput ?? CERTIFICATE_YEARS.default
      const from = addDays(addMonths(today, -12 * years), 1)
      const body = certificateBody(await certificates.recordsInPeriod(firm.id, from, today), today)
      const validUntil = addDays(today, LIMITS.reportValidDays)
      const { number, verificationCode, verificationHash } = codes.issueNumber('certificate', today)
      await certificates.insert({
        number,
        verification_hash: verificationHash,
        enterprise_id: firm.id,
        firm_name: firm.name,
        applicant_role: applicant.role,
        applicant_name_masked: applicant.name === null
          ? ''
          : maskName(applicant.name),
        applicant_id_hash: applicant.idHash,
        period_from: from,
        period_to: today,
        result: body.result,
        channel: origin.channel,
        kiosk_id: origin.kioskId,
        issued_at: at,
        valid_until: validUntil,
      })
      await personal.audit('certificate_issued', origin, at, { subjectHash: challenge.subject_hash }, number)
      // The same token then lets the applicant object to one of the firm's records for a while (services/cases.ts).
      await cases.grant(token, {
        enterpriseId: firm.id,
        role: applicant.role,
        nameMasked: applicant.name === null
          ? ''
          : maskName(applicant.name),
        idHash: applicant.idHash,
      })
      return {
        number,
        isDemo: firm.is_demo === 1,
        issuedAt: at,
        validUntil,
        verificationCode,
        period: { from, to: today, years },
        firm: {
          name: firm.name,
          uscc: firm.uscc,
          type: firm.type,
          legalRepresentative: firm.legal_representative,
          status: firm.status,
          address: firm.address,
        },
        applicant: {
          role: applicant.role,
          name: applicant.name === null
            ? ''
            : origin.channel === 'kiosk'
              ? maskName(applicant.name)
              : applicant.name,
        },
        phoneMasked: firm.contact_phone === null
          ? ''
          : maskPhone(firm.contact_phone),
        ...body,
      }
    },

    /** The authenticity check of a certificate: issue date, firm name, period and result, nothing more. */
    async verify(numberInput: string, codeInput: string, origin: RequestOrigin): Promise<VerifyResult> {
      const certificate = await codes.checkIssued('certificate', numberInput, codeInput, origin, number => certificates.byNumber(number))
      if (!certificate)
        return { status: 'notFound' }
      const now = config.clock()
      return {
        status: todayInShanghai(now) > certificate.valid_until
          ? 'expired'
          : 'genuine',
        kind: 'firm',
        number: certificate.number,
        issuedOn: todayInShanghai(new Date(certificate.issued_at)),
        validUntil: certificate.valid_until,
        firmName: certificate.firm_name,
        periodFrom: certificate.period_from,
        periodTo: certificate.period_to,
        result: certificate.result,
      }
    },
  }
}
export type FirmCertificateService = ReturnType<typeof createFirmCertificateService>
