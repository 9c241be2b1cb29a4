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
  return sql`SELECT rowid FROM ${sql.table(`${table}_fts`)} WHERE ${sql.table(`${table}_fts`)} MATCH ${ftsPhrase(text)}`
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
  jsonArrayContains: (column, text, folded = false) =>
    sql`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) WHERE instr(${fold(sql.ref('json_each.value'), folded)}, ${fold(sql.val(text), folded)}) > 0)`,
  prefixBound: prefix => sql<string>`(${prefix} || char(1114111))`,
  shanghaiDay: column => sql<string>`date(${sql.ref(column)}, '+8 hours')`,
  // One connection, one transaction at a time: every transaction already sees all the ones before it.
  serialize: async () => {},
}
