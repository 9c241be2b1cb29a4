// Text search in one place: a query of three or more characters is answered by the table's FTS5 trigram index
// (migration 016); one or two characters, which trigrams cannot answer, by firms' name pairs (017) for firms, and
// by scanning the columns for benefits, articles and activities (a documented limit: such queries cost a scan of
// those tables, thousands of rows, not the register's hundreds of thousands).
import type { Expression, SqlBool } from 'kysely'
import { sql } from 'kysely'

export type SearchedTable = 'enterprises' | 'benefits' | 'articles' | 'activities'

/** The shortest query the trigram index answers. */
export const INDEXED_LENGTH = 3

/** A query as an FTS5 phrase: matched as a substring, whatever operators or quotes it holds. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/**
 * Rows of `table` whose searched text contains `text`: through the index when it is long enough, else by
 * `scan` (the same columns, read row by row).
 */
export function containsText(
  table: SearchedTable,
  text: string,
  scan: () => Expression<SqlBool>,
): Expression<SqlBool> {
  if ([...text].length < INDEXED_LENGTH)
    return scan()
  return sql<SqlBool>`${sql.ref(`${table}.id`)} IN (SELECT rowid FROM ${sql.table(`${table}_fts`)} WHERE ${sql.table(`${table}_fts`)} MATCH ${ftsPhrase(text)})`
}

/**
 * Firms whose name contains a text of one or two characters, from the name's character pairs (migration 017): two
 * characters are one pair; one character begins a pair, or ends the name.
 */
export function firmNameHasShort(text: string): Expression<SqlBool> {
  return [...text].length === 2
    ? sql<SqlBool>`enterprises.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE gram = ${text})`
    : sql<SqlBool>`enterprises.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE gram >= ${text} AND gram < ${text} || char(1114111))`
}
