// Credit query: an enterprise's public profile (双公示), the personal report, the authenticity check.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { APPLICANT_ROLES, BENEFIT_CATEGORIES, CERTIFICATE_YEARS, CHANNELS, CREDIT_FIELDS, ENTERPRISE_STATUSES, LICENCE_TYPES, RECORD_CATEGORIES, SEVERITIES } from './domain'
import { BenefitSummaryEnglish } from './english'
import { Enterprise } from './resources'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Category = Type.Enum(RECORD_CATEGORIES)

/** 行政许可 (one half of 双公示). */
export const Licence = Type.Object({
  id: Type.Integer(),
  category: Category,
  title: Type.String(),
  documentNo: Type.String(),
  licenceType: Type.Enum(LICENCE_TYPES),
  content: Type.String(),
  decidedOn: Day,
  validFrom: Day,
  /** null: 长期 (stored as 2099-12-31). */
  validTo: Type.Union([
    Day,
    Type.Null(),
  ]),
  /** Still in force today. */
  current: Type.Boolean(),
  authority: Type.String(),
  /** An objection to this record is open (异议处理中). */
  underObjection: Type.Boolean(),
})
export type Licence = Static<typeof Licence>

/** 行政处罚 (the other half): returned only until its public-until date. */
export const Penalty = Type.Object({
  id: Type.Integer(),
  category: Category,
  documentNo: Type.String(),
  violationType: Type.String(),
  facts: Type.String(),
  legalBasis: Type.String(),
  penaltyType: Type.String(),
  content: Type.String(),
  fineYuan: Type.Union([
    Type.Number(),
    Type.Null(),
  ]),
  severity: Type.Enum(SEVERITIES),
  decidedOn: Day,
  /** 公示截止期: after this date the record is no longer published anywhere. */
  publicUntil: Day,
  /** From this date the subject may ask for credit repair (信用修复) to end publication early. */
  repairFrom: Day,
  /** A credit repair application for it is open (信用修复办理中). */
  underRepair: Type.Boolean(),
  authority: Type.String(),
  /** An objection to this record is open (异议处理中). */
  underObjection: Type.Boolean(),
})
export type Penalty = Static<typeof Penalty>

/** A current entry on a red list (守信激励) or a dishonesty list (失信名单). Ended entries are not returned. */
export const ListEntry = Type.Object({
  id: Type.Integer(),
  category: Category,
  list: Type.Enum(['red', 'dishonesty'] as const),
  name: Type.String(),
  reason: Type.String(),
  severity: Type.Enum(SEVERITIES),
  listedOn: Day,
  /** null: until removed by the authority. */
  until: Type.Union([
    Day,
    Type.Null(),
  ]),
  authority: Type.String(),
  /** An objection to this record is open (异议处理中). */
  underObjection: Type.Boolean(),
})
export type ListEntry = Static<typeof ListEntry>

/** 信用承诺. */
export const Commitment = Type.Object({
  id: Type.Integer(),
  category: Category,
  title: Type.String(),
  content: Type.String(),
  signedOn: Day,
  authority: Type.String(),
  /** An objection to this record is open (异议处理中). */
  underObjection: Type.Boolean(),
})
export type Commitment = Static<typeof Commitment>

/** Any other record in the eight categories (a judgment performed, a tax grade, volunteering…). */
export const CreditFact = Type.Object({
  id: Type.Integer(),
  category: Category,
  title: Type.String(),
  content: Type.String(),
  documentNo: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  decidedOn: Day,
  authority: Type.String(),
  /** An objection to this record is open (异议处理中). */
  underObjection: Type.Boolean(),
})
export type CreditFact = Static<typeof CreditFact>

export const CategoryCount = Type.Object({
  category: Category,
  count: Type.Integer(),
})

/** Everything published about one subject today, by kind, with counts per category (all eight, in order). */
export const CreditRecords = Type.Object({
  counts: Type.Array(CategoryCount),
  licences: Type.Array(Licence),
  penalties: Type.Array(Penalty),
  redList: Type.Array(ListEntry),
  dishonestyList: Type.Array(ListEntry),
  commitments: Type.Array(Commitment),
  facts: Type.Array(CreditFact),
})
export type CreditRecords = Static<typeof CreditRecords>

