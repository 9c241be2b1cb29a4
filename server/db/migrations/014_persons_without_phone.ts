import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { engineOf } from '../engine'

// A person may now be on file without a phone: 双公示 records about natural persons (自然人) name people the
// resident register does not hold yet. Their records are kept against the keyed hash of the ID number as before;
// with no phone on file no code can be sent, so such a person asks for a report at the hall, where a phone is
// registered. SQLite cannot drop NOT NULL in place: the table is rebuilt with foreign keys off (no other table's
// rows are touched: dropping a parent table with them on would delete or orphan its children), then checked.
const COLUMNS = sql.raw('id, key, name, id_hash, id_masked, birth_date, phone, street_id, created_at, is_demo')

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    // PostgreSQL changes the column in place.
    await sql`ALTER TABLE persons ALTER COLUMN phone DROP NOT NULL`.execute(db)
    return
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db)
  try {
    await sql`CREATE TABLE persons_new (
      id integer PRIMARY KEY,
      key text NOT NULL UNIQUE,
      name text NOT NULL,
      id_hash text NOT NULL UNIQUE,
      id_masked text NOT NULL,
      birth_date text NOT NULL,
      phone text CHECK (phone IS NULL OR length(phone) = 11),
      street_id integer REFERENCES streets (id),
      created_at text NOT NULL,
      is_demo integer NOT NULL DEFAULT 0
    )`.execute(db)
    await sql`INSERT INTO persons_new (${COLUMNS}) SELECT ${COLUMNS} FROM persons`.execute(db)
    await sql`DROP TABLE persons`.execute(db)
    await sql`ALTER TABLE persons_new RENAME TO persons`.execute(db)
    const broken = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db)
    if (broken.rows.length > 0)
      throw new Error(`persons rebuilt with ${broken.rows.length} broken references`)
  }
  finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('014_persons_without_phone cannot be undone: persons added without a phone would not fit')
}
