// SQLite's words for what differs between the engines (see engine.ts). Text search goes through the FTS5 trigram
// tables of migration 016, which hold a copy of each searched row's texts under the row's id.
import type { RawBuilder } from 'kysely'
import type { EngineSql, SearchedTable } from './engine'
import { sql } from 'kysely'

/** A query as an FTS5 phrase: matched as a substring, whatever operators or quotes it holds. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

function matches(table: SearchedTable, text: string) {
  return sql`SELECT rowid AS id FROM ${sql.table(`${table}_fts`)} WHERE ${sql.table(`${table}_fts`)} MATCH ${ftsPhrase(text)}`
}
function fold(value: RawBuilder<unknown> | ReturnType<typeof sql.ref>, folded: boolean) {
  return folded
    ? sql`lower(${value})`
    : value
}

export const sqliteSql: EngineSql = {
  engine: 'sqlite',
  contains: (column, text, folded = false) => sql`instr(${fold(sql.ref(column), folded)}, ${fold(sql.val(text), folded)}) > 0`,
  indexedContains: (table, text) => sql`${sql.ref(`${table}.id`)} IN (${matches(table, text)})`,
  indexedMatches: matches,
  // SQLite's planner reads a list from its matches when they are few (the FTS5 table's cost and the statistics say so).
  indexedMatchSet: matches,
  jsonArrayContains: (column, text, folded = false) =>
    sql`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) WHERE instr(${fold(sql.ref('json_each.value'), folded)}, ${fold(sql.val(text), folded)}) > 0)`,
  prefixBound: prefix => sql<string>`(${prefix} || char(1114111))`,
  shanghaiDay: column => sql<string>`date(${sql.ref(column)}, '+8 hours')`,
  // One connection, one transaction at a time: every transaction already sees all the ones before it.
  serialize: async () => {},
  // SQLite keeps no statistics unless asked (ANALYZE): without them an index added by a migration looks selective
  // whatever it holds, and a rare word's rows were found by reading every published activity. In full when the
  // server starts (2.3 s for the 200,000-firm data set, before it listens: PRAGMA optimize's own test of growth missed
  // a table that grew 75-fold), then hourly PRAGMA optimize, as SQLite advises for long-lived connections, each table
  // from a sample (analysis_limit) so that it cannot hold the event loop long.
  refreshStatistics: async (db, opening) => {
    if (opening) {
      await sql`PRAGMA analysis_limit = 0`.execute(db)
      await sql`ANALYZE`.execute(db)
      return
    }
    await sql`PRAGMA analysis_limit = 1000`.execute(db)
    await sql`PRAGMA optimize`.execute(db)
  },
}
