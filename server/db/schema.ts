import type { Generated, Insertable, Selectable } from 'kysely'
// Kysely table types. Column names are snake_case as in SQL; timestamps are ISO-8601 strings.
import type { Buffer } from 'node:buffer'
import type { CaseApplicantRole, CaseFilePurpose, CaseFileType, CaseKind, CaseStatus, Channel, LicenceType, ObjectionReason, RecordCategory, RecordKind, Severity } from '../schemas/domain'

export interface DistrictTable {
  id: Generated<number>
  key: string
  name: string
  name_en: string
}

export interface StreetTable {
  id: Generated<number>
  district_id: number
  key: string
  name: string
  name_en: string
  kind: 'street' | 'town'
  intro: string
  address: string
  phone: string
  is_demonstration: number // 0 | 1
  sort_order: number
  figures: Generated<string> // JSON {label, value}[]
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
  en: string | null // JSON: English versions of the texts (schemas/english.ts)
}

export interface StreetPracticeTable {
  id: Generated<number>
  key: string
  street_id: number
  sort_order: number
  title: string
  what: string
  results: string
  en: string | null // JSON: English versions of the texts (schemas/english.ts)
}

export interface MediaTable {
  id: Generated<number>
  name: string
  content_type: 'image/jpeg' | 'image/webp' | 'image/png'
  width: number
  height: number
  bytes: number | null
  alt: string
  scene: string | null
  seed: string | null
  created_at: string
  uploaded_by: number | null
}

/** Stored files when MEDIA_STORE=database (media/store.ts). */
export interface MediaFileTable {
  name: string
  data: Buffer
  bytes: number
  created_at: string
}

export interface ActivityPhotoTable {
  activity_id: number
  media_id: number
  sort_order: number
}

export interface BenefitTable {
  id: Generated<number>
  key: string
  title: string
  summary: string
  category: string
  audience: 'personal' | 'enterprise' | 'both'
  provider: string
  street_id: number | null
  offer: string
  eligibility: string
  valid_from: string
  valid_to: string | null
  tags: string // JSON array
  rules: Generated<string> // JSON EligibilityRule[], default []
  claim_steps: Generated<string> // JSON string[], default []
  documents: Generated<string> // JSON string[], default []
  contact: Generated<string> // default ''
  status: 'draft' | 'published' | 'archived'
  created_at: string
  updated_at: string
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
  en: string | null // JSON: English versions of the texts (schemas/english.ts)
}

export interface BenefitVenueTable {
  id: Generated<number>
  benefit_id: number
  sort_order: number
  name: string
  address: string
  hours: string
  phone: string | null
  lat: number
  lng: number
  en: string | null // JSON: the venue's name and hours in English (schemas/english.ts)
}

export interface ArticleTable {
  id: Generated<number>
  key: string
  kind: string
  title: string
  summary: string
  body: string // Markdown as written
  body_html: string // the same, rendered when written (lib/markdown.ts#bodyColumns)
  source: string
  street_id: number | null
  published_at: string
  disclosure_until: string | null
  cover_media_id: number | null
  tags: string // JSON array
  status: 'draft' | 'published' | 'archived'
  updated_at: string
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
  en: string | null // JSON: English versions of the texts (schemas/english.ts)
}

export interface ActivityTable {
  id: Generated<number>
  key: string | null
  street_id: number
  title: string
  category: string
  starts_at: string
  ends_at: string
  place: string
  summary: string
  body: string // Markdown as written
  body_html: string // the same, rendered when written (lib/markdown.ts#bodyColumns)
  status: 'draft' | 'submitted' | 'published' | 'returned' | 'withdrawn'
  published_at: string | null
  created_at: string
  updated_at: string
  author_id: number | null
  review_note: string | null
  submitted_at: string | null
  reviewed_at: string | null
  reviewed_by: number | null
  client_key: string | null
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
  en: string | null // JSON: English versions of the texts (schemas/english.ts)
}

export interface EnterpriseTable {
  id: Generated<number>
  uscc: string
  name: string
  type: string
  legal_representative: string
  registered_capital: string
  established_on: string
  address: string
  business_scope: string
  status: 'active' | 'revoked' | 'cancelled'
  updated_at: string
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
  contact_phone: string | null // where a one-time code for the firm's own certificate goes; null: none on file
}

export interface PersonTable {
  id: Generated<number>
  key: string
  name: string
  id_hash: string
  id_masked: string
  birth_date: string
  phone: string | null // null: known only from 双公示 records, no phone registered yet (no code can be sent)
  street_id: number | null
  created_at: string
  is_demo: Generated<number> // 1: fictional demo content written by the seed (shown as 示例数据)
}

