// Objections (异议申诉) and credit repair (信用修复): what the applicant sends and sees, and what the office works with.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { ChallengeToken } from './credit'
import { CASE_APPLICANT_ROLES, CASE_FILE_PURPOSES, CASE_FILE_TYPES, CASE_FILES, CASE_KINDS, CASE_STATUSES, CHANNELS, OBJECTION_REASONS, RECORD_CATEGORIES, RECORD_KINDS } from './domain'

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
function Nullable<T extends Parameters<typeof Type.Union>[0][number]>(schema: T) {
  return Type.Union([
    schema,
    Type.Null(),
  ])
}

/** A case's tracking number (受理编号): 16 digits, typed on a kiosk's keypad; spaces allowed when typed. */
export const CaseNumber = Type.String({ minLength: 1, maxLength: 40 })
const FileKey = Type.String({ minLength: 16, maxLength: 64, pattern: '^[\\w-]+$' })

/** The record a case is about, as it stood when the case was filed. */
export const CaseRecord = Type.Object({
  kind: Type.Enum(RECORD_KINDS),
  category: Type.Enum(RECORD_CATEGORIES),
  title: Type.String(),
  content: Type.String(),
  facts: Nullable(Type.String()),
  documentNo: Nullable(Type.String()),
  decidedOn: Day,
  authority: Type.String(),
})
export type CaseRecord = Static<typeof CaseRecord>

/** An attachment: what the applicant sees of it (the file itself goes only to the office). */
export const CaseFile = Type.Object({
  key: FileKey,
  name: Type.String(),
  type: Type.Enum(CASE_FILE_TYPES),
  bytes: Type.Integer(),
  purpose: Type.Enum(CASE_FILE_PURPOSES),
})
export type CaseFile = Static<typeof CaseFile>

/** Where an upload says what it proves (its file name comes in the x-file-name header, never the URL). */
export const CaseFileQuery = Type.Object({
  /** What it proves: 'proof' unless it is a repair training certificate. */
  purpose: Type.Optional(Type.Enum(CASE_FILE_PURPOSES)),
}, { additionalProperties: false })

export const CaseEvent = Type.Object({
  at: Type.String(),
  type: Type.String(),
  /** What the applicant is told: the reason for a decision, where it was forwarded, what to add. */
  note: Nullable(Type.String()),
})
export type CaseEvent = Static<typeof CaseEvent>

export const ObjectionRequest = Type.Object({
  /** The challenge token of the report, certificate or lookup that proved who the applicant is, minutes ago. */
  grant: ChallengeToken,
  recordId: Type.Integer({ minimum: 1 }),
  reason: Type.Enum(OBJECTION_REASONS),
  text: Type.String({ minLength: 10, maxLength: 1000 }),
  files: Type.Array(FileKey, { maxItems: CASE_FILES.max, uniqueItems: true }),
}, { additionalProperties: false })
export type ObjectionRequest = Static<typeof ObjectionRequest>

/** A credit repair application for a published penalty past its minimum publication period. */
export const RepairRequest = Type.Object({
  grant: ChallengeToken,
  recordId: Type.Integer({ minimum: 1 }),
  /** The credit commitment (信用承诺书): accepted by ticking, signed by typing the representative's (one's own) name. */
  commitment: Type.Object({
    accepted: Type.Literal(true),
    signature: Type.String({ minLength: 1, maxLength: 30 }),
  }, { additionalProperties: false }),
  text: Type.String({ maxLength: 1000 }),
  /** Proof the penalty was carried out (a receipt of the fine…), and for a serious penalty the training certificate. */
  files: Type.Array(FileKey, { minItems: 1, maxItems: CASE_FILES.max, uniqueItems: true }),
}, { additionalProperties: false })
export type RepairRequest = Static<typeof RepairRequest>

/** Documents added to a case the office asked for more (under the grant of the case's lookup). */
export const CaseDocumentsRequest = Type.Object({
  grant: ChallengeToken,
  files: Type.Array(FileKey, { minItems: 1, maxItems: CASE_FILES.max, uniqueItems: true }),
}, { additionalProperties: false })
export type CaseDocumentsRequest = Static<typeof CaseDocumentsRequest>

export const CaseReceipt = Type.Object({
  number: Type.String(),
  kind: Type.Enum(CASE_KINDS),
  receivedOn: Day,
  dueOn: Day,
})
export type CaseReceipt = Static<typeof CaseReceipt>

