// PostgreSQL's words for what differs between the engines (see engine.ts). Text search goes through pg_trgm GIN
// indexes on the expressions below (migration 016 creates them from the same strings, so a query's expression is the
// indexed one), case-insensitive like SQLite's FTS5 trigram tokenizer.
import type { RawBuilder } from 'kysely'
import type { EngineSql, SearchedTable } from './engine'
import { sql } from 'kysely'

/**
 * Each searched table's texts as one string, columns joined by U+0001 (a character typed text never holds, so no
 * match spans two columns); a benefit's tags as their words, not their JSON. Functions from migration 016.
 */
export const SEARCH_TEXT: Record<SearchedTable, string> = {
  enterprises: 'name',
  benefits: 'search_join(VARIADIC ARRAY[title, summary, provider, json_words(tags)])',
  articles: 'search_join(VARIADIC ARRAY[title, summary, body])',
  activities: 'search_join(VARIADIC ARRAY[title, summary, place])',
}

/** A LIKE pattern that matches `text` anywhere, its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`
}

// Unqualified columns in the subquery are its own table's, as in the index's expression.
function matches(table: SearchedTable, text: string) {
  return sql`SELECT id FROM ${sql.table(table)} WHERE ${sql.raw(SEARCH_TEXT[table])} ILIKE ${containsPattern(text)}`
}
function fold(value: RawBuilder<unknown> | ReturnType<typeof sql.ref>, folded: boolean) {
  return folded
    ? sql`lower(${value})`
    : value
}

export const postgresSql: EngineSql = {
  engine: 'postgres',
  contains: (column, text, folded = false) => sql`strpos(${fold(sql.ref(column), folded)}, ${fold(sql`${text}::text`, folded)}) > 0`,
  indexedContains: (table, text) => sql`${sql.ref(`${table}.id`)} IN (${matches(table, text)})`,
  indexedMatches: matches,
  jsonArrayContains: (column, text, folded = false) =>
    sql`EXISTS (SELECT 1 FROM json_array_elements_text(${sql.ref(column)}::json) AS t(value) WHERE strpos(${fold(sql.ref('t.value'), folded)}, ${fold(sql`${text}::text`, folded)}) > 0)`,
  prefixBound: prefix => sql<string>`(${prefix}::text || chr(1114111))`,
  shanghaiDay: column => sql<string>`to_char(${sql.ref(column)}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`,
  // Transaction-level advisory locks, taken in one order (sorted) so that two transactions cannot wait on each other.
  serialize: async (trx, keys) => {
    for (const key of [
      ...new Set(keys),
    ].sort())
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx)
  },
  // Autovacuum analyses tables as they change.
  refreshStatistics: async () => {},
}
