import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { engineOf } from '../engine'

// Firms found by one or two characters of their name (a trade name is often two: 知岚) without reading every name:
// every pair of adjacent characters of a name, and its last character alone, kept in an index table by triggers
// (triggers cannot use recursive queries: positions come from a table of the numbers 1 to 500). Three or more
// characters go to the trigram index (016).
const MAX_NAME = 500

const GRAMS_OF = (row: string) => `SELECT DISTINCT substr(${row}.name, p.n, 2), ${row}.id FROM name_positions p WHERE p.n <= length(${row}.name)`

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres')
    return upPostgres(db)
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

/** PostgreSQL: the same table (pairs compared byte-wise, COLLATE "C", for prefix ranges), kept by one trigger function. */
async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE enterprise_name_grams (
    gram text COLLATE "C" NOT NULL,
    enterprise_id integer NOT NULL,
    PRIMARY KEY (gram, enterprise_id)
  )`.execute(db)
  await sql`CREATE FUNCTION name_grams(name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT DISTINCT substr(name, n, 2) FROM generate_series(1, length(name)) AS n $$`.execute(db)
  await sql`INSERT INTO enterprise_name_grams (gram, enterprise_id) SELECT DISTINCT g, e.id FROM enterprises e, name_grams(e.name) AS g`.execute(db)
  await sql`CREATE FUNCTION enterprise_name_grams_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM enterprise_name_grams WHERE enterprise_id = OLD.id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO enterprise_name_grams (gram, enterprise_id) SELECT g, NEW.id FROM name_grams(NEW.name) AS g ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER enterprise_name_grams_sync AFTER INSERT OR DELETE OR UPDATE OF name ON enterprises
    FOR EACH ROW EXECUTE FUNCTION enterprise_name_grams_sync()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`DROP TRIGGER enterprise_name_grams_sync ON enterprises`.execute(db)
    await sql`DROP FUNCTION enterprise_name_grams_sync()`.execute(db)
    await sql`DROP FUNCTION name_grams(text)`.execute(db)
    await sql`DROP TABLE enterprise_name_grams`.execute(db)
    return
  }
  for (const event of ['insert', 'update', 'delete'])
    await sql.raw(`DROP TRIGGER enterprise_name_grams_${event}`).execute(db)
  await sql`DROP TABLE enterprise_name_grams`.execute(db)
  await sql`DROP TABLE name_positions`.execute(db)
}
