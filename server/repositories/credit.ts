// Credit records of enterprises and persons, as published today: penalties past their public-until date and list
// entries that have ended are never read out of the database.
import type { DB } from '../db/database'
import type { CreditRecordRow } from '../db/schema'
import type { Commitment, CreditRecords, ListEntry, Penalty } from '../schemas/credit'
import type { Severity } from '../schemas/domain'
import { addMonths } from '../lib/time'
import { RECORD_CATEGORIES } from '../schemas/domain'

/** Licences valid "for the long term" are stored with this end date (the 双公示 convention). */
export const LONG_TERM = '2099-12-31'

/** When credit repair may be asked for: after the minimum publicity period of the penalty's severity. */
export function repairFrom(decidedOn: string, severity: Severity): string {
  return addMonths(decidedOn, severity === 'serious'
    ? 12
    : 3)
}

/** How long a penalty stays public from its decision (maximum publicity period). */
export function publicUntil(decidedOn: string, severity: Severity): string {
  return addMonths(decidedOn, severity === 'serious'
    ? 36
    : 12)
}

export type Subject = { enterpriseId: number } | { personId: number }

function required<T>(value: T | null, what: string, id: number): T {
  if (value === null)
    throw new Error(`credit record ${id} has no ${what}`)
  return value
}

export function toListEntry(r: CreditRecordRow, list: ListEntry['list']): ListEntry {
  return {
    id: r.id,
    category: r.category,
    list,
    name: r.title,
    reason: r.content,
    severity: r.severity ?? 'general',
    listedOn: r.decided_on,
    until: r.valid_to,
    authority: r.authority,
    underObjection: r.under_objection === 1,
  }
}

export function toPenalty(r: CreditRecordRow): Penalty {
  const severity = required(r.severity, 'severity', r.id)
  return {
    id: r.id,
    category: r.category,
    documentNo: required(r.document_no, 'document_no', r.id),
    violationType: required(r.violation_type, 'violation_type', r.id),
    facts: required(r.facts, 'facts', r.id),
    legalBasis: required(r.legal_basis, 'legal_basis', r.id),
    penaltyType: required(r.penalty_type, 'penalty_type', r.id),
    content: r.content,
    fineYuan: r.fine_yuan,
    severity,
    decidedOn: r.decided_on,
    publicUntil: required(r.public_until, 'public_until', r.id),
    repairFrom: repairFrom(r.decided_on, severity),
    underRepair: r.under_repair === 1,
    authority: r.authority,
    underObjection: r.under_objection === 1,
  }
}

export function toCommitment(r: CreditRecordRow): Commitment {
  return {
    id: r.id,
    category: r.category,
    title: r.title,
    content: r.content,
    signedOn: r.decided_on,
    authority: r.authority,
    underObjection: r.under_objection === 1,
  }
}

/** Groups rows into the published shape, with a count for each of the eight categories. */
export function toCreditRecords(rows: CreditRecordRow[], today: string): CreditRecords {
  const records: CreditRecords = {
    counts: [],
    licences: [],
    penalties: [],
    redList: [],
    dishonestyList: [],
    commitments: [],
    facts: [],
  }
  for (const r of rows) {
    switch (r.kind) {
      case 'licence': {
        const validTo = required(r.valid_to, 'valid_to', r.id)
        records.licences.push({
          id: r.id,
          category: r.category,
          title: r.title,
          documentNo: required(r.document_no, 'document_no', r.id),
          licenceType: required(r.licence_type, 'licence_type', r.id),
          content: r.content,
          decidedOn: r.decided_on,
          validFrom: required(r.valid_from, 'valid_from', r.id),
          validTo: validTo === LONG_TERM
            ? null
            : validTo,
          current: validTo >= today,
          authority: r.authority,
          underObjection: r.under_objection === 1,
        })
        break
      }
      case 'penalty':
        records.penalties.push(toPenalty(r))
        break
      case 'redList':
        records.redList.push(toListEntry(r, 'red'))
        break
      case 'dishonestyList':
        records.dishonestyList.push(toListEntry(r, 'dishonesty'))
        break
      case 'commitment':
        records.commitments.push(toCommitment(r))
        break
      case 'fact':
        records.facts.push({
          id: r.id,
          category: r.category,
          title: r.title,
          content: r.content,
          documentNo: r.document_no,
          decidedOn: r.decided_on,
          authority: r.authority,
          underObjection: r.under_objection === 1,
        })
        break
    }
  }
  records.counts = RECORD_CATEGORIES.map(category => ({
    category,
    count: rows.filter(r => r.category === category).length,
  }))
  return records
}

export function createCreditRepository(db: DB) {
  return {
    /** The records of one subject that are public on `today` (a Shanghai date), newest first. */
    async recordsOf(subject: Subject, today: string): Promise<CreditRecords> {
      const rows = await db.selectFrom('credit_records')
        .selectAll()
        .where(eb => 'enterpriseId' in subject
          ? eb('enterprise_id', '=', subject.enterpriseId)
          : eb('person_id', '=', subject.personId))
        .where('decided_on', '<=', today)
        .where(eb => eb.or([
          eb('kind', 'not in', ['penalty', 'redList', 'dishonestyList']),
          eb.and([
            eb('kind', '=', 'penalty'),
            eb('public_until', '>=', today),
          ]),
          eb.and([
            eb('kind', 'in', ['redList', 'dishonestyList']),
            eb.or([
              eb('valid_to', 'is', null),
              eb('valid_to', '>=', today),
            ]),
          ]),
        ]))
        .orderBy('decided_on', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return toCreditRecords(rows, today)
    },
  }
}
export type CreditRepository = ReturnType<typeof createCreditRepository>
