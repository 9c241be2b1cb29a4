// SQL for objections and credit repair: grants (who just proved who they are), attachments, cases with their
// timeline, the 异议处理中 flag on records, and the office's decisions with the record's change in the admin audit.
import type { Insertable } from 'kysely'
import type { DB } from '../db/database'
import type { CaseGrantTable, CreditCaseRow, CreditCaseTable, CreditRecordRow } from '../db/schema'
import type { CaseFilePurpose, CaseFileType, CaseKind, CaseStatus } from '../schemas/domain'
import { addDays } from '../lib/time'
import { OPEN_CASE_STATUSES } from '../schemas/domain'

/** Cases the office has to act on (a case waiting for the applicant's documents is not late). */
const WITH_THE_OFFICE = ['open', 'forwarded'] as const

export type NewCase = Omit<Insertable<CreditCaseTable>, 'id'>

/** A change the office makes to a case (and, for an upheld objection, to its record), in one transaction. */
export interface CaseChange {
  caseId: number
  /** The states the case may be in for the change to apply (someone else may have acted meanwhile). */
  from: readonly CaseStatus[]
  status: CaseStatus
  at: string
  today: string
  actorId: number
  event: { type: string, note: string | null }
  decided: boolean
  forwardedTo?: string
  /**
   * What happens to the record: withdrawn (deleted), corrected (these columns), repaired (publication ends today),
   * or only the open case's mark taken off.
   */
  record?: { action: 'withdraw' } | { action: 'correct', set: Partial<Pick<CreditRecordRow, 'title' | 'content' | 'facts'>> } | { action: 'repair' } | { action: 'release' }
}

