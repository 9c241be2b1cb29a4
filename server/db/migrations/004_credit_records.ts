import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Credit query: persons, credit records of enterprises and persons (双公示 licences and penalties, list entries,
// commitments, other facts), one-time code challenges, issued personal reports and the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('persons')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    // The ID number itself is never stored: a keyed hash (HMAC-SHA256 with the app secret) to find the
    // person, the masked form to show, and the birth date for age rules.
    .addColumn('id_hash', 'text', c => c.notNull().unique())
    .addColumn('id_masked', 'text', c => c.notNull())
    .addColumn('birth_date', 'text', c => c.notNull())
    .addColumn('phone', 'text', c => c.notNull().check(sql`length(phone) = 11`))
    .addColumn('street_id', 'integer', c => c.references('streets.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()

  await db.schema.createTable('credit_records')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('enterprise_id', 'integer', c => c.references('enterprises.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', c => c.references('persons.id').onDelete('cascade'))
    .addColumn('category', 'text', c => c.notNull().check(sql`category IN ('registration', 'qualification', 'supervision', 'judgment', 'enforcement', 'performance', 'management', 'welfare')`))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind IN ('licence', 'penalty', 'redList', 'dishonestyList', 'commitment', 'fact')`))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('content', 'text', c => c.notNull())
    .addColumn('authority', 'text', c => c.notNull())
    .addColumn('document_no', 'text')
    .addColumn('decided_on', 'text', c => c.notNull()) // decision, listing or signing date (YYYY-MM-DD)
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text') // licences: 2099-12-31 = 长期; lists: listed until (null = open-ended)
    .addColumn('licence_type', 'text', c => c.check(sql`licence_type IN ('ordinary', 'franchise', 'recognition', 'approval', 'registration', 'other')`))
    .addColumn('violation_type', 'text')
    .addColumn('facts', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('penalty_type', 'text')
    .addColumn('fine_yuan', 'real', c => c.check(sql`fine_yuan >= 0`))
    .addColumn('severity', 'text', c => c.check(sql`severity IN ('general', 'serious')`))
    .addColumn('public_until', 'text') // penalties: 公示截止期; after it the record is never returned
    .addColumn('created_at', 'text', c => c.notNull())
    .addCheckConstraint('credit_records_one_subject', sql`(enterprise_id IS NULL) <> (person_id IS NULL)`)
    .addCheckConstraint('credit_records_licence', sql`kind <> 'licence' OR (licence_type IS NOT NULL AND valid_from IS NOT NULL AND valid_to IS NOT NULL AND document_no IS NOT NULL)`)
    .addCheckConstraint('credit_records_penalty', sql`kind <> 'penalty' OR (public_until IS NOT NULL AND severity IS NOT NULL AND document_no IS NOT NULL AND violation_type IS NOT NULL AND facts IS NOT NULL AND legal_basis IS NOT NULL AND penalty_type IS NOT NULL)`)
    .addCheckConstraint('credit_records_list', sql`kind NOT IN ('redList', 'dishonestyList') OR severity IS NOT NULL`)
    .execute()
  await db.schema.createIndex('credit_records_enterprise_idx').on('credit_records').columns(['enterprise_id', 'kind']).execute()
  await db.schema.createIndex('credit_records_person_idx').on('credit_records').columns(['person_id', 'kind']).execute()

  // A one-time code sent for a personal report. Created for every well-formed request, whether or not the name
  // and ID number match a person (person_id null then, and no message is sent), so that answers look the same.
  await db.schema.createTable('otp_challenges')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('token_hash', 'text', c => c.notNull().unique()) // SHA-256 of the opaque token the client holds
    .addColumn('subject_hash', 'text', c => c.notNull()) // keyed hash of the ID number, for per-subject limits
    .addColumn('person_id', 'integer', c => c.references('persons.id').onDelete('cascade'))
    .addColumn('code_hash', 'text') // keyed hash of the 6-digit code; null when nothing was sent
    .addColumn('channel', 'text', c => c.notNull().check(sql`channel IN ('app', 'kiosk')`))
    .addColumn('kiosk_id', 'integer')
    .addColumn('client_key', 'text', c => c.notNull()) // keyed hash of the client address (or the kiosk)
    .addColumn('sent_at', 'text', c => c.notNull())
    .addColumn('expires_at', 'text', c => c.notNull())
    .addColumn('sends', 'integer', c => c.notNull().defaultTo(1))
    .addColumn('attempts', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('state', 'text', c => c.notNull().defaultTo('open').check(sql`state IN ('open', 'used', 'locked')`))
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('otp_challenges_subject_idx').on('otp_challenges').columns(['subject_hash', 'created_at']).execute()
  await db.schema.createIndex('otp_challenges_client_idx').on('otp_challenges').columns(['client_key', 'created_at']).execute()

  await db.schema.createTable('credit_reports')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('number', 'text', c => c.notNull().unique()) // e.g. CN-20261129-7KQ4M2XT
    .addColumn('verification_hash', 'text', c => c.notNull()) // keyed hash of the verification code
    .addColumn('person_id', 'integer', c => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('name_masked', 'text', c => c.notNull())
    .addColumn('channel', 'text', c => c.notNull().check(sql`channel IN ('app', 'kiosk')`))
    .addColumn('kiosk_id', 'integer')
    .addColumn('issued_at', 'text', c => c.notNull())
    .addColumn('valid_until', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('credit_reports_person_idx').on('credit_reports').columns(['person_id', 'issued_at']).execute()

  // Append-only: every report issued and every failed or refused attempt.
  await db.schema.createTable('audit_log')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('at', 'text', c => c.notNull())
    .addColumn('event', 'text', c => c.notNull())
    .addColumn('channel', 'text', c => c.notNull().check(sql`channel IN ('app', 'kiosk')`))
    .addColumn('kiosk_id', 'integer')
    .addColumn('person_id', 'integer', c => c.references('persons.id').onDelete('set null'))
    .addColumn('subject_hash', 'text')
    .addColumn('client_key', 'text', c => c.notNull())
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('audit_log_event_idx').on('audit_log').columns(['event', 'client_key', 'at']).execute()
  await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['subject_hash', 'at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'credit_reports',
    'otp_challenges',
    'credit_records',
    'persons',
  ])
    await db.schema.dropTable(table).execute()
}
