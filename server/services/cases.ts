// Objections (异议申诉) and credit repair (信用修复) as cases, end to end. The subject, who has just proved who they are
// with a one-time code (a personal report, a firm's certificate), objects to one of their records with a reason, a
// text and up to five attachments — the record is marked 异议处理中 wherever it is shown until the office decides
// within the deadline (uphold: the record is withdrawn or corrected, the change audited; reject with a reason; or
// forward it to the deciding authority) — or applies for repair of a published penalty past its minimum publication
// period (the signed commitment, proof, training for a serious one; approve: publication ends at once; reject; ask
// for more documents, added to the same case). The applicant follows the case with its tracking number and a code
// sent to the phone on file. Attachments never filed are deleted after a day, expired grants with them.
import type { Buffer } from 'node:buffer'
import type { Readable } from 'node:stream'
import type { Config } from '../config'
import type { CaseGrantRow, CreditCaseRow, CreditRecordRow } from '../db/schema'
import type { RequestOrigin } from '../domain/origin'
import type { MediaStore } from '../media/store'
import type { CaseChange, CaseRepository } from '../repositories/cases'
import type { CertificateRepository } from '../repositories/certificates'
import type { PersonalRepository } from '../repositories/personal'
import type { CaseDecision, CaseDocumentsRequest, CaseFile, CaseReceipt, CaseRecord, CaseView, ObjectionRequest, RepairRequest, StaffCase, StaffCaseList, StaffCaseQuery } from '../schemas/cases'
import type { Challenge } from '../schemas/credit'
import type { CaseApplicantRole, CaseKind, ObjectionReason } from '../schemas/domain'
import type { OneTimeCodes } from './one-time-codes'
import { Buffer as NodeBuffer } from 'node:buffer'
import { AppError } from '../errors'
import { randomDigits, randomToken, sha256 } from '../lib/crypto'
import { addWorkingDays, todayInShanghai, workingDaysLeft } from '../lib/time'
import { caseFileName, storeCaseFile } from '../media/case-files'
import { UploadError } from '../media/upload'
import { repairFrom } from '../repositories/credit'
import { CASE_FILES, CASE_WORKING_DAYS } from '../schemas/domain'
import { HOUR } from './one-time-codes'
import { normalizeName } from './personal-report'

/** How long after proving who they are the applicant may file a case or add to it. */
export const GRANT_MINUTES = 30

/** Who proved who they are, and about which subject: a person themself, or a firm's representative or agent. */
export type Verified
  = | { personId: number, nameMasked: string }
    | { enterpriseId: number, role: Exclude<CaseApplicantRole, 'self'>, nameMasked: string, idHash: string }

export interface CaseDeps {
  config: Config
  codes: OneTimeCodes
  cases: CaseRepository
  personal: PersonalRepository
  certificates: CertificateRepository
  /** Where attachments are stored. */
  store: MediaStore
  /** Called when public answers may have changed (a record now shows 异议处理中). */
  onPublicChange: () => void
}

const UPLOAD_ERRORS = {
  'type': { status: 415, code: 'ATTACHMENT_TYPE' },
  'corrupt': { status: 400, code: 'IMAGE_UNREADABLE' },
  'too-large': { status: 413, code: 'IMAGE_TOO_LARGE' },
} as const

/** Reads an upload as it arrives, refusing it as soon as it passes the limit. */
async function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += (chunk as Buffer).length
    if (size > limit) {
      stream.destroy()
      throw new AppError(413, 'ATTACHMENT_TOO_LARGE')
    }
    chunks.push(chunk as Buffer)
  }
  return NodeBuffer.concat(chunks)
}

/** A file name as shown to the office: its last path part, without control characters, at most 80 characters. */
function cleanName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').split(/[/\\]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 80)
  return cleaned || fallback
}

export function recordSnapshot(r: CreditRecordRow): CaseRecord {
  return {
    kind: r.kind,
    category: r.category,
    title: r.kind === 'penalty' && r.violation_type
      ? r.violation_type
      : r.title,
    content: r.content,
    facts: r.facts,
    documentNo: r.document_no,
    decidedOn: r.decided_on,
    authority: r.authority,
  }
}

