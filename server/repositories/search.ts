// Text search in one place: a word most rows hold is answered by reading the rows in the list's order; else a query of
// three or more characters by the table's trigram index (migration 016: FTS5 on SQLite, pg_trgm on PostgreSQL —
// db/engine.ts), and one or two characters, which trigrams cannot answer, by character pairs: firms' names (017), and
// the searched texts of benefits, articles and activities (022).
import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely'
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
 * How many rows hold a word, and how many rows a table has, only pick plans (every plan finds the same rows) and change
 * slowly: remembered a minute per database, for the last few thousand queries, so a popular word costs no query.
 */
const REMEMBERED_MS = 60_000
const REMEMBERED_MAX = 5000
const remembered = new WeakMap<DB, Map<string, { n: number, until: number }>>()

async function rememberedCount(db: DB, key: string, count: () => Promise<number>): Promise<number> {
  let known = remembered.get(db)
  if (!known) {
    known = new Map()
    remembered.set(db, known)
  }
  const now = Date.now()
  const hit = known.get(key)
  if (hit && hit.until > now)
    return hit.n
  const n = await count()
  known.delete(key)
  known.set(key, { n, until: now + REMEMBERED_MS })
  if (known.size > REMEMBERED_MAX)
    known.delete(known.keys().next().value!)
  return n
}

/**
 * How many rows of `table` hold `text`, counted up to `COMMON_ROWS` and no further: from the trigram index for three
 * or more characters, else from the character pairs.
 */
