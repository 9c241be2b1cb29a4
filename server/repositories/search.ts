// Text search in one place: a query of three or more characters is answered by the table's trigram index
// (migration 016: FTS5 on SQLite, pg_trgm on PostgreSQL — db/engine.ts); one or two characters, which trigrams cannot
// answer, by firms' name pairs (017) for firms, and by scanning the columns for benefits, articles and activities (a
// documented limit: such queries cost a scan of those tables, thousands of rows, not the register's hundreds of
// thousands).
import type { Expression, SqlBool } from 'kysely'
import type { EngineSql, SearchedTable } from '../db/engine'
import { sql } from 'kysely'

/** The shortest query the trigram index answers. */
export const INDEXED_LENGTH = 3

/**
 * Rows of `table` whose searched text contains `text`: through the index when it is long enough, else by
 * `scan` (the same columns, read row by row).
 */
export function containsText(
  words: EngineSql,
  table: SearchedTable,
  text: string,
  scan: () => Expression<SqlBool>,
): Expression<SqlBool> {
  if ([...text].length < INDEXED_LENGTH)
    return scan()
  return words.indexedContains(table, text)
}

/**
 * Firms whose name contains a text of one or two characters, from the name's character pairs (migration 017): two
 * characters are one pair; one character begins a pair, or ends the name.
 */
export function firmNameHasShort(words: EngineSql, text: string): Expression<SqlBool> {
  return [...text].length === 2
    ? sql<SqlBool>`enterprises.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE gram = ${text})`
    : sql<SqlBool>`enterprises.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE gram >= ${text} AND gram < ${words.prefixBound(text)})`
}