function toFile(f: { key: string, name: string, content_type: CaseFile['type'], bytes: number, purpose: CaseFile['purpose'] }): CaseFile {
  return {
    key: f.key,
    name: f.name,
    purpose: f.purpose,
    type: f.content_type,
    bytes: f.bytes,
  }
}

type ChangeBase = Pick<CaseChange, 'caseId' | 'at' | 'today' | 'actorId'>

/** What a decision does to a case of this kind (and its record); null when the decision is not one for this kind. */
function changeFor(kind: CaseKind, decision: CaseDecision, base: ChangeBase): CaseChange | null {
  const reject = {
    ...base,
    status: 'rejected' as const,
    decided: true,
    event: { type: 'rejected', note: decision.note },
  }
  if (kind === 'objection') {
    const from = ['open', 'forwarded'] as const
    switch (decision.decision) {
      case 'uphold':
        return {
          ...base,
          from,
          status: 'upheld',
          decided: true,
          event: { type: 'upheld', note: decision.note },
          record: decision.outcome === 'withdraw'
            ? { action: 'withdraw' }
            : { action: 'correct', set: decision.correction },
        }
      case 'reject':
        return {
          ...reject,
          from,
          record: { action: 'release' },
        }
      case 'forward':
        return {
          ...base,
          from,
          status: 'forwarded',
          decided: false,
          forwardedTo: decision.forwardTo,
          event: { type: 'forwarded', note: decision.note },
        }
      default:
        return null
    }
  }
  const from = ['open'] as const
  switch (decision.decision) {
    case 'approve':
      return {
        ...base,
        from,
        status: 'approved',
        decided: true,
        event: { type: 'approved', note: decision.note },
        record: { action: 'repair' },
      }
    case 'moreDocuments':
      return {
        ...base,
        from,
        status: 'moreDocuments',
        decided: false,
        event: { type: 'moreDocuments', note: decision.note },
      }
    case 'reject':
      return {
        ...reject,
        from,
        record: { action: 'release' },
      }
    default:
      return null
  }
}

