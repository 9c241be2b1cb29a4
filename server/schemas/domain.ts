// Closed vocabularies of the domain, shared by the database CHECKs, the API schemas, the seed and the app.
export const BENEFIT_CATEGORIES = [
  'medical',
  'transport',
  'culture',
  'housing',
  'government',
  'finance',
  'life',
  'elderly',
] as const
export type BenefitCategory = typeof BENEFIT_CATEGORIES[number]

export const AUDIENCES = ['personal', 'enterprise', 'both'] as const
export type Audience = typeof AUDIENCES[number]

export const ARTICLE_KINDS = [
  'policy',
  'honour',
  'exposure',
  'case',
  'week',
  'news',
] as const
export type ArticleKind = typeof ARTICLE_KINDS[number]

export const ACTIVITY_CATEGORIES = [
  'publicity',
  'training',
  'volunteer',
  'award',
  'community',
] as const
export type ActivityCategory = typeof ACTIVITY_CATEGORIES[number]

export const ENTERPRISE_STATUSES = ['active', 'revoked', 'cancelled'] as const
export type EnterpriseStatus = typeof ENTERPRISE_STATUSES[number]

export const STREET_KINDS = ['street', 'town'] as const
export type StreetKind = typeof STREET_KINDS[number]

export const BENEFIT_SORTS = ['newest', 'nearest'] as const
export type BenefitSort = typeof BENEFIT_SORTS[number]

/** The plan's eight categories of credit information (登记, 资质, 监管, 判决, 执行, 履约, 管理, 公益). */
export const RECORD_CATEGORIES = [
  'registration',
  'qualification',
  'supervision',
  'judgment',
  'enforcement',
  'performance',
  'management',
  'welfare',
] as const
export type RecordCategory = typeof RECORD_CATEGORIES[number]

/** What a credit record is: a 双公示 licence or penalty, a list entry, a commitment, or another fact. */
export const RECORD_KINDS = [
  'licence',
  'penalty',
  'redList',
  'dishonestyList',
  'commitment',
  'fact',
] as const
export type RecordKind = typeof RECORD_KINDS[number]

/** 行政许可类别 in the 双公示 standard. */
export const LICENCE_TYPES = [
  'ordinary', // 普通
  'franchise', // 特许
  'recognition', // 认可
  'approval', // 核准
  'registration', // 登记
  'other', // 其他
] as const
export type LicenceType = typeof LICENCE_TYPES[number]

/**
 * How serious the dishonesty behind a penalty or list entry is. It sets a penalty's publicity period
 * (general: repair after 3 months, public for 1 year; serious: repair after 1 year, public for 3 years).
 */
export const SEVERITIES = ['general', 'serious'] as const
export type Severity = typeof SEVERITIES[number]

/**
 * The fields of administration a firm's certificate speaks for, one line each ("no record of violation" or the
 * records): told apart by the deciding authority (server/lib/credit-fields.ts).
 */
export const CREDIT_FIELDS = [
  'market',
  'tax',
  'hrss',
  'environment',
  'construction',
  'fire',
  'foodDrug',
  'health',
  'urban',
  'culture',
  'education',
  'other',
] as const
export type CreditField = typeof CREDIT_FIELDS[number]

/** Who asks for a firm's certificate: its legal representative (法定代表人) or an agent it authorised (经办人). */
export const APPLICANT_ROLES = ['representative', 'agent'] as const
export type ApplicantRole = typeof APPLICANT_ROLES[number]

/** A firm's certificate may cover 1 to 5 years back from the day it is issued; 3 unless asked otherwise. */
export const CERTIFICATE_YEARS = { min: 1, max: 5, default: 3 } as const

/** Objections (异议申诉) and credit repair (信用修复) are handled as cases. */
export const CASE_KINDS = ['objection', 'repair'] as const
export type CaseKind = typeof CASE_KINDS[number]

/**
 * Where a case stands. Open ones: `open` (received), `forwarded` (sent to the deciding authority, still open),
 * `moreDocuments` (the applicant is asked for documents). Decided ones: `upheld`/`rejected` (objections),
 * `approved`/`rejected` (repair).
 */
export const CASE_STATUSES = [
  'open',
  'forwarded',
  'moreDocuments',
  'upheld',
  'rejected',
  'approved',
] as const
export type CaseStatus = typeof CASE_STATUSES[number]
export const OPEN_CASE_STATUSES = ['open', 'forwarded', 'moreDocuments'] as const satisfies readonly CaseStatus[]

export const OBJECTION_REASONS = [
  'wrongFacts',
  'wrongSubject',
  'noLongerPublic',
  'other',
] as const
export type ObjectionReason = typeof OBJECTION_REASONS[number]

/** Who files a case: a person about their own record, or a firm's representative or agent. */
export const CASE_APPLICANT_ROLES = ['self', ...APPLICANT_ROLES] as const
export type CaseApplicantRole = typeof CASE_APPLICANT_ROLES[number]

/**
 * Working days the office has to decide (Monday to Friday; public holidays are not known to the app). Objections:
 * the data's provider checks and the credit office answers within 10 working days; repair: 10 working days from a
 * complete application.
 */
export const CASE_WORKING_DAYS: Readonly<Record<CaseKind, number>> = { objection: 10, repair: 10 }

/**
 * Attachments to a case: at most five, each a photo or a PDF of at most 10 MB; up to ten uploads per verification,
 * so that one taken off the list can be replaced.
 */
export const CASE_FILES = { max: 5, uploadsPerGrant: 10, maxBytes: 10 * 1024 * 1024 } as const
export const CASE_FILE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
] as const
export type CaseFileType = typeof CASE_FILE_TYPES[number]
/** What an attachment proves: the facts of an objection or that a penalty was carried out, or repair training. */
export const CASE_FILE_PURPOSES = ['proof', 'training'] as const
export type CaseFilePurpose = typeof CASE_FILE_PURPOSES[number]

/** Where a personal report was asked for. */
export const CHANNELS = ['app', 'kiosk'] as const
export type Channel = typeof CHANNELS[number]

/** An activity's way from a staff draft to the public feed (returned = sent back with a note; withdrawn by an admin). */
export const ACTIVITY_STATUSES = [
  'draft',
  'submitted',
  'published',
  'returned',
  'withdrawn',
] as const
export type ActivityStatus = typeof ACTIVITY_STATUSES[number]

/** Photos an activity may carry. */
export const MAX_PHOTOS = 9

/** Where an article or benefit stands: only published ones are public. */
export const CONTENT_STATUSES = ['draft', 'published', 'archived'] as const
export type ContentStatus = typeof CONTENT_STATUSES[number]

/** What a 双公示 file or batch holds: 行政许可 or 行政处罚 records. */
export const INTAKE_KINDS = ['licence', 'penalty'] as const
export type IntakeKind = typeof INTAKE_KINDS[number]
