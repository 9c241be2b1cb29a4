// Text search in one place: a word most rows hold is answered by reading the rows in the list's order; else a query of
// three or more characters by the table's trigram index (migration 016: FTS5 on SQLite, pg_trgm on PostgreSQL —
// db/engine.ts), and one or two characters, which trigrams cannot answer, by character pairs: firms' names (017), and
// the searched texts of benefits, articles and activities (022).
import type { Expression, SqlBool } from 'kysely'
import type { DB } from '../db/database'
import type { EngineSql, SearchedTable } from '../db/engine'
import type { ContentGramTable } from '../db/schema'
import { sql } from 'kysely'
import { engineSql } from '../db/engine'

/** The shortest query the trigram index answers. */
export const INDEXED_LENGTH = 3

/**
 * A word held by this many rows or more is common (信用 on a credit platform, 有限公司 in a register): collecting every
 * row that holds it from an index costs more than reading the table in the list's order, where a page (and the
 * counting cap, shared.ts) is found among the first rows. Below it, the rows that hold it are few and the index finds
 * them at once. (Collecting costs in proportion to the m rows that match; reading until a thousand matches, about
 * n × 1,000 / m of the n rows: they cross near √(1,000 n), some 4,500 for 20,000 articles.)
 */
export const COMMON_ROWS = 4000

/**
 * The searched texts of each table, read row by row (the index tables hold the same: 016, 017, 022); `folded`, case
 * aside, as the trigram index compares words of three or more characters.
 */
function scan(words: EngineSql, table: SearchedTable, text: string, folded: boolean): Expression<SqlBool> {
  const has = (column: string) => words.contains(column, text, folded)
  const columns: Record<SearchedTable, Expression<SqlBool>[]> = {
    enterprises: [
      has('enterprises.name'),
    ],
    // Tags are a JSON array: match inside the values, not the JSON punctuation.
    benefits: [
      ...['benefits.title', 'benefits.summary', 'benefits.provider'].map(has),
      words.jsonArrayContains('benefits.tags', text, folded),
    ],
    articles: ['articles.title', 'articles.summary', 'articles.body'].map(has),
    activities: ['activities.title', 'activities.summary', 'activities.place'].map(has),
  }
  return sql<SqlBool>`(${sql.join(columns[table], sql` OR `)})`
}

/**
 * Whether a word is common only picks the plan (both find the same rows) and changes slowly: remembered a minute per
 * database, for the last few thousand queries, so a popular word costs one query less.
 */
const COMMON_REMEMBERED_MS = 60_000
const COMMON_REMEMBERED_MAX = 5000
const remembered = new WeakMap<DB, Map<string, { common: boolean, until: number }>>()

/**
 * Whether `COMMON_ROWS` or more rows of `table` hold `text` (counted no further): from the trigram index for three or
 * more characters, else from the character pairs.
 */
async function isCommon(db: DB, table: SearchedTable, text: string): Promise<boolean> {
  let known = remembered.get(db)
  if (!known) {
    known = new Map()
    remembered.set(db, known)
  }
  const key = `${table} ${text}`
  const now = Date.now()
  const hit = known.get(key)
  if (hit && hit.until > now)
    return hit.common
  const words = engineSql(db)
  const holding = [...text].length >= INDEXED_LENGTH
    ? words.indexedMatches(table, text)
    : table === 'enterprises'
      ? sql`SELECT 1 FROM enterprise_name_grams WHERE ${pairWhere(words, text)}`
      : sql`SELECT 1 FROM content_grams WHERE ${pairWhere(words, text)} AND kind = ${table}`
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${holding} LIMIT ${COMMON_ROWS}) AS holding`.execute(db)
  const common = Number(rows[0]?.n ?? 0) >= COMMON_ROWS
  known.delete(key)
  known.set(key, { common, until: now + COMMON_REMEMBERED_MS })
  if (known.size > COMMON_REMEMBERED_MAX)
    known.delete(known.keys().next().value!)
  return common
}

/** The pairs that hold `text`: two characters are one pair; one character begins a pair, or ends a text alone. */
function pairWhere(words: EngineSql, text: string) {
  return [...text].length === 2
    ? sql`gram = ${text}`
    : sql`gram >= ${text} AND gram < ${words.prefixBound(text)}`
}

/**
 * Rows of `table` whose searched text contains `text`: by reading the rows when the word is common; else through the
 * trigram index when it is long enough, or, for one or two characters, from the character pairs.
 */
export async function containsText(db: DB, table: SearchedTable, text: string): Promise<Expression<SqlBool>> {
  const words = engineSql(db)
  const long = [...text].length >= INDEXED_LENGTH
  if (await isCommon(db, table, text))
    return scan(words, table, text, long)
  if (long)
    return words.indexedContains(table, text)
  return table === 'enterprises'
    ? firmNameHasShort(words, text)
    : contentHasShort(words, table, text)
}

/**
 * Firms whose name contains a text of one or two characters, from the name's character pairs (migration 017): two
 * characters are one pair; one character begins a pair, or ends the name.
 */
export function firmNameHasShort(words: EngineSql, text: string): Expression<SqlBool> {
  return sql<SqlBool>`enterprises.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE ${pairWhere(words, text)})`
}

/**
 * Benefits, articles or activities whose searched texts contain a text of one or two characters, from their
 * character pairs (migration 022), as firmNameHasShort.
 */
export function contentHasShort(words: EngineSql, table: ContentGramTable['kind'], text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${table}.id`)} IN (SELECT row_id FROM content_grams WHERE ${pairWhere(words, text)} AND kind = ${table})`
}