export function createCaseService({ config, codes, cases, personal, certificates, store, onPublicChange }: CaseDeps) {
  const iso = (d: Date) => d.toISOString()
  let sweptAt = 0

  /** At most hourly: attachments never filed and grants expired for a day are deleted (files first, then rows). */
  async function sweep(now: Date) {
    if (now.getTime() - sweptAt < HOUR)
      return
    sweptAt = now.getTime()
    const before = iso(new Date(now.getTime() - 24 * HOUR))
    const stale = await cases.staleLoose(before)
    await Promise.all(stale.map(f => store.remove(caseFileName(f.key, f.content_type)).catch(() => {})))
    await cases.deleteFiles(stale.map(f => f.id))
    await cases.deleteGrantsExpiredBefore(before)
  }

  async function requireGrant(token: string): Promise<CaseGrantRow> {
    const grant = await cases.grant(sha256(token), iso(config.clock()))
    if (!grant)
      throw new AppError(400, 'GRANT_EXPIRED')
    return grant
  }

  async function newNumber(today: string): Promise<string> {
    for (;;) {
      const number = `${today.replaceAll('-', '')}${randomDigits(8)}`
      if (!await cases.numberTaken(number))
        return number
    }
  }

  async function view(row: CreditCaseRow): Promise<CaseView> {
    return {
      number: row.number,
      kind: row.kind,
      status: row.status,
      isDemo: row.is_demo === 1,
      subjectName: row.subject_name,
      record: JSON.parse(row.record) as CaseRecord,
      reason: row.reason,
      text: row.text,
      receivedOn: row.received_on,
      dueOn: row.due_on,
      decidedOn: row.decided_on,
      decisionNote: row.decision_note,
      forwardedTo: row.forwarded_to,
      commitmentSignedAt: row.commitment_signed_at,
      files: (await cases.filesOf(row.id)).map(toFile),
      timeline: await cases.events(row.id),
    }
  }

  /** Working days the office has left; null once decided, or while the applicant is asked for documents. */
  function daysLeft(row: CreditCaseRow, today: string): number | null {
    return row.status === 'open' || row.status === 'forwarded'
      ? workingDaysLeft(today, row.due_on)
      : null
  }

  /** The grant of a report or certificate, and one of its subject's records; refused for anyone else's record. */
  async function subjectRecord(token: string, recordId: number): Promise<{ grant: CaseGrantRow, record: CreditRecordRow }> {
    const grant = await requireGrant(token)
    if (grant.case_id !== null)
      throw new AppError(400, 'GRANT_EXPIRED')
    const record = await cases.record(recordId)
    const mine = record !== undefined && (grant.person_id !== null
      ? record.person_id === grant.person_id
      : record.enterprise_id === grant.enterprise_id)
    if (!record || !mine)
      throw new AppError(403, 'RECORD_NOT_YOURS')
    return { grant, record }
  }

  async function fileCase(kind: CaseKind, grant: CaseGrantRow, record: CreditRecordRow, files: readonly string[], origin: RequestOrigin, what: { reason: ObjectionReason | null, text: string }): Promise<CaseReceipt> {
    if (await cases.openCaseFor(record.id, kind))
      throw new AppError(409, 'CASE_ALREADY_OPEN')
    const loose = new Set((await cases.loose(grant.token_hash)).map(f => f.key))
    if (files.some(key => !loose.has(key)))
      throw new AppError(400, 'ATTACHMENT_MISSING')

    const now = config.clock()
    const at = iso(now)
    const today = todayInShanghai(now)
    const subjectName = grant.person_id !== null
      ? grant.applicant_name_masked
      : (await personal.enterpriseContact(grant.enterprise_id!))?.name ?? ''
    const number = await newNumber(today)
    const dueOn = addWorkingDays(today, CASE_WORKING_DAYS[kind])
    const id = await cases.fileCase({
      number,
      kind,
      status: 'open',
      record_id: record.id,
      record: JSON.stringify(recordSnapshot(record)),
      enterprise_id: grant.enterprise_id,
      person_id: grant.person_id,
      subject_name: subjectName,
      applicant_role: grant.applicant_role as CaseApplicantRole,
      applicant_name_masked: grant.applicant_name_masked,
      applicant_id_hash: grant.applicant_id_hash,
      reason: what.reason,
      text: what.text,
      channel: origin.channel,
      kiosk_id: origin.kioskId,
      received_on: today,
      due_on: dueOn,
      decided_on: null,
      decided_by: null,
      decision_note: null,
      forwarded_to: null,
      commitment_signed_at: kind === 'repair'
        ? at
        : null,
      created_at: at,
      updated_at: at,
    }, files, grant.token_hash)
    if (id === null)
      throw new AppError(409, 'CASE_ALREADY_OPEN')
    await personal.audit('case_filed', origin, at, { personId: grant.person_id }, number)
    onPublicChange()
    return {
      number,
      kind,
      receivedOn: today,
      dueOn,
    }
  }

  return {
    /** Lets whoever holds `token` (a used challenge) file cases about the verified subject for GRANT_MINUTES. */
    async grant(token: string, who: Verified, caseId: number | null = null): Promise<void> {
      const now = config.clock()
      await sweep(now)
      const expires = new Date(now.getTime() + GRANT_MINUTES * 60_000)
      await cases.insertGrant({
        token_hash: sha256(token),
        person_id: 'personId' in who
          ? who.personId
          : null,
        enterprise_id: 'enterpriseId' in who
          ? who.enterpriseId
          : null,
        case_id: caseId,
        applicant_role: 'personId' in who
          ? 'self'
          : who.role,
        applicant_name_masked: who.nameMasked,
        applicant_id_hash: 'idHash' in who
          ? who.idHash
          : null,
        expires_at: iso(expires),
      })
    },

    /** An attachment uploaded before the case is filed (or added to an open one), checked by its bytes. */
    async addFile(token: string, body: Readable, declaredBytes: number | undefined, name: string | undefined, purpose: CaseFile['purpose'] = 'proof'): Promise<CaseFile> {
      const grant = await requireGrant(token)
      if (declaredBytes !== undefined && declaredBytes > CASE_FILES.maxBytes) {
        body.resume()
        throw new AppError(413, 'ATTACHMENT_TOO_LARGE')
      }
      const loose = await cases.loose(grant.token_hash)
      if (loose.length >= CASE_FILES.uploadsPerGrant) {
        body.resume()
        throw new AppError(400, 'TOO_MANY_ATTACHMENTS')
      }
      const data = await readLimited(body, CASE_FILES.maxBytes)
      const key = randomToken().replace(/[^\w-]/g, '').slice(0, 32)
      let stored
      try {
        stored = await storeCaseFile(data, store, key)
      }
      catch (err) {
        if (err instanceof UploadError) {
          const { status, code } = UPLOAD_ERRORS[err.reason]
          throw new AppError(status, code)
        }
        throw err
      }
      const fileName = cleanName(name, `附件${loose.length + 1}`)
      await cases.insertFile({
        key,
        grantHash: grant.token_hash,
        name: fileName,
        contentType: stored.type,
        purpose,
        bytes: stored.bytes,
        at: iso(config.clock()),
      })
      return {
        key,
        name: fileName,
        purpose,
        type: stored.type,
        bytes: stored.bytes,
      }
    },

    async fileObjection(input: ObjectionRequest, origin: RequestOrigin): Promise<CaseReceipt> {
      const { grant, record } = await subjectRecord(input.grant, input.recordId)
      return fileCase('objection', grant, record, input.files, origin, { reason: input.reason, text: input.text })
    },

    /**
     * A repair application for a published penalty past its minimum publication period: the commitment signed with
     * the representative's (one's own) name, proof the penalty was carried out and, for a serious one, the training.
     */
    async fileRepair(input: RepairRequest, origin: RequestOrigin): Promise<CaseReceipt> {
      const { grant, record } = await subjectRecord(input.grant, input.recordId)
      const today = todayInShanghai(config.clock())
      if (record.kind !== 'penalty' || record.severity === null || record.public_until === null || record.public_until < today || record.repaired_on !== null)
        throw new AppError(400, 'REPAIR_NOT_POSSIBLE')
      if (repairFrom(record.decided_on, record.severity) > today)
        throw new AppError(400, 'REPAIR_TOO_EARLY')
      const signer = grant.person_id !== null
        ? (await personal.personById(grant.person_id))?.name
        : (await certificates.firmById(grant.enterprise_id!))?.legal_representative
      if (!signer || normalizeName(input.commitment.signature) !== normalizeName(signer))
        throw new AppError(400, 'SIGNATURE_MISMATCH')
      if (record.severity === 'serious') {
        const training = (await cases.loose(grant.token_hash)).filter(f => f.purpose === 'training').map(f => f.key)
        if (!input.files.some(key => training.includes(key)))
          throw new AppError(400, 'TRAINING_PROOF_REQUIRED')
      }
      return fileCase('repair', grant, record, input.files, origin, {
        reason: null,
        text: input.text.trim(),
      })
    },

    /** Documents the office asked for, added under the grant of the case's lookup; the case goes back to the office. */
    async addDocuments(input: CaseDocumentsRequest, origin: RequestOrigin): Promise<CaseView> {
      const grant = await requireGrant(input.grant)
      const row = grant.case_id === null
        ? undefined
        : await cases.byId(grant.case_id)
      if (!row)
        throw new AppError(400, 'GRANT_EXPIRED')
      const loose = new Set((await cases.loose(grant.token_hash)).map(f => f.key))
      if (input.files.some(key => !loose.has(key)))
        throw new AppError(400, 'ATTACHMENT_MISSING')
      if ((await cases.filesOf(row.id)).length + input.files.length > CASE_FILES.max * 2)
        throw new AppError(400, 'TOO_MANY_ATTACHMENTS')
      const now = config.clock()
      const dueOn = addWorkingDays(todayInShanghai(now), CASE_WORKING_DAYS[row.kind])
      if (!await cases.addDocuments(row.id, input.files, grant.token_hash, iso(now), dueOn))
        throw new AppError(409, 'CASE_STATE')
      await personal.audit('case_documents_added', origin, iso(now), { personId: row.person_id }, row.number)
      return view((await cases.byId(row.id))!)
    },

    /** A code for a case lookup goes to the phone on file of the case's subject; the same answer when there is none. */
    async requestLookup(numberInput: string, origin: RequestOrigin): Promise<Challenge> {
      const number = numberInput.replace(/\s/g, '')
      if (!/^\d{16}$/.test(number))
        throw new AppError(400, 'INVALID_CASE_NUMBER')
      const subjectHash = codes.hash('case', number)
      await codes.checkLimits(subjectHash, origin)
      const row = await cases.byNumber(number)
      const contact = row
        ? await personal.caseContact(row.id)
        : undefined
      return codes.create({
        purpose: row?.enterprise_id
          ? 'firm'
          : 'personal',
        subjectHash,
        personId: row?.person_id ?? null,
        enterpriseId: row?.enterprise_id ?? null,
        phone: contact?.phone ?? null,
        caseLookup: { caseId: row?.id ?? null, number },
      }, origin)
    },

    async resendLookup(token: string, origin: RequestOrigin): Promise<Challenge> {
      return codes.resend(token, origin)
    },

    /** The case behind a redeemed lookup code; the same token then lets the applicant add documents for a while. */
    async open(token: string, code: string, origin: RequestOrigin): Promise<CaseView> {
      const challenge = await codes.redeem(token, code, 'case', origin)
      const row = challenge.case_id === null
        ? undefined
        : await cases.byId(challenge.case_id)
      if (!row)
        throw new AppError(400, 'CHALLENGE_NOT_FOUND')
      await personal.audit('case_opened', origin, iso(config.clock()), { personId: row.person_id, subjectHash: challenge.subject_hash }, row.number)
      await this.grant(token, row.person_id !== null
        ? { personId: row.person_id, nameMasked: row.applicant_name_masked }
        : {
            enterpriseId: row.enterprise_id!,
            role: row.applicant_role === 'agent'
              ? 'agent'
              : 'representative',
            nameMasked: row.applicant_name_masked,
            idHash: row.applicant_id_hash ?? '',
          }, row.id)
      return view(row)
    },

    // ── The office ─────────────────────────────────────────────────────────────────────────────────────────────

    async list(query: StaffCaseQuery): Promise<StaffCaseList> {
      const today = todayInShanghai(config.clock())
      const rows = await cases.list(query.state, query.kind, today)
      return {
        items: rows.map(row => ({
          id: row.id,
          number: row.number,
          kind: row.kind,
          status: row.status,
          isDemo: row.is_demo === 1,
          subjectName: row.subject_name,
          recordTitle: (JSON.parse(row.record) as CaseRecord).title,
          receivedOn: row.received_on,
          dueOn: row.due_on,
          daysLeft: daysLeft(row, today),
        })),
        counts: await cases.openCounts(today),
      }
    },

    async get(id: number): Promise<StaffCase> {
      const row = await cases.byId(id)
      if (!row)
        throw new AppError(404, 'NOT_FOUND')
      const today = todayInShanghai(config.clock())
      const now = row.record_id === null
        ? undefined
        : await cases.record(row.record_id)
      return {
        ...await view(row),
        id: row.id,
        daysLeft: daysLeft(row, today),
        channel: row.channel,
        applicant: { role: row.applicant_role, nameMasked: row.applicant_name_masked },
        recordId: now?.id ?? null,
        recordNow: now
          ? recordSnapshot(now)
          : null,
        subjectCode: await cases.subjectCode(row),
        decidedBy: await cases.userName(row.decided_by),
      }
    },

    async decide(id: number, decision: CaseDecision, actorId: number): Promise<StaffCase> {
      const row = await cases.byId(id)
      if (!row)
        throw new AppError(404, 'NOT_FOUND')
      const now = config.clock()
      const base = {
        caseId: id,
        at: iso(now),
        today: todayInShanghai(now),
        actorId,
      }
      const change = changeFor(row.kind, decision, base)
      if (!change || !await cases.change(change))
        throw new AppError(409, 'CASE_STATE')
      return this.get(id)
    },

    /** An attachment for the office, with the path it is stored at. */
    async attachment(id: number, key: string) {
      const file = await cases.attachment(id, key)
      if (!file)
        throw new AppError(404, 'NOT_FOUND')
      return file
    },
  }
}
export type CaseService = ReturnType<typeof createCaseService>
