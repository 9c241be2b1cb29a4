import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Objections (异议申诉) and, later, credit repair (信用修复) as cases: one row per case with a snapshot of the record
// as it stood when the case was filed, a timeline the applicant sees, and attachments kept outside the web root.
// A record under an open objection carries a flag every view reads (异议处理中). A grant lets the person who just
// proved who they are (a report, a certificate or a case lookup) file or add to a case for a short while, keyed by
// the hash of the challenge token they already hold; lookup challenges say which case they open.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE credit_records ADD COLUMN under_objection integer NOT NULL DEFAULT 0 CHECK (under_objection IN (0, 1))`.execute(db)
  await sql`ALTER TABLE otp_challenges ADD COLUMN case_id integer`.execute(db)
  await sql`ALTER TABLE otp_challenges ADD COLUMN case_lookup integer NOT NULL DEFAULT 0 CHECK (case_lookup IN (0, 1))`.execute(db)

  await db.schema.createTable('credit_cases')
    .addColumn('id', 'integer', col => col.primaryKey())
    .addColumn('number', 'text', col => col.notNull().unique())
    .addColumn('kind', 'text', col => col.notNull().check(sql`kind IN ('objection', 'repair')`))
    .addColumn('status', 'text', col => col.notNull().check(sql`status IN ('open', 'forwarded', 'moreDocuments', 'upheld', 'rejected', 'approved')`))
    // The record may be withdrawn by the decision itself (or corrected by a later import): the snapshot stays.
    .addColumn('record_id', 'integer', col => col.references('credit_records.id').onDelete('set null'))
    .addColumn('record', 'text', col => col.notNull())
    .addColumn('enterprise_id', 'integer', col => col.references('enterprises.id'))
    .addColumn('person_id', 'integer', col => col.references('persons.id'))
    .addColumn('subject_name', 'text', col => col.notNull())
    .addColumn('applicant_role', 'text', col => col.notNull().check(sql`applicant_role IN ('self', 'representative', 'agent')`))
    .addColumn('applicant_name_masked', 'text', col => col.notNull())
    .addColumn('applicant_id_hash', 'text')
    .addColumn('reason', 'text', col => col.check(sql`reason IS NULL OR reason IN ('wrongFacts', 'wrongSubject', 'noLongerPublic', 'other')`))
    .addColumn('text', 'text', col => col.notNull())
    .addColumn('channel', 'text', col => col.notNull())
    .addColumn('kiosk_id', 'integer', col => col.references('kiosks.id'))
    .addColumn('received_on', 'text', col => col.notNull())
    .addColumn('due_on', 'text', col => col.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'integer', col => col.references('users.id'))
    .addColumn('decision_note', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('is_demo', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .addCheckConstraint('case_subject', sql`(enterprise_id IS NULL) <> (person_id IS NULL)`)
    .execute()
  await db.schema.createIndex('credit_cases_status').on('credit_cases').columns(['status', 'due_on']).execute()
  await db.schema.createIndex('credit_cases_record').on('credit_cases').columns(['record_id', 'kind', 'status']).execute()

  await db.schema.createTable('case_events')
    .addColumn('id', 'integer', col => col.primaryKey())
    .addColumn('case_id', 'integer', col => col.notNull().references('credit_cases.id').onDelete('cascade'))
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('type', 'text', col => col.notNull())
    .addColumn('actor_id', 'integer', col => col.references('users.id'))
    // What the applicant is told (a reason, where it was forwarded); staff-only detail goes to the admin audit.
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute()

  await db.schema.createTable('case_files')
    .addColumn('id', 'integer', col => col.primaryKey())
    .addColumn('key', 'text', col => col.notNull().unique())
    // Unattached while the applicant is still writing: the grant it was uploaded under.
    .addColumn('grant_hash', 'text', col => col.notNull())
    .addColumn('case_id', 'integer', col => col.references('credit_cases.id').onDelete('cascade'))
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('content_type', 'text', col => col.notNull().check(sql`content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')`))
    .addColumn('bytes', 'integer', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .execute()
  await db.schema.createIndex('case_files_case').on('case_files').column('case_id').execute()
  await db.schema.createIndex('case_files_grant').on('case_files').column('grant_hash').execute()

  await db.schema.createTable('case_grants')
    .addColumn('id', 'integer', col => col.primaryKey())
    .addColumn('token_hash', 'text', col => col.notNull().unique())
    .addColumn('person_id', 'integer', col => col.references('persons.id'))
    .addColumn('enterprise_id', 'integer', col => col.references('enterprises.id'))
    .addColumn('case_id', 'integer', col => col.references('credit_cases.id').onDelete('cascade'))
    .addColumn('applicant_role', 'text', col => col.notNull())
    .addColumn('applicant_name_masked', 'text', col => col.notNull())
    .addColumn('applicant_id_hash', 'text')
    .addColumn('expires_at', 'text', col => col.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_grants').execute()
  await db.schema.dropTable('case_files').execute()
  await db.schema.dropTable('case_events').execute()
  await db.schema.dropTable('credit_cases').execute()
  await sql`ALTER TABLE otp_challenges DROP COLUMN case_lookup`.execute(db)
  await sql`ALTER TABLE otp_challenges DROP COLUMN case_id`.execute(db)
  await sql`ALTER TABLE credit_records DROP COLUMN under_objection`.execute(db)
}