export function createCaseRepository(db: DB) {
  return {
    async insertGrant(values: Omit<Insertable<CaseGrantTable>, 'id'>) {
      await db.insertInto('case_grants').values(values).onConflict(oc => oc.column('token_hash').doNothing()).execute()
    },

    /** Attachments never filed, uploaded before `before`: to be deleted with their files. */
    async staleLoose(before: string) {
      return db.selectFrom('case_files').select(['id', 'key', 'content_type']).where('case_id', 'is', null).where('created_at', '<', before).execute()
    },

    async deleteFiles(ids: readonly number[]) {
      if (ids.length > 0)
        await db.deleteFrom('case_files').where('id', 'in', ids).where('case_id', 'is', null).execute()
    },

    async deleteGrantsExpiredBefore(before: string) {
      await db.deleteFrom('case_grants').where('expires_at', '<', before).execute()
    },

    async grant(tokenHash: string, now: string) {
      return db.selectFrom('case_grants').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst()
    },

    async record(id: number) {
      return db.selectFrom('credit_records').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async openCaseFor(recordId: number, kind: CaseKind) {
      return db.selectFrom('credit_cases')
        .select(['id', 'number'])
        .where('record_id', '=', recordId)
        .where('kind', '=', kind)
        .where('status', 'in', OPEN_CASE_STATUSES)
        .executeTakeFirst()
    },

    async insertFile(values: { key: string, grantHash: string, name: string, contentType: CaseFileType, purpose: CaseFilePurpose, bytes: number, at: string, caseId?: number }) {
      await db.insertInto('case_files').values({
        purpose: values.purpose,
        key: values.key,
        grant_hash: values.grantHash,
        case_id: values.caseId ?? null,
        name: values.name,
        content_type: values.contentType,
        bytes: values.bytes,
        created_at: values.at,
      }).execute()
    },

    /** Files uploaded under a grant and not yet part of a case. */
    async loose(grantHash: string) {
      return db.selectFrom('case_files').selectAll().where('grant_hash', '=', grantHash).where('case_id', 'is', null).orderBy('id').execute()
    },

    async filesOf(caseId: number) {
      return db.selectFrom('case_files').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
    },

    async attachment(caseId: number, key: string) {
      return db.selectFrom('case_files').selectAll().where('case_id', '=', caseId).where('key', '=', key).executeTakeFirst()
    },

    async numberTaken(number: string): Promise<boolean> {
      return (await db.selectFrom('credit_cases').select('id').where('number', '=', number).executeTakeFirst()) !== undefined
    },

    /**
     * Files a case with its attachments and first event; an objection flags its record. Null when the record
     * already has an open case of this kind (checked inside the transaction, so two at once cannot both pass).
     */
    async fileCase(values: NewCase, fileKeys: readonly string[], grantHash: string): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        if (values.record_id !== null && values.record_id !== undefined) {
          const open = await trx.selectFrom('credit_cases').select('id').where('record_id', '=', values.record_id).where('kind', '=', values.kind).where('status', 'in', OPEN_CASE_STATUSES).executeTakeFirst()
          if (open)
            return null
        }
        const { id } = await trx.insertInto('credit_cases').values(values).returning('id').executeTakeFirstOrThrow()
        if (fileKeys.length > 0) {
          await trx.updateTable('case_files').set({ case_id: id }).where('key', 'in', fileKeys).where('grant_hash', '=', grantHash).where('case_id', 'is', null).execute()
        }
        await trx.insertInto('case_events').values({
          case_id: id,
          at: values.created_at,
          type: 'filed',
          actor_id: null,
          note: null,
        }).execute()
        if (values.record_id) {
          await trx.updateTable('credit_records').set(values.kind === 'objection'
            ? { under_objection: 1 }
            : { under_repair: 1 }).where('id', '=', values.record_id).execute()
        }
        return id
      })
    },

    async byNumber(number: string) {
      return db.selectFrom('credit_cases').selectAll().where('number', '=', number).executeTakeFirst()
    },

    async byId(id: number) {
      return db.selectFrom('credit_cases').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async events(caseId: number) {
      return db.selectFrom('case_events').select(['at', 'type', 'note']).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute()
    },

    async subjectCode(row: Pick<CreditCaseRow, 'enterprise_id'>): Promise<string | null> {
      if (row.enterprise_id === null)
        return null
      return (await db.selectFrom('enterprises').select('uscc').where('id', '=', row.enterprise_id).executeTakeFirst())?.uscc ?? null
    },

    async userName(id: number | null): Promise<string | null> {
      if (id === null)
        return null
      return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ?? null
    },

    /** The office's list: open (by deadline), overdue (deadline passed), or decided (latest first). */
    async list(state: 'open' | 'overdue' | 'decided' | undefined, kind: CaseKind | undefined, today: string) {
      let query = db.selectFrom('credit_cases').selectAll()
      if (kind)
        query = query.where('kind', '=', kind)
      if (state === 'decided') {
        query = query.where('status', 'not in', OPEN_CASE_STATUSES).orderBy('decided_on', 'desc')
      }
      else {
        query = query.where('status', 'in', OPEN_CASE_STATUSES)
        if (state === 'overdue')
          query = query.where('status', 'in', WITH_THE_OFFICE).where('due_on', '<', today)
        query = query.orderBy('due_on')
      }
      return query.orderBy('id', 'desc').limit(200).execute()
    },

    async openCounts(today: string) {
      const row = await db.selectFrom('credit_cases')
        .select(eb => [
          eb.fn.countAll<number>().as('open'),
          eb.fn.sum<number>(eb.case().when(eb.and([
            eb('due_on', '<', today),
            eb('status', 'in', WITH_THE_OFFICE),
          ])).then(1).else(0).end()).as('overdue'),
        ])
        .where('status', 'in', OPEN_CASE_STATUSES)
        .executeTakeFirstOrThrow()
      return {
        open: Number(row.open),
        overdue: Number(row.overdue ?? 0),
      }
    },

    /** Files added to a case that waits for them: it goes back to the office with a new deadline. False if it no longer waits. */
    async addDocuments(caseId: number, keys: readonly string[], grantHash: string, at: string, dueOn: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx.updateTable('credit_cases')
          .set({ status: 'open', due_on: dueOn, updated_at: at })
          .where('id', '=', caseId)
          .where('status', '=', 'moreDocuments')
          .executeTakeFirst()
        if (result.numUpdatedRows === 0n)
          return false
        await trx.updateTable('case_files').set({ case_id: caseId }).where('key', 'in', keys).where('grant_hash', '=', grantHash).where('case_id', 'is', null).execute()
        await trx.insertInto('case_events').values({
          case_id: caseId,
          at,
          type: 'documentsAdded',
          actor_id: null,
          note: null,
        }).execute()
        return true
      })
    },

    /** Applies a change; false when the case was no longer in one of the expected states. */
    async change(change: CaseChange): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('credit_cases').selectAll().where('id', '=', change.caseId).executeTakeFirst()
        if (!current || !change.from.includes(current.status))
          return false
        await trx.updateTable('credit_cases').set({
          status: change.status,
          updated_at: change.at,
          ...(change.decided
            ? { decided_on: change.today, decided_by: change.actorId, decision_note: change.event.note }
            : {}),
          ...(change.forwardedTo === undefined
            ? {}
            : { forwarded_to: change.forwardedTo }),
        }).where('id', '=', change.caseId).execute()
        await trx.insertInto('case_events').values({
          case_id: change.caseId,
          at: change.at,
          type: change.event.type,
          actor_id: change.actorId,
          note: change.event.note,
        }).execute()
        const recordId = current.record_id
        if (change.record && recordId !== null) {
          const before = await trx.selectFrom('credit_records').selectAll().where('id', '=', recordId).executeTakeFirst()
          if (before) {
            if (change.record.action === 'withdraw') {
              await trx.deleteFrom('credit_records').where('id', '=', recordId).execute()
            }
            else if (change.record.action === 'repair') {
              // Publication ends at once: public reads show penalties up to their public-until date.
              await trx.updateTable('credit_records').set({
                public_until: addDays(change.today, -1),
                repaired_on: change.today,
                under_repair: 0,
                updated_at: change.at,
              }).where('id', '=', recordId).execute()
            }
            else {
              await trx.updateTable('credit_records').set({
                ...(change.record.action === 'correct'
                  ? { ...change.record.set, updated_at: change.at }
                  : {}),
                // The open case's mark comes off (a rejected repair, or a decided objection).
                ...(current.kind === 'repair'
                  ? { under_repair: 0 }
                  : { under_objection: 0 }),
              }).where('id', '=', recordId).execute()
            }
            if (change.record.action !== 'release') {
              await trx.insertInto('admin_audit').values({
                at: change.at,
                actor_id: change.actorId,
                action: `record_${change.record.action === 'withdraw'
                  ? 'withdrawn'
                  : change.record.action === 'repair'
                    ? 'repaired'
                    : 'corrected'}`,
                target: `credit_record:${recordId}`,
                detail: JSON.stringify({
                  case: current.number,
                  before,
                  ...(change.record.action === 'correct'
                    ? { set: change.record.set }
                    : {}),
                }),
              }).execute()
            }
          }
        }
        await trx.insertInto('admin_audit').values({
          at: change.at,
          actor_id: change.actorId,
          action: `case_${change.event.type}`,
          target: `credit_case:${current.number}`,
          detail: change.event.note,
        }).execute()
        return true
      })
    },
  }
}
export type CaseRepository = ReturnType<typeof createCaseRepository>
