import type { MigrationResultSet } from 'kysely'
import type { Engine } from './engine'
import type { PostgresOptions } from './postgres'
import type { Database } from './schema'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { haversineMetres } from '#common/geo'
import { migrations } from './migrations/index'
import { openPostgres } from './postgres'
import { keepStatements } from './statements'

export type DB = Kysely<Database>

export interface OpenedDatabase {
  db: DB
  sqlite: SQLite.Database
}

/** Opens (creating if needed) the SQLite file with the pragmas the app relies on. */
/**
 * How long the server's connection waits for another process's write lock (a CLI command, a backup tool) before
 * SQLite answers SQLITE_BUSY. better-sqlite3 waits synchronously, so this is how long one such write may hold up the
 * whole server; the request then gets 503 DATABASE_BUSY with Retry-After (plugins/errors.ts) and the client tries
 * again. Command-line tools, which block nobody else, wait up to 5 s.
 */
export const SERVER_BUSY_TIMEOUT_MS = 250
export const CLI_BUSY_TIMEOUT_MS = 5000

export function openDatabase(path: string, { busyTimeoutMs = CLI_BUSY_TIMEOUT_MS } = {}): OpenedDatabase {
  if (path !== ':memory:')
    mkdirSync(dirname(path), { recursive: true })
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
  // Great-circle distance in metres, for "near me" ordering (PostgreSQL would use earthdistance/PostGIS).
  sqlite.function('distance_m', { deterministic: true }, (lat1: unknown, lng1: unknown, lat2: unknown, lng2: unknown) =>
    haversineMetres(Number(lat1), Number(lng1), Number(lat2), Number(lng2)))
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: keepStatements(sqlite),
    }),
  })
  return { db, sqlite }
}

export interface Connection {
  db: DB
  engine: Engine
}

/** Where the data lives: PostgreSQL when a URL is given, else the SQLite file (the embedded default). */
export interface DatabaseLocation {
  databasePath: string
  databaseUrl: string | null
}

/**
 * Opens the configured database: PostgreSQL (DATABASE_URL) for several nodes and a district's volume, otherwise the
 * embedded SQLite file. `busyTimeoutMs` applies to SQLite; `poolSize` to PostgreSQL.
 */
export function connect(location: DatabaseLocation, options: { busyTimeoutMs?: number } & PostgresOptions = {}): Connection {
  if (location.databaseUrl) {
    return {
      db: openPostgres(location.databaseUrl, options),
      engine: 'postgres',
    }
  }
  return { db: openDatabase(location.databasePath, { busyTimeoutMs: options.busyTimeoutMs }).db, engine: 'sqlite' }
}

/** Applies pending migrations; throws (and applies nothing further) if one fails. */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => migrations,
    },
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    throw result.error instanceof Error
      ? result.error
      : new Error(String(result.error))
  }
  return result
}
