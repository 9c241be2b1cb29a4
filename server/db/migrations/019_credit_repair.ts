import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Credit repair (信用修复): an approved repair ends a penalty's publication at once (its public-until date moves to
// the day before) and marks it repaired, so the firm's own certificate still lists it for its period as 已修复.
// While a repair application is open the penalty is marked (信用修复办理中). Attachments say what they prove (that the
// penalty was carried out, or the repair training); the credit commitment signed in the app is dated on the case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE credit_records ADD COLUMN repaired_on text`.execute(db)
  await sql`ALTER TABLE credit_records ADD COLUMN under_repair integer NOT NULL DEFAULT 0 CHECK (under_repair IN (0, 1))`.execute(db)
  await sql`ALTER TABLE case_files ADD COLUMN purpose text NOT NULL DEFAULT 'proof' CHECK (purpose IN ('proof', 'training'))`.execute(db)
  await sql`ALTER TABLE credit_cases ADD COLUMN commitment_signed_at text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE credit_cases DROP COLUMN commitment_signed_at`.execute(db)
  await sql`ALTER TABLE case_files DROP COLUMN purpose`.execute(db)
  await sql`ALTER TABLE credit_records DROP COLUMN under_repair`.execute(db)
  await sql`ALTER TABLE credit_records DROP COLUMN repaired_on`.execute(db)
}
