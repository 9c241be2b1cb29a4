import type { Kysely } from 'kysely'
import type { SearchedTable } from '../engine'
import { sql } from 'kysely'
import { engineOf } from '../engine'
import { SEARCH_TEXT } from '../postgres-sql'

// Text search by index instead of scanning every row: an FTS5 table with the trigram tokenizer (it finds any
// substring of three or more characters, Chinese included, without a word segmenter) beside each searched table,
// kept in step by triggers. Each holds its own copy of the searched columns (a benefit's tags as plain words, not
// JSON). On PostgreSQL, pg_trgm indexes instead (upPostgres). Queries of one or two characters, which trigrams cannot answer, still scan (repositories/search.ts).
interface Index {
  table: SearchedTable
  columns: readonly string[]
  /** How each column's value is read from a row (`new.` or `old.` prefix added). */
  values: readonly string[]
}

const INDEXES: readonly Index[] = [
  {
    table: 'enterprises',
    columns: ['name'],
    values: ['name'],
  },
  {
    table: 'benefits',
    columns: ['title', 'summary', 'provider', 'tags'],
    values: [
      'title',
      'summary',
      'provider',
      `(SELECT group_concat(value, ' ') FROM json_each(#.tags))`,
    ],
  },
  {
    table: 'articles',
    columns: ['title', 'summary', 'body'],
    values: ['title', 'summary', 'body'],
  },
  {
    table: 'activities',
    columns: ['title', 'summary', 'place'],
    values: ['title', 'summary', 'place'],
  },
]

function valuesOf(index: Index, row: string): string {
  return index.values.map(v => v.includes('#.')
    ? v.replaceAll('#.', `${row}.`)
    : `${row}.${v}`).join(', ')
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres')
    return upPostgres(db)
  for (const index of INDEXES) {
    const fts = `${index.table}_fts`
    const columns = index.columns.join(', ')
    await sql.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(${columns}, tokenize = 'trigram')`).execute(db)
    await sql.raw(`INSERT INTO ${fts} (rowid, ${columns}) SELECT id, ${valuesOf(index, index.table)} FROM ${index.table}`).execute(db)
    await sql.raw(`CREATE TRIGGER ${fts}_insert AFTER INSERT ON ${index.table} BEGIN
      INSERT INTO ${fts} (rowid, ${columns}) VALUES (new.id, ${valuesOf(index, 'new')});
    END`).execute(db)
    await sql.raw(`CREATE TRIGGER ${fts}_update AFTER UPDATE OF ${columns} ON ${index.table} BEGIN
      DELETE FROM ${fts} WHERE rowid = old.id;
      INSERT INTO ${fts} (rowid, ${columns}) VALUES (new.id, ${valuesOf(index, 'new')});
    END`).execute(db)
    await sql.raw(`CREATE TRIGGER ${fts}_delete AFTER DELETE ON ${index.table} BEGIN
      DELETE FROM ${fts} WHERE rowid = old.id;
    END`).execute(db)
  }
}

/**
 * PostgreSQL: pg_trgm GIN indexes on each table's searched texts as one expression (postgres-sql.ts SEARCH_TEXT, which
 * the queries repeat word for word so that the planner uses the index); no copies, no triggers.
 */
async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
  await sql`CREATE FUNCTION search_join(VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_string(parts, chr(1)) $$`.execute(db)
  await sql`CREATE FUNCTION json_words(list text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(string_agg(value, ' '), '') FROM json_array_elements_text(list::json) $$`.execute(db)
  for (const index of INDEXES)
    await sql.raw(`CREATE INDEX ${index.table}_search_idx ON ${index.table} USING gin ((${SEARCH_TEXT[index.table]}) gin_trgm_ops)`).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    for (const index of INDEXES)
      await sql.raw(`DROP INDEX ${index.table}_search_idx`).execute(db)
    await sql`DROP FUNCTION json_words(text)`.execute(db)
    await sql`DROP FUNCTION search_join(text[])`.execute(db)
    return
  }
  for (const index of INDEXES) {
    const fts = `${index.table}_fts`
    for (const event of ['insert', 'update', 'delete'])
      await sql.raw(`DROP TRIGGER ${fts}_${event}`).execute(db)
    await sql.raw(`DROP TABLE ${fts}`).execute(db)
  }
}