export interface CreditRecordTable {
  id: Generated<number>
  enterprise_id: number | null
  person_id: number | null
  category: RecordCategory
  kind: RecordKind
  title: string
  content: string
  authority: string
  document_no: string | null
  decided_on: string
  valid_from: string | null
  valid_to: string | null
  licence_type: LicenceType | null
  violation_type: string | null
  facts: string | null
  legal_basis: string | null
  penalty_type: string | null
  fine_yuan: number | null
  severity: Severity | null
  public_until: string | null
  created_at: string
  natural_key: string | null // imported records: kind|document number|subject code (server/intake/record.ts)
  intake_hash: string | null // imported records: hash of what the import wrote, to tell a changed row
  import_id: number | null // the import that last wrote it
  updated_at: string | null
  under_objection: Generated<number> // 1: an objection to it is open (异议处理中)
  repaired_on: string | null // credit repair approved on this day: publication ended then (已修复)
  under_repair: Generated<number> // 1: a repair application for it is open (信用修复办理中)
}

export interface OtpChallengeTable {
  id: Generated<number>
  token_hash: string
  subject_hash: string
  person_id: number | null
  code_hash: string | null
  channel: Channel
  kiosk_id: number | null
  client_key: string
  sent_at: string
  expires_at: string
  sends: Generated<number>
  attempts: Generated<number>
  state: Generated<'open' | 'used' | 'locked'>
  created_at: string
  purpose: Generated<'personal' | 'firm'>
  enterprise_id: number | null // a firm's certificate: the firm whose phone the code went to
  applicant: string | null // a firm's certificate: JSON { role, name, idHash } until it is issued, then null
  case_id: number | null // a case lookup: the case whose applicant the code went to
  case_lookup: Generated<number> // 1: a case lookup (redeemed only as one)
}

export interface CreditCaseTable {
  id: Generated<number>
  number: string
  kind: CaseKind
  status: CaseStatus
  record_id: number | null // null: the record no longer exists (withdrawn)
  record: string // JSON snapshot of the record when the case was filed (schemas/cases.ts CaseRecord)
  enterprise_id: number | null
  person_id: number | null
  subject_name: string
  applicant_role: CaseApplicantRole
  applicant_name_masked: string
  applicant_id_hash: string | null
  reason: ObjectionReason | null
  text: string
  channel: Channel
  kiosk_id: number | null
  received_on: string
  due_on: string
  decided_on: string | null
  decided_by: number | null
  decision_note: string | null
  forwarded_to: string | null
  is_demo: Generated<number>
  created_at: string
  updated_at: string
  commitment_signed_at: string | null // repair: when the credit commitment was signed in the app
}

export interface CaseEventTable {
  id: Generated<number>
  case_id: number
  at: string
  type: string
  actor_id: number | null
  note: string | null
}

export interface CaseFileTable {
  id: Generated<number>
  key: string
  grant_hash: string
  case_id: number | null
  name: string
  content_type: CaseFileType
  bytes: number
  created_at: string
  purpose: Generated<CaseFilePurpose>
}

export interface CaseGrantTable {
  id: Generated<number>
  token_hash: string
  person_id: number | null
  enterprise_id: number | null
  case_id: number | null
  applicant_role: CaseApplicantRole
  applicant_name_masked: string
  applicant_id_hash: string | null
  expires_at: string
}

export interface FirmCertificateTable {
  id: Generated<number>
  number: string
  verification_hash: string
  enterprise_id: number
  firm_name: string
  applicant_role: 'representative' | 'agent'
  applicant_name_masked: string
  applicant_id_hash: string
  period_from: string
  period_to: string
  result: 'clean' | 'records'
  channel: Channel
  kiosk_id: number | null
  issued_at: string
  valid_until: string
}

export interface CreditReportTable {
  id: Generated<number>
  number: string
  verification_hash: string
  person_id: number
  name_masked: string
  channel: Channel
  kiosk_id: number | null
  issued_at: string
  valid_until: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  event: AuditEvent
  channel: Channel
  kiosk_id: number | null
  person_id: number | null
  subject_hash: string | null
  client_key: string
  detail: string | null
}

export interface KioskTable {
  id: Generated<number>
  label: string
  token_hash: string
  exit_code_hash: string
  created_at: string
  disabled_at: string | null
}

export interface UserTable {
  id: Generated<number>
  username: string
  display_name: string
  role: 'staff' | 'admin'
  street_id: number | null
  password_hash: string
  must_change_password: Generated<number>
  disabled_at: string | null
  created_at: string
  updated_at: string
}

export interface SessionTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  created_at: string
  last_seen_at: string
  expires_at: string
}

export interface LoginFailureTable {
  id: Generated<number>
  at: string
  username_key: string
  client_key: string
}