export const EnterpriseProfile = Type.Object({
  enterprise: Enterprise,
  records: CreditRecords,
  /** The Shanghai date the profile describes. */
  asOf: Day,
  /** When each department's data about the firm was last updated (imported records only), newest first. */
  updates: Type.Array(Type.Object({
    source: Type.String(),
    at: Type.String(),
  })),
})
export type EnterpriseProfile = Static<typeof EnterpriseProfile>

// ── Personal report ────────────────────────────────────────────────────────────────────────────────────────

export const PersonName = Type.String({ minLength: 1, maxLength: 30 })
export const ChallengeRequest = Type.Object({
  /** Required in the app; a kiosk (no keyboard for Chinese) identifies by ID number and code alone. */
  name: Type.Optional(PersonName),
  idNumber: Type.String({ minLength: 1, maxLength: 24 }),
  /** The consent notice was shown and accepted. */
  consent: Type.Boolean(),
}, { additionalProperties: false })
export type ChallengeRequest = Static<typeof ChallengeRequest>

/** An opaque token for one code; the same answer whether or not the name and ID number are on file. */
export const Challenge = Type.Object({
  challenge: Type.String(),
  expiresInSeconds: Type.Integer(),
  resendInSeconds: Type.Integer(),
})
export type Challenge = Static<typeof Challenge>

export const ChallengeToken = Type.String({ minLength: 20, maxLength: 64, pattern: '^[\\w-]+$' })
export const ResendRequest = Type.Object({ challenge: ChallengeToken }, { additionalProperties: false })
export type ResendRequest = Static<typeof ResendRequest>
export const ReportRequest = Type.Object({
  challenge: ChallengeToken,
  code: Type.String({ minLength: 1, maxLength: 12 }),
}, { additionalProperties: false })
export type ReportRequest = Static<typeof ReportRequest>

export const EligibleBenefit = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  category: Type.Enum(BENEFIT_CATEGORIES),
  provider: Type.String(),
  en: Type.Optional(Type.Pick(BenefitSummaryEnglish, ['title', 'provider'])),
})
export type EligibleBenefit = Static<typeof EligibleBenefit>

export const QueryHistoryItem = Type.Object({
  at: Type.String(),
  channel: Type.Enum(CHANNELS),
  kioskId: Type.Union([
    Type.Integer(),
    Type.Null(),
  ]),
})

export const KioskSession = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  idleSeconds: Type.Integer(),
  personalIdleSeconds: Type.Integer(),
  countdownSeconds: Type.Integer(),
})
export type KioskSession = Static<typeof KioskSession>

export const KioskExitRequest = Type.Object({
  exitCode: Type.String({ minLength: 1, maxLength: 20 }),
}, { additionalProperties: false })
export type KioskExitRequest = Static<typeof KioskExitRequest>

export const PersonalReport = Type.Object({
  number: Type.String(),
  /** The person is fictional demo data (the report says 示例数据). */
  isDemo: Type.Boolean(),
  issuedAt: Type.String(),
  validUntil: Day,
  verificationCode: Type.String(),
  subject: Type.Object({
    /** In full in the app; masked at a kiosk, where the person did not type it. */
    name: Type.String(),
    idMasked: Type.String(),
    phoneMasked: Type.String(),
    street: Type.Union([
      Type.String(),
      Type.Null(),
    ]),
  }),
  records: CreditRecords,
  listStatus: Type.Object({
    onRedList: Type.Boolean(),
    onDishonestyList: Type.Boolean(),
    seriousDishonesty: Type.Boolean(),
  }),
  benefits: Type.Array(EligibleBenefit),
  /** Earlier reports of this person (newest first), this one included. */
  history: Type.Array(QueryHistoryItem),
})
export type PersonalReport = Static<typeof PersonalReport>

// ── A firm's own credit certificate (市场主体专用信用报告) ─────────────────────────────────────────────────────────

export const CertificateChallengeRequest = Type.Object({
  /** The firm's 统一社会信用代码. */
  uscc: Type.String({ minLength: 1, maxLength: 40 }),
  role: Type.Enum(APPLICANT_ROLES),
  /** The applicant's own name: required in the app; a kiosk (no keyboard for Chinese) may leave it out. */
  name: Type.Optional(PersonName),
  /** The applicant's own ID number: kept only as a keyed hash, with the certificate. */
  idNumber: Type.String({ minLength: 1, maxLength: 24 }),
  consent: Type.Boolean(),
}, { additionalProperties: false })
export type CertificateChallengeRequest = Static<typeof CertificateChallengeRequest>

