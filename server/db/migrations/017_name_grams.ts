import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Firms found by one or two characters of their name (a trade name is often two: 知岚) without reading every name:
// every pair of adjacent characters of a name, and its last character alone, kept in an index table by triggers
// (triggers cannot use recursive queries: positions come from a table of the numbers 1 to 500). Three or more
// characters go to the trigram index (016).
const MAX_NAME = 500

const GRAMS_OF = (row: string) => `SELECT DISTINCT substr(${row}.name, p.n, 2), ${row}.id FROM name_positions p WHERE p.n <= length(${row}.name)`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE name_positions (n integer PRIMARY KEY)`.execute(db)
  await sql.raw(`WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${MAX_NAME}) INSERT INTO name_positions SELECT n FROM k`).execute(db)
  await sql`CREATE TABLE enterprise_name_grams (
    gram text NOT NULL,
    enterprise_id integer NOT NULL,
    PRIMARY KEY (gram, enterprise_id)
  ) WITHOUT ROWID`.execute(db)
  await sql.raw(`INSERT INTO enterprise_name_grams (gram, enterprise_id) SELECT DISTINCT substr(e.name, p.n, 2), e.id FROM enterprises e JOIN name_positions p ON p.n <= length(e.name)`).execute(db)
  await sql.raw(`CREATE TRIGGER enterprise_name_grams_insert AFTER INSERT ON enterprises BEGIN
    INSERT OR IGNORE INTO enterprise_name_grams (gram, enterprise_id) ${GRAMS_OF('new')};
  END`).execute(db)
  await sql.raw(`CREATE TRIGGER enterprise_name_grams_update AFTER UPDATE OF name ON enterprises BEGIN
    DELETE FROM enterprise_name_grams WHERE enterprise_id = old.id AND gram IN (SELECT substr(old.name, p.n, 2) FROM name_positions p WHERE p.n <= length(old.name));
    INSERT OR IGNORE INTO enterprise_name_grams (gram, enterprise_id) ${GRAMS_OF('new')};
  END`).execute(db)
  await sql.raw(`CREATE TRIGGER enterprise_name_grams_delete AFTER DELETE ON enterprises BEGIN
    DELETE FROM enterprise_name_grams WHERE enterprise_id = old.id AND gram IN (SELECT substr(old.name, p.n, 2) FROM name_positions p WHERE p.n <= length(old.name));
  END`).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update', 'delete'])
    await sql.raw(`DROP TRIGGER enterprise_name_grams_${event}`).execute(db)
  await sql`DROP TABLE enterprise_name_grams`.execute(db)
  await sql`DROP TABLE name_positions`.execute(db)
}