async function holders(db: DB, table: SearchedTable, text: string): Promise<number> {
  return rememberedCount(db, `holders ${table} ${text}`, async () => {
    const words = engineSql(db)
    const holding = [...text].length >= INDEXED_LENGTH
      ? words.indexedMatches(table, text)
      : table === 'enterprises'
        ? sql`SELECT 1 FROM enterprise_name_grams WHERE ${pairWhere(words, text)}`
        : sql`SELECT 1 FROM content_grams WHERE ${pairWhere(words, text)} AND kind = ${table}`
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${holding} LIMIT ${COMMON_ROWS}) AS holding`.execute(db)
    return Number(rows[0]?.n ?? 0)
  })
}

/** How many rows `table` has (all of them, published or not: the rows a read in order passes over). */
async function tableRows(db: DB, table: SearchedTable): Promise<number> {
  return rememberedCount(db, `rows ${table}`, async () => {
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)
    return Number(rows[0]?.n ?? 0)
  })
}

/** The pairs that hold `text`: two characters are one pair; one character begins a pair, or ends a text alone. */
function pairWhere(words: EngineSql, text: string) {
  return [...text].length === 2
    ? sql`gram = ${text}`
    : sql`gram >= ${text} AND gram < ${words.prefixBound(text)}`
}

/**
 * Rows of `table` whose searched text contains `text`: by reading the rows when the word is common; else through the
 * trigram index when it is long enough, or, for one or two characters, from the character pairs. As a condition, for
 * a list that ORs it with another (a firm's name or its code).
 */
export async function containsText(db: DB, table: SearchedTable, text: string): Promise<Expression<SqlBool>> {
  return fromIndex(db, table, text, await holders(db, table, text) >= COMMON_ROWS)
}

function fromIndex(db: DB, table: SearchedTable, text: string, common: boolean): Expression<SqlBool> {
  const words = engineSql(db)
  const long = [...text].length >= INDEXED_LENGTH
  if (common)
    return scan(words, table, text, long)
  if (long)
    return words.indexedContains(table, text)
  return table === 'enterprises'
    ? firmNameHasShort(words, text)
    : contentHasShort(words, table, text)
}

/** A list's query narrowed to the rows that hold a text (the query's columns and order unchanged). */
export type Narrowing = <D, T extends keyof D, O>(query: SelectQueryBuilder<D, T, O>) => SelectQueryBuilder<D, T, O>

/**
 * `containsText` as a narrowing of a list's query. From the trigram index it is a join, not a condition: SQLite then
 * reads the index's matches one at a time and a count stops at its cap, where `id IN (…)` first collects every match
 * (a count up to 101 of a word 1,500 articles hold: 0.41 → 0.12 ms). Every row has one id, so the join repeats none.
 * `toPage`: the narrowing of a page in the list's order, which joins every match found first (indexedMatchSet), so
 * that no engine seeks the page by walking the list's index and testing each row.
 */
function narrowing(db: DB, table: SearchedTable, text: string, common: boolean, toPage = false): Narrowing {
  if (common || [...text].length < INDEXED_LENGTH) {
    const condition = fromIndex(db, table, text, common)
    return query => query.where(condition)
  }
  const words = engineSql(db)
  const matches = sql`(${toPage
    ? words.indexedMatchSet(table, text)
    : words.indexedMatches(table, text)})`.as('text_match')
  const on = sql<SqlBool>`text_match.id = ${sql.ref(`${table}.id`)}`
  return <D, T extends keyof D, O>(query: SelectQueryBuilder<D, T, O>) => {
    // The join adds no column the list selects: its type stays the list's.
    const loose = query as unknown as SelectQueryBuilder<Record<string, Record<string, unknown>>, string, O>
    return loose.innerJoin(matches, join => join.on(on)) as unknown as SelectQueryBuilder<D, T, O>
  }
}

/**
 * How many rows a read in the list's order may pass over to find a page: a page of a word that one row in twenty
 * holds is found among the first few hundred rows, at a fraction of what collecting and sorting its matches costs.
 */
export const PAGE_READ_ROWS = 1000

/** A text filter as a list applies it: the rows to count and the rows to read a page from, each the cheaper way. */
export interface TextFilter {
  count: Narrowing
  page: Narrowing
}

/**
 * `containsText` for a list that counts (up to its cap) and reads one page: the count as containsText says; the page
 * (ending at row `pageEnd` of the list) by reading the rows in the list's order whenever the rows holding the word are
 * frequent enough that about `PAGE_READ_ROWS` rows hold the page — even when counting them is cheaper from the index.
 * Both find the same rows; the list must be ordered by an index for the page read to stop early.
 */
export async function textFilter(db: DB, table: SearchedTable, text: string, pageEnd: number): Promise<TextFilter> {
  const [held, rows] = await Promise.all([
    holders(db, table, text),
    tableRows(db, table),
  ])
  const common = held >= COMMON_ROWS
  const readInOrder = held > 0 && rows * pageEnd / held <= PAGE_READ_ROWS
  return {
    count: narrowing(db, table, text, common),
    page: narrowing(db, table, text, common || readInOrder, true),
  }
}

/**
 * A list's `query` with the text filter applied (none when `text` is empty): the query to count and the query to
 * read the page ending at row `pageEnd` from, as textFilter chooses.
 */
export async function filterByText<D, T extends keyof D, O>(db: DB, table: SearchedTable, query: SelectQueryBuilder<D, T, O>, text: string | undefined, pageEnd: number): Promise<{ counted: SelectQueryBuilder<D, T, O>, paged: SelectQueryBuilder<D, T, O> }> {
  if (!text)
    return { counted: query, paged: query }
  const filter = await textFilter(db, table, text, pageEnd)
  return {
    counted: filter.count(query),
    paged: filter.page(query),
  }
}

/**
 * How many firms' names contain `text`, counted up to `cap` + 1 from the index alone; undefined for a word most names
 * hold (the list then counts as it reads the names in order). Every firm is listed, so the index's rows are the list's
 * rows and need not be looked up in the table one by one to be counted: half the cost of a name search's count.
 */
export async function countFirmsNamed(db: DB, text: string, cap: number): Promise<number | undefined> {
  if (await holders(db, 'enterprises', text) >= COMMON_ROWS)
    return undefined
  const words = engineSql(db)
  const length = [...text].length
  // One character is the first of several pairs of a name (or its last character alone): each firm once.
  const named = length >= INDEXED_LENGTH
    ? words.indexedMatches('enterprises', text)
    : length === 2
      ? sql`SELECT enterprise_id FROM enterprise_name_grams WHERE gram = ${text}`
      : sql`SELECT DISTINCT enterprise_id FROM enterprise_name_grams WHERE ${pairWhere(words, text)}`
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${named} LIMIT ${cap + 1}) AS named`.execute(db)
  return Number(rows[0]?.n ?? 0)
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