export const CertificateRequest = Type.Object({
  challenge: ChallengeToken,
  code: Type.String({ minLength: 1, maxLength: 12 }),
  /** How many years back the certificate covers, ending on the day it is issued. */
  years: Type.Optional(Type.Integer({ minimum: CERTIFICATE_YEARS.min, maximum: CERTIFICATE_YEARS.max })),
}, { additionalProperties: false })
export type CertificateRequest = Static<typeof CertificateRequest>

/** A penalty decided in the period, also when its publication has ended since (the public profile no longer shows it). */
export const CertificatePenalty = Type.Object({
  ...Penalty.properties,
  publicationEnded: Type.Boolean(),
  /** Credit repair was approved on this day: publication ended then (已修复). */
  repairedOn: Type.Union([
    Day,
    Type.Null(),
  ]),
})
export type CertificatePenalty = Static<typeof CertificatePenalty>

/** A dishonesty list entry in force at some time in the period, also when it has ended since. */
export const CertificateListEntry = Type.Object({
  ...ListEntry.properties,
  ended: Type.Boolean(),
})
export type CertificateListEntry = Static<typeof CertificateListEntry>

/** One field of administration: empty lists mean "no record of violation in this period". */
export const CertificateField = Type.Object({
  field: Type.Enum(CREDIT_FIELDS),
  penalties: Type.Array(CertificatePenalty),
  dishonesty: Type.Array(CertificateListEntry),
})
export type CertificateField = Static<typeof CertificateField>

export const FirmCertificate = Type.Object({
  number: Type.String(),
  /** The firm is fictional demo data (the certificate says 示例数据). */
  isDemo: Type.Boolean(),
  issuedAt: Type.String(),
  validUntil: Day,
  verificationCode: Type.String(),
  period: Type.Object({
    from: Day,
    to: Day,
    years: Type.Integer(),
  }),
  firm: Type.Object({
    name: Type.String(),
    uscc: Type.String(),
    type: Type.String(),
    legalRepresentative: Type.String(),
    status: Type.Enum(ENTERPRISE_STATUSES),
    address: Type.String(),
  }),
  applicant: Type.Object({
    role: Type.Enum(APPLICANT_ROLES),
    /** As typed in the app; masked at a kiosk, or empty when not typed there. */
    name: Type.String(),
  }),
  /** Where the code went (masked). */
  phoneMasked: Type.String(),
  /** No violation in any field in the period, and not on a dishonesty list in it. */
  result: Type.Enum(['clean', 'records'] as const),
  fields: Type.Array(CertificateField),
  listStatus: Type.Object({
    onRedList: Type.Boolean(),
    onDishonestyList: Type.Boolean(),
    seriousDishonesty: Type.Boolean(),
  }),
  /** Current red list entries (守信激励). */
  redList: Type.Array(ListEntry),
  /** Commitments signed in the period (信用承诺). */
  commitments: Type.Array(Commitment),
})
export type FirmCertificate = Static<typeof FirmCertificate>

// ── Authenticity check ─────────────────────────────────────────────────────────────────────────────────────

export const ReportNumber = Type.String({ minLength: 1, maxLength: 40 })
export const VerifyRequest = Type.Object({
  number: ReportNumber,
  code: Type.String({ minLength: 1, maxLength: 20 }),
}, { additionalProperties: false })
export type VerifyRequest = Static<typeof VerifyRequest>

export const VerifyResult = Type.Union([
  Type.Object({
    status: Type.Enum(['genuine', 'expired'] as const),
    kind: Type.Literal('personal'),
    number: Type.String(),
    issuedOn: Day,
    validUntil: Day,
    nameMasked: Type.String(),
  }),
  /** A firm's certificate: issue date, firm name, period and result, nothing more. */
  Type.Object({
    status: Type.Enum(['genuine', 'expired'] as const),
    kind: Type.Literal('firm'),
    number: Type.String(),
    issuedOn: Day,
    validUntil: Day,
    firmName: Type.String(),
    periodFrom: Day,
    periodTo: Day,
    result: Type.Enum(['clean', 'records'] as const),
  }),
  Type.Object({
    status: Type.Literal('notFound'),
  }),
])
export type VerifyResult = Static<typeof VerifyResult>
