import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// The firm's own credit certificate (市场主体专用信用报告): a firm's representative or agent asks for it with the
// one-time code sent to the phone the firm has on file. Challenges now say what they are for (a personal report or
// a firm's certificate) and, for a firm, which one; issued certificates are kept for the authenticity check and
// the office's statistics, with the applicant's ID number only as a keyed hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE enterprises ADD COLUMN contact_phone text CHECK (contact_phone IS NULL OR length(contact_phone) = 11)`.execute(db)
  await sql`ALTER TABLE otp_challenges ADD COLUMN purpose text NOT NULL DEFAULT 'personal' CHECK (purpose IN ('personal', 'firm'))`.execute(db)
  await sql`ALTER TABLE otp_challenges ADD COLUMN enterprise_id integer REFERENCES enterprises (id)`.execute(db)
  // Who asks for a firm's certificate (JSON: role, name as typed, keyed hash of the ID number), until it is issued.
  await sql`ALTER TABLE otp_challenges ADD COLUMN applicant text`.execute(db)
  await db.schema.createTable('firm_certificates')
    .addColumn('id', 'integer', col => col.primaryKey())
    .addColumn('number', 'text', col => col.notNull().unique())
    .addColumn('verification_hash', 'text', col => col.notNull())
    .addColumn('enterprise_id', 'integer', col => col.notNull().references('enterprises.id'))
    .addColumn('firm_name', 'text', col => col.notNull())
    .addColumn('applicant_role', 'text', col => col.notNull().check(sql`applicant_role IN ('representative', 'agent')`))
    .addColumn('applicant_name_masked', 'text', col => col.notNull())
    .addColumn('applicant_id_hash', 'text', col => col.notNull())
    .addColumn('period_from', 'text', col => col.notNull())
    .addColumn('period_to', 'text', col => col.notNull())
    .addColumn('result', 'text', col => col.notNull().check(sql`result IN ('clean', 'records')`))
    .addColumn('channel', 'text', col => col.notNull())
    .addColumn('kiosk_id', 'integer', col => col.references('kiosks.id'))
    .addColumn('issued_at', 'text', col => col.notNull())
    .addColumn('valid_until', 'text', col => col.notNull())
    .execute()
  await db.schema.createIndex('firm_certificates_enterprise').on('firm_certificates').columns(['enterprise_id', 'issued_at']).execute()
  await db.schema.createIndex('firm_certificates_issued').on('firm_certificates').column('issued_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('firm_certificates').execute()
  await sql`ALTER TABLE otp_challenges DROP COLUMN applicant`.execute(db)
  await sql`ALTER TABLE otp_challenges DROP COLUMN enterprise_id`.execute(db)
  await sql`ALTER TABLE otp_challenges DROP COLUMN purpose`.execute(db)
  await sql`ALTER TABLE enterprises DROP COLUMN contact_phone`.execute(db)
}