export const CaseLookupRequest = Type.Object({ number: CaseNumber }, { additionalProperties: false })
export type CaseLookupRequest = Static<typeof CaseLookupRequest>

export const CaseOpenRequest = Type.Object({
  challenge: ChallengeToken,
  code: Type.String({ minLength: 1, maxLength: 12 }),
}, { additionalProperties: false })
export type CaseOpenRequest = Static<typeof CaseOpenRequest>

/** A case as its applicant sees it. */
export const CaseView = Type.Object({
  number: Type.String(),
  kind: Type.Enum(CASE_KINDS),
  status: Type.Enum(CASE_STATUSES),
  isDemo: Type.Boolean(),
  subjectName: Type.String(),
  record: CaseRecord,
  reason: Nullable(Type.Enum(OBJECTION_REASONS)),
  text: Type.String(),
  receivedOn: Day,
  dueOn: Day,
  decidedOn: Nullable(Day),
  decisionNote: Nullable(Type.String()),
  /** Where the office sent it for checking (the deciding authority), if it did. */
  forwardedTo: Nullable(Type.String()),
  /** Repair: when the credit commitment was signed. */
  commitmentSignedAt: Nullable(Type.String()),
  files: Type.Array(CaseFile),
  timeline: Type.Array(CaseEvent),
})
export type CaseView = Static<typeof CaseView>

// ── The office ───────────────────────────────────────────────────────────────────────────────────────────────────

export const StaffCaseQuery = Type.Object({
  state: Type.Optional(Type.Enum(['open', 'overdue', 'decided'] as const)),
  kind: Type.Optional(Type.Enum(CASE_KINDS)),
}, { additionalProperties: false })
export type StaffCaseQuery = Static<typeof StaffCaseQuery>

export const StaffCaseSummary = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  kind: Type.Enum(CASE_KINDS),
  status: Type.Enum(CASE_STATUSES),
  isDemo: Type.Boolean(),
  subjectName: Type.String(),
  recordTitle: Type.String(),
  receivedOn: Day,
  dueOn: Day,
  /** Working days left until the deadline (negative: overdue); null once decided. */
  daysLeft: Nullable(Type.Integer()),
})
export type StaffCaseSummary = Static<typeof StaffCaseSummary>

export const StaffCaseList = Type.Object({
  items: Type.Array(StaffCaseSummary),
  counts: Type.Object({
    open: Type.Integer(),
    overdue: Type.Integer(),
  }),
})
export type StaffCaseList = Static<typeof StaffCaseList>

export const StaffCase = Type.Object({
  ...CaseView.properties,
  id: Type.Integer(),
  daysLeft: Nullable(Type.Integer()),
  channel: Type.Enum(CHANNELS),
  applicant: Type.Object({
    role: Type.Enum(CASE_APPLICANT_ROLES),
    nameMasked: Type.String(),
  }),
  /** The record as it is now; null when it has been withdrawn. */
  recordId: Nullable(Type.Integer()),
  recordNow: Nullable(CaseRecord),
  subjectCode: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
})
export type StaffCase = Static<typeof StaffCase>

const Note = Type.String({ minLength: 2, maxLength: 500 })

/** Upholding an objection changes the record: it is withdrawn, or its texts are corrected. */
export const CaseDecision = Type.Union([
  Type.Object({
    decision: Type.Literal('uphold'),
    note: Note,
    outcome: Type.Literal('withdraw'),
  }, { additionalProperties: false }),
  Type.Object({
    decision: Type.Literal('uphold'),
    note: Note,
    outcome: Type.Literal('correct'),
    correction: Type.Object({
      title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      content: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
      facts: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    }, { additionalProperties: false, minProperties: 1 }),
  }, { additionalProperties: false }),
  Type.Object({
    decision: Type.Literal('reject'),
    note: Note,
  }, { additionalProperties: false }),
  Type.Object({
    decision: Type.Literal('forward'),
    note: Note,
    forwardTo: Type.String({ minLength: 2, maxLength: 100 }),
  }, { additionalProperties: false }),
  // Credit repair: approve (publication ends at once) or ask for more documents (the note says which).
  Type.Object({
    decision: Type.Literal('approve'),
    note: Note,
  }, { additionalProperties: false }),
  Type.Object({
    decision: Type.Literal('moreDocuments'),
    note: Note,
  }, { additionalProperties: false }),
])
export type CaseDecision = Static<typeof CaseDecision>

export const CaseFileParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  key: FileKey,
}, { additionalProperties: false })
