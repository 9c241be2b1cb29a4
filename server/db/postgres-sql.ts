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
/**
 * The matches as an array, found first (an InitPlan) and looked up by id. PostgreSQL estimates any trigram match at
 * a generic 1 % of the rows: for a name three firms hold, 2,000 of 200,000, so a page by name was sought by walking
 * the name index and testing each firm, 200,000 of them (680 ms), instead of sorting the three. An array's length it
 * estimates at 10, which is near what a rare text holds (search.ts sends common texts another way).
 */
function matchArray(table: SearchedTable, text: string) {
  return sql`ARRAY(${matches(table, text)})`
}
function fold(value: RawBuilder<unknown> | ReturnType<typeof sql.ref>, folded: boolean) {
  return folded
    ? sql`lower(${value})`
    : value
}

export const postgresSql: EngineSql = {
  engine: 'postgres',
  contains: (column, text, folded = false) => sql`strpos(${fold(sql.ref(column), folded)}, ${fold(sql`${text}::text`, folded)}) > 0`,
  indexedContains: (table, text) => sql`${sql.ref(`${table}.id`)} = ANY(${matchArray(table, text)})`,
  indexedMatches: matches,
  indexedMatchSet: (table, text) => sql`SELECT unnest(${matchArray(table, text)}) AS id`,
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
