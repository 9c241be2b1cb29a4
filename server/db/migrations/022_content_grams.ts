import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { engineOf } from '../engine'

// Benefits, articles and activities found by one or two characters (信用, 律师, 停车) without reading every row: as
// for firms' names (017), every pair of adjacent characters of each searched column, and each column's last
// character alone, kept in one index table by triggers, tagged with the table they come from. Three or more
// characters go to the trigram indexes (016). Pairs are compared as they are written (as the scan before them did).
// Each column's value is read as in 016; a benefit's tags are their words, not the JSON around them.

const GRAM_TABLES = ['benefits', 'articles', 'activities'] as const
type GramTable = typeof GRAM_TABLES[number]

/** The searched columns, each as an expression of the row (`#.` stands for `new.` or `old.`). */
const SQLITE_COLUMNS: Record<GramTable, readonly string[]> = {
  benefits: [
    '#.title',
    '#.summary',
    '#.provider',
    `(SELECT group_concat(value, ' ') FROM json_each(#.tags))`,
  ],
  articles: ['#.title', '#.summary', '#.body'],
  activities: ['#.title', '#.summary', '#.place'],
}
const POSTGRES_COLUMNS: Record<GramTable, readonly string[]> = {
  benefits: [
    '#.title',
    '#.summary',
    '#.provider',
    'json_words(#.tags)',
  ],
  articles: ['#.title', '#.summary', '#.body'],
  activities: ['#.title', '#.summary', '#.place'],
}
/** The longest searched text (an article's body, schemas/content.ts). */
const MAX_TEXT = 50_000

/** SQLite: the distinct pairs (`gram`) of a row's searched texts, from the table of positions (017, extended here). */
function sqlitePairs(table: GramTable, row: string): string {
  const texts = SQLITE_COLUMNS[table].map(c => `SELECT ${c.replaceAll('#.', `${row}.`)} AS v`).join(' UNION ALL ')
  return `SELECT DISTINCT substr(t.v, p.n, 2) AS gram FROM (${texts}) t JOIN name_positions p ON p.n <= length(t.v)`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres')
    return upPostgres(db)
  // The positions of names (1 to 500), doubled up to the longest text.
  for (;;) {
    const { rows } = await sql<{ n: number }>`SELECT max(n) AS n FROM name_positions`.execute(db)
    if ((rows[0]?.n ?? 0) >= MAX_TEXT)
      break
    await sql`INSERT INTO name_positions (n) SELECT n + (SELECT max(n) FROM name_positions) FROM name_positions`.execute(db)
  }
  await sql`CREATE TABLE content_grams (
    gram text NOT NULL,
    kind text NOT NULL,
    row_id integer NOT NULL,
    PRIMARY KEY (gram, kind, row_id)
  ) WITHOUT ROWID`.execute(db)
  for (const table of GRAM_TABLES) {
    const texts = SQLITE_COLUMNS[table].map(c => `SELECT id, ${c.replaceAll('#.', `${table}.`)} AS v FROM ${table}`).join(' UNION ALL ')
    await sql.raw(`INSERT OR IGNORE INTO content_grams (gram, kind, row_id)
      SELECT substr(t.v, p.n, 2), '${table}', t.id FROM (${texts}) t JOIN name_positions p ON p.n <= length(t.v)`).execute(db)
    const add = `INSERT OR IGNORE INTO content_grams (gram, kind, row_id) SELECT g.gram, '${table}', new.id FROM (${sqlitePairs(table, 'new')}) g;`
    const remove = `DELETE FROM content_grams WHERE kind = '${table}' AND row_id = old.id AND gram IN (${sqlitePairs(table, 'old')});`
    const columns = SQLITE_COLUMNS[table].map(c => c.match(/#\.(\w+)/)![1]).join(', ')
    await sql.raw(`CREATE TRIGGER ${table}_grams_insert AFTER INSERT ON ${table} BEGIN ${add} END`).execute(db)
    await sql.raw(`CREATE TRIGGER ${table}_grams_update AFTER UPDATE OF ${columns} ON ${table} BEGIN ${remove} ${add} END`).execute(db)
    await sql.raw(`CREATE TRIGGER ${table}_grams_delete AFTER DELETE ON ${table} BEGIN ${remove} END`).execute(db)
  }
}

/** PostgreSQL: the same table (pairs compared byte-wise, COLLATE "C", for prefix ranges), kept by one trigger function a table. */
async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE content_grams (
    gram text COLLATE "C" NOT NULL,
    kind text NOT NULL,
    row_id integer NOT NULL,
    PRIMARY KEY (gram, kind, row_id)
  )`.execute(db)
  await sql`CREATE INDEX content_grams_row_idx ON content_grams (kind, row_id)`.execute(db)
  for (const table of GRAM_TABLES) {
    const texts = (row: string) => `ARRAY[${POSTGRES_COLUMNS[table].map(c => c.replaceAll('#.', `${row}.`)).join(', ')}]`
    await sql.raw(`INSERT INTO content_grams (gram, kind, row_id)
      SELECT DISTINCT g, '${table}', r.id FROM ${table} r, unnest(${texts('r')}) AS t(v), name_grams(t.v) AS g
      ON CONFLICT DO NOTHING`).execute(db)
    await sql.raw(`CREATE FUNCTION ${table}_grams_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          DELETE FROM content_grams WHERE kind = '${table}' AND row_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO content_grams (gram, kind, row_id)
            SELECT DISTINCT g, '${table}', NEW.id FROM unnest(${texts('NEW')}) AS t(v), name_grams(t.v) AS g
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`).execute(db)
    const columns = POSTGRES_COLUMNS[table].map(c => c.match(/#\.(\w+)/)![1]).join(', ')
    await sql.raw(`CREATE TRIGGER ${table}_grams_sync AFTER INSERT OR DELETE OR UPDATE OF ${columns} ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_grams_sync()`).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    for (const table of GRAM_TABLES) {
      await sql.raw(`DROP TRIGGER ${table}_grams_sync ON ${table}`).execute(db)
      await sql.raw(`DROP FUNCTION ${table}_grams_sync()`).execute(db)
    }
    await sql`DROP TABLE content_grams`.execute(db)
    return
  }
  for (const table of GRAM_TABLES) {
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`DROP TRIGGER ${table}_grams_${event}`).execute(db)
  }
  await sql`DROP TABLE content_grams`.execute(db)
  await sql`DELETE FROM name_positions WHERE n > 500`.execute(db)
}
