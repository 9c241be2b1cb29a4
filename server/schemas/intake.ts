// 双公示 intake: an import (a file an admin uploads, or a batch a source pushes), its rejected rows, the sources, and
// the machine interface's batch and answer.
import type { Static } from 'typebox'
import { Type } from 'typebox'
import { Page, PageQuery } from './common'
import { INTAKE_KINDS } from './domain'

export const INTAKE_STATUSES = [
  'checking',
  'checked',
  'refused',
  'committing',
  'committed',
  'rolledBack',
] as const
export const ROW_ACTIONS = [
  'new',
  'changed',
  'unchanged',
  'withdrawn',
  'rejected',
] as const

/** The file types an admin may upload, as the raw body; the file name's extension says how it is read. */
export const INTAKE_UPLOAD_TYPES = ['application/octet-stream', 'text/csv'] as const

export const IntakeCounts = Type.Object({
  new: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  withdrawn: Type.Integer(),
  rejected: Type.Integer(),
})

export const IntakeImport = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([
    Type.Enum(INTAKE_KINDS),
    Type.Null(),
  ]),
  channel: Type.Enum(['file', 'api']),
  source: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  fileName: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  fileHash: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  fileBytes: Type.Union([
    Type.Integer(),
    Type.Null(),
  ]),
  encoding: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  status: Type.Enum(INTAKE_STATUSES),
  /** Why the whole file was refused, or why a commit stopped. */
  refusal: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  rowsRead: Type.Integer(),
  /** Rows written so far by a commit. */
  rowsDone: Type.Integer(),
  counts: IntakeCounts,
  /** Columns the standard does not know (not read). */
  ignoredColumns: Type.Array(Type.String()),
  createdBy: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  committedAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  rolledBackAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
})
export type IntakeImport = Static<typeof IntakeImport>

export const IntakeImportList = Type.Object({
  items: Type.Array(IntakeImport),
})

export const UploadIntakeQuery = Type.Object({
  /** The file's name: its extension says how to read it (.csv .txt .json .ndjson .jsonl). */
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  /** Licences or penalties; when absent, the headers decide. */
  kind: Type.Optional(Type.Enum(INTAKE_KINDS)),
  /** The department the file comes from (a registered source), for its delivery figures. */
  source: Type.Optional(Type.Integer({ minimum: 1 })),
})

export const IntakeRejection = Type.Object({
  rowNo: Type.Integer(),
  column: Type.String(),
  reason: Type.String(),
  message: Type.String(),
})

export type IntakeRejection = Static<typeof IntakeRejection>

export const IntakeRejectionQuery = Type.Object(PageQuery)
export const IntakeRejectionPage = Page(IntakeRejection)

export const TemplateParams = Type.Object({
  kind: Type.Enum(INTAKE_KINDS),
})

export const IntakeSource = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  authorityUscc: Type.String(),
  active: Type.Boolean(),
  lastDeliveryAt: Type.Union([
    Type.String(),
    Type.Null(),
  ]),
  /** Rows imported from this source (files and batches) in the last 30 days, and rows refused. */
  accepted30d: Type.Integer(),
  rejected30d: Type.Integer(),
  /** Nothing delivered for more than ten working days (the plan's deadline), counted from its registration at first. */
  overdue: Type.Boolean(),
  createdAt: Type.String(),
})
export type IntakeSource = Static<typeof IntakeSource>
export const IntakeSourceList = Type.Object({
  items: Type.Array(IntakeSource),
})

export const CreateSourceRequest = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 60 }),
  /** The authority's unified social credit code. */
  authorityUscc: Type.String({ minLength: 18, maxLength: 18 }),
}, { additionalProperties: false })

export const CreatedSource = Type.Object({
  source: IntakeSource,
  /** Shown once: only its hash is stored. */
  token: Type.String(),
})

// ── The machine interface ──────────────────────────────────────────────────────────────────────────────────────
/** One record: the standard's columns (v2 codes such as cf_wsh, or their Chinese names) with their values. */
const BatchRecord = Type.Record(Type.String({ maxLength: 100 }), Type.Union([
  Type.String({ maxLength: 8000 }),
  Type.Number(),
  Type.Null(),
]), { maxProperties: 200 })

/**
 * A batch as JSON, or as NDJSON (`content-type: application/x-ndjson`, one record a line, the batch key in the
 * `Idempotency-Key` header): both are read into this shape and checked by it.
 */
export const IntakeBatch = Type.Object({
  /** The source's own key for this delivery: the same key again answers as the first time and changes nothing. */
  batchKey: Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\w.:-]+$' }),
  records: Type.Array(BatchRecord, { minItems: 1, maxItems: 5000 }),
})

export const IntakeRowResult = Type.Object({
  /** The record's place in the batch, from 1. */
  rowNo: Type.Integer(),
  action: Type.Enum(ROW_ACTIONS),
  rejections: Type.Array(Type.Omit(IntakeRejection, ['rowNo'])),
})

export const IntakeBatchResult = Type.Object({
  importId: Type.Integer(),
  /** True when this batch key was delivered before: the first answer, nothing changed now. */
  replayed: Type.Boolean(),
  counts: IntakeCounts,
  rows: Type.Array(IntakeRowResult),
})
