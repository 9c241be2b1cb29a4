// SQL for the personal report and the one-time codes: persons found by keyed hash, challenges (for a person or a
// firm), issued reports, the audit log.
import type { Kysely } from 'kysely'
import type { DB } from '../db/database'
import type { AuditEvent, Database } from '../db/schema'
import type { RequestOrigin } from '../domain/origin'
import { engineSql } from '../db/engine'

function personalQueries(db: Kysely<Database>) {
  const person = () => db.selectFrom('persons')
    .leftJoin('streets', 'streets.id', 'persons.street_id')
    .select([
      'persons.id',
      'persons.name',
      'persons.id_masked',
      'persons.birth_date',
      'persons.phone',
      'persons.street_id',
      'persons.is_demo',
      'streets.name as street_name',
    ])

  return {
    async personByIdHash(idHash: string) {
      return person().where('persons.id_hash', '=', idHash).executeTakeFirst()
    },

    async personById(id: number) {
      return person().where('persons.id', '=', id).executeTakeFirst()
    },

    /** A case's number and the phone on file of its subject (the person, or the firm), where its lookup codes go. */
    async caseContact(caseId: number) {
      return db.selectFrom('credit_cases')
        .leftJoin('persons', 'persons.id', 'credit_cases.person_id')
        .leftJoin('enterprises', 'enterprises.id', 'credit_cases.enterprise_id')
        .select(eb => [
          'credit_cases.number',
          eb.fn.coalesce('persons.phone', 'enterprises.contact_phone').as('phone'),
        ])
        .where('credit_cases.id', '=', caseId)
        .executeTakeFirst()
    },

    /** A firm's name and the phone it has on file for its one-time codes. */
    async enterpriseContact(id: number) {
      return db.selectFrom('enterprises').select(['name', 'contact_phone']).where('id', '=', id).executeTakeFirst()
    },

    /**
     * Code requests (first sends and resends, whether or not the pair is on file) for one subject since a time,
     * counted from the audit log at the moment each happened.
     */
    async sendsForSubject(subjectHash: string, since: string): Promise<number> {
      const row = await db.selectFrom('audit_log')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('subject_hash', '=', subjectHash)
        .where('event', 'in', ['code_sent', 'code_resent', 'subject_unknown'])
        .where('at', '>=', since)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async challengesForClient(clientKey: string, since: string): Promise<number> {
      const row = await db.selectFrom('otp_challenges')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('client_key', '=', clientKey)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async auditCount(events: AuditEvent[], clientKey: string, since: string): Promise<number> {
      const row = await db.selectFrom('audit_log')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('event', 'in', events)
        .where('client_key', '=', clientKey)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async createChallenge(values: {
      tokenHash: string
      subjectHash: string
      personId: number | null
      enterpriseId: number | null
      purpose: 'personal' | 'firm'
      applicant?: string | null
      /** A case lookup: the case (null when the number is not on file: the code goes nowhere). */
      caseLookup?: { caseId: number | null }
      codeHash: string | null
      origin: RequestOrigin
      at: string
      expiresAt: string
    }) {
      await db.insertInto('otp_challenges').values({
        token_hash: values.tokenHash,
        subject_hash: values.subjectHash,
        person_id: values.personId,
        enterprise_id: values.enterpriseId,
        purpose: values.purpose,
        applicant: values.applicant ?? null,
        case_lookup: values.caseLookup ? 1 : 0,
        case_id: values.caseLookup?.caseId ?? null,
        code_hash: values.codeHash,
        channel: values.origin.channel,
        kiosk_id: values.origin.kioskId,
        client_key: values.origin.clientKey,
        sent_at: values.at,
        expires_at: values.expiresAt,
        created_at: values.at,
      }).execute()
    },

    async challengeByTokenHash(tokenHash: string) {
      return db.selectFrom('otp_challenges').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
    },

    /** A new code for an open challenge; attempts start again. */
    async resendChallenge(id: number, codeHash: string | null, at: string, expiresAt: string): Promise<boolean> {
      const result = await db.updateTable('otp_challenges')
        .set(eb => ({
          code_hash: codeHash,
          sent_at: at,
          expires_at: expiresAt,
          attempts: 0,
          sends: eb('sends', '+', 1),
        }))
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    /** Counts one wrong code atomically and locks the challenge at the limit; returns the attempts made, or null if it was not open. */
    async recordFailedAttempt(id: number, maxAttempts: number): Promise<number | null> {
      const row = await db.updateTable('otp_challenges')
        .set(eb => ({
          attempts: eb('attempts', '+', 1),
          state: eb.case().when('attempts', '>=', maxAttempts - 1).then(eb.val<'locked' | 'open'>('locked')).else(eb.val<'locked' | 'open'>('open')).end(),
        }))
        .where('id', '=', id)
        .where('state', '=', 'open')
        .returning('attempts')
        .executeTakeFirst()
      return row?.attempts ?? null
    },

    /** Uses the challenge up (and forgets who asked for a firm's certificate); false if another request already did. */
    async consumeChallenge(id: number): Promise<boolean> {
      const result = await db.updateTable('otp_challenges')
        .set({ state: 'used', applicant: null })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async insertReport(values: {
      number: string
      verificationHash: string
      personId: number
      nameMasked: string
      origin: RequestOrigin
      issuedAt: string
      validUntil: string
    }) {
      await db.insertInto('credit_reports').values({
        number: values.number,
        verification_hash: values.verificationHash,
        person_id: values.personId,
        name_masked: values.nameMasked,
        channel: values.origin.channel,
        kiosk_id: values.origin.kioskId,
        issued_at: values.issuedAt,
        valid_until: values.validUntil,
      }).execute()
    },

    async reportByNumber(number: string) {
      return db.selectFrom('credit_reports').selectAll().where('number', '=', number).executeTakeFirst()
    },

    async reportHistory(personId: number, limit = 20) {
      return db.selectFrom('credit_reports')
        .select(['issued_at', 'channel', 'kiosk_id'])
        .where('person_id', '=', personId)
        .orderBy('issued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
    },

    async audit(event: AuditEvent, origin: RequestOrigin, at: string, subject: { personId?: number | null, subjectHash?: string | null } = {}, detail?: string | null) {
      await db.insertInto('audit_log').values({
        at,
        event,
        channel: origin.channel,
        kiosk_id: origin.kioskId,
        person_id: subject.personId ?? null,
        subject_hash: subject.subjectHash ?? null,
        client_key: origin.clientKey,
        detail: detail ?? null,
      }).execute()
    },
  }
}
export type PersonalQueries = ReturnType<typeof personalQueries>

export function createPersonalRepository(db: DB) {
  return {
    ...personalQueries(db),

    /**
     * Runs `work` with these queries in one transaction that callers sharing any of `keys` enter one at a time, on
     * every node (engine.ts `serialize`): a limit counted inside sees every attempt that came before, however many
     * arrive at once. `work` must use only the queries it is given (on SQLite the one connection is its own until it
     * ends), and should return a refusal rather than throw one: a throw undoes what it wrote, the counted attempt too.
     */
    async inTurn<T>(keys: readonly string[], work: (queries: PersonalQueries) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        await engineSql(trx).serialize(trx, keys)
        return work(personalQueries(trx))
      })
    },
  }
}
export type PersonalRepository = ReturnType<typeof createPersonalRepository>
