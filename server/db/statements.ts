// Kysely's SQLite driver prepares every query it runs; compiling a join of a public list takes SQLite ~90 µs, about as
// long as running it. The server's queries are a few hundred fixed texts (values travel as parameters), so the
// statements are kept and run again.
import type SQLite from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/** How many prepared statements are kept, the least recently used given up first. */
export const KEPT_STATEMENTS = 500

/**
 * `sqlite` as Kysely's dialect sees it, with each statement prepared once and kept (up to `size`). A kept statement
 * still iterating a streamed select is busy: the same text is then prepared afresh for the caller and not kept.
 * Statements follow schema changes by themselves (SQLite prepares them again when the schema they read has changed).
 */
export function keepStatements(sqlite: SQLite.Database, size = KEPT_STATEMENTS): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>()
  return {
    prepare(sql: string) {
      const known = kept.get(sql)
      if (known?.busy)
        return sqlite.prepare(sql)
      if (known) {
        kept.delete(sql)
        kept.set(sql, known)
        return known
      }
      const statement = sqlite.prepare(sql)
      kept.set(sql, statement)
      if (kept.size > size)
        kept.delete(kept.keys().next().value!)
      return statement
    },
    close() {
      kept.clear()
      sqlite.close()
    },
  }
}