export interface LoginLockTable {
  username_key: string
  locked_at: string
  locked_until: string
}

export interface AdminAuditTable {
  id: Generated<number>
  at: string
  actor_id: number | null
  action: string
  target: string | null
  detail: string | null
}

export type IntakeStatus = 'checking' | 'checked' | 'refused' | 'committing' | 'committed' | 'rolledBack'

export interface IntakeSourceTable {
  id: Generated<number>
  name: string
  authority_uscc: string
  token_hash: string | null
  token_created_at: string | null
  revoked_at: string | null
  last_delivery_at: string | null
  created_at: string
}

export interface IntakeImportTable {
  id: Generated<number>
  source_id: number | null
  kind: 'licence' | 'penalty' | null
  channel: 'file' | 'api'
  file_name: string | null
  file_hash: string | null
  file_bytes: number | null
  encoding: string | null
  batch_key: string | null
  status: IntakeStatus
  refusal: string | null
  rows_read: Generated<number>
  rows_done: Generated<number>
  new_count: Generated<number>
  changed_count: Generated<number>
  unchanged_count: Generated<number>
  withdrawn_count: Generated<number>
  rejected_count: Generated<number>
  ignored_columns: Generated<string>
  result: string | null
  created_by: number | null
  created_at: string
  checked_at: string | null
  committed_by: number | null
  committed_at: string | null
  rolled_back_by: number | null
  rolled_back_at: string | null
}

export interface IntakeRowTable {
  import_id: number
  row_no: number
  natural_key: string
  action: 'new' | 'changed' | 'unchanged' | 'withdrawn'
  record: string
}

export interface IntakeRejectionTable {
  id: Generated<number>
  import_id: number
  row_no: number
  column: string
  reason: string
  message: string
}

export interface IntakeChangeTable {
  id: Generated<number>
  import_id: number
  record_id: number
  action: 'insert' | 'update' | 'delete' | 'enterprise' | 'person'
  before: string | null
}

export interface BenefitViewTable {
  benefit_id: number
  day: string
  views: Generated<number>
}

/** What the audit log records. */
export type AuditEvent
  = | 'report_issued'
    | 'certificate_issued'
    | 'code_sent'
    | 'code_resent'
    | 'code_failed'
    | 'code_locked'
    | 'code_expired'
    | 'subject_unknown'
    | 'rate_limited'
    | 'report_verified'
    | 'report_verify_failed'
    | 'kiosk_exit'
    | 'kiosk_exit_failed'
    | 'case_filed'
    | 'case_opened'
    | 'case_documents_added'

/** Character pairs of searched texts (migration 022), written by triggers only: read to answer short queries. */
export interface ContentGramTable {
  gram: string
  kind: 'benefits' | 'articles' | 'activities'
  row_id: number
}

export interface Database {
  districts: DistrictTable
  streets: StreetTable
  street_practices: StreetPracticeTable
  media: MediaTable
  media_files: MediaFileTable
  activity_photos: ActivityPhotoTable
  benefits: BenefitTable
  benefit_venues: BenefitVenueTable
  articles: ArticleTable
  activities: ActivityTable
  enterprises: EnterpriseTable
  persons: PersonTable
  credit_records: CreditRecordTable
  otp_challenges: OtpChallengeTable
  credit_reports: CreditReportTable
  firm_certificates: FirmCertificateTable
  credit_cases: CreditCaseTable
  case_events: CaseEventTable
  case_files: CaseFileTable
  case_grants: CaseGrantTable
  audit_log: AuditLogTable
  kiosks: KioskTable
  users: UserTable
  sessions: SessionTable
  login_failures: LoginFailureTable
  login_locks: LoginLockTable
  admin_audit: AdminAuditTable
  benefit_views: BenefitViewTable
  intake_sources: IntakeSourceTable
  intake_imports: IntakeImportTable
  intake_rows: IntakeRowTable
  intake_rejections: IntakeRejectionTable
  intake_changes: IntakeChangeTable
  content_grams: ContentGramTable
}

export type StreetRow = Selectable<StreetTable>
export type BenefitRow = Selectable<BenefitTable>
export type ArticleRow = Selectable<ArticleTable>
export type ActivityRow = Selectable<ActivityTable>
export type EnterpriseRow = Selectable<EnterpriseTable>
export type CreditRecordRow = Selectable<CreditRecordTable>
export type OtpChallengeRow = Selectable<OtpChallengeTable>
export type PersonRow = Selectable<PersonTable>
export type CreditCaseRow = Selectable<CreditCaseTable>
export type CaseFileRow = Selectable<CaseFileTable>
export type CaseGrantRow = Selectable<CaseGrantTable>
export type NewBenefit = Insertable<BenefitTable>
