// The two database engines the server runs on, and the few pieces of SQL that differ between them. Repositories and
// migrations write portable SQL through Kysely; where an engine needs its own words (text search, calendar days,
// JSON arrays, upper bounds of a prefix), they ask `engineSql(db)` instead of branching: the SQLite words live in
// ./sqlite-sql.ts, the PostgreSQL ones in ./postgres-sql.ts.
import type { Expression, QueryExecutorProvider, RawBuilder, SqlBool } from 'kysely'
import { PostgresAdapter } from 'kysely'
import { postgresSql } from './postgres-sql'
import { sqliteSql } from './sqlite-sql'

export type Engine = 'sqlite' | 'postgres'

/** Tables with a text-search index (migration 016): firms by name; benefits, articles and activities by their texts. */
export type SearchedTable = 'enterprises' | 'benefits' | 'articles' | 'activities'

/** What one engine says in its own SQL. */
export interface EngineSql {
  engine: Engine
  /**
   * `column` contains `text` as a plain substring (no pattern characters), read row by row; `folded`: letters' case
   * aside, as the text index compares (on SQLite for ASCII letters only: its lower() folds no others).
   */
  contains: (column: string, text: string, folded?: boolean) => Expression<SqlBool>
  /**
   * Rows of `table` whose searched texts contain `text` (three or more characters), found through the text index;
   * for a text known to be rare (search.ts), so its few matches may be found before the list's other conditions and
   * order are applied (as `indexedMatchSet`).
   */
  indexedContains: (table: SearchedTable, text: string) => Expression<SqlBool>
  /** Some element of the JSON array of strings in `column` contains `text` (not the JSON punctuation). */
  jsonArrayContains: (column: string, text: string, folded?: boolean) => Expression<SqlBool>
  /** The ids (as `id`) of the rows of `table` whose searched texts contain `text` (three or more characters), from the text index, as a subquery. */
  indexedMatches: (table: SearchedTable, text: string) => RawBuilder<unknown>
  /**
   * The same ids as `indexedMatches`, for a text known to be rare (search.ts), as a page read in another index's
   * order joins them: the page must come from the few matches, not from walking the list's index until enough rows
   * match. PostgreSQL is told to find them all first (postgres-sql.ts matchArray); SQLite's planner, which weighs the
   * FTS5 table's matches against its statistics, does so by itself.
   */
  indexedMatchSet: (table: SearchedTable, text: string) => RawBuilder<unknown>
  /** A string after every string that starts with `prefix` (for `>= prefix AND < bound` range scans). */
  prefixBound: (prefix: string) => RawBuilder<string>
  /** The calendar day (YYYY-MM-DD) in Shanghai of an ISO 8601 UTC timestamp column. */
  shanghaiDay: (column: string) => RawBuilder<string>
  /**
   * Makes the transaction `trx` wait for any other transaction that serialised on one of the same keys, until
   * it ends: counts read after it include what those wrote (sign-in attempts of one account or one address).
   */
  serialize: (trx: QueryExecutorProvider, keys: readonly string[]) => Promise<void>
  /**
   * Brings the query planner's statistics up to date where the engine does not do it by itself, so that it keeps
   * choosing indexes well as tables grow and indexes are added (`opening`: when the server starts, checking every
   * table; else the periodic check of the tables used since).
   */
  refreshStatistics: (db: QueryExecutorProvider, opening: boolean) => Promise<void>
}

/** The engine behind a Kysely instance (or a transaction of one). */
export function engineOf(db: QueryExecutorProvider): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? 'postgres'
    : 'sqlite'
}

/** The engine's own SQL for the pieces that differ. */
export function engineSql(db: QueryExecutorProvider): EngineSql {
  return engineOf(db) === 'postgres'
    ? postgresSql
    : sqliteSql
}
