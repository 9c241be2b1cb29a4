// Which engine the API suite runs on. `npm test` runs it on SQLite and, where PostgreSQL is installed, once more on
// a throwaway PostgreSQL cluster (scripts/test.mjs sets TEST_DATABASE_URL to its maintenance database). On
// PostgreSQL every test app gets a database of its own, named after its temporary directory, dropped with it.
import { basename, join } from 'node:path'
import pg from 'pg'

/** The throwaway cluster's maintenance database (postgres://…/postgres), or null: the suite runs on SQLite. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL || null

export const ENGINE = TEST_POSTGRES_URL
  ? 'postgres'
  : 'sqlite'

function databaseName(dir: string): string {
  return `t_${basename(dir).toLowerCase().replace(/[^a-z0-9]/g, '_')}`
}

function urlOf(database: string): string {
  const url = new URL(TEST_POSTGRES_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

/** The environment that points a server or a command at the database of `dir`. */
export function databaseEnv(dir: string): Record<string, string> {
  return TEST_POSTGRES_URL
    ? {
        DATABASE_PATH: join(dir, 'credit.db'),
        DATABASE_URL: urlOf(databaseName(dir)),
      }
    : {
        DATABASE_PATH: join(dir, 'credit.db'),
      }
}

async function onCluster<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL! })
  await client.connect()
  try {
    return await run(client)
  }
  finally {
    await client.end()
  }
}

/** Creates the database of `dir` if it is missing (PostgreSQL; nothing to do on SQLite, which creates its file). */
export async function createDatabase(dir: string): Promise<void> {
  if (!TEST_POSTGRES_URL)
    return
  const name = databaseName(dir)
  await onCluster(async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`)
  })
}

/** Drops the database of `dir` (PostgreSQL; its SQLite file goes with the directory). */
export async function dropDatabase(dir: string): Promise<void> {
  if (!TEST_POSTGRES_URL)
    return
  await onCluster(client => client.query(`DROP DATABASE IF EXISTS "${databaseName(dir)}" WITH (FORCE)`))
}

/** Ends every connection to the database of `dir`, as a database restart or an administrator would (PostgreSQL). */
export async function endConnections(dir: string): Promise<number> {
  return onCluster(async (client) => {
    const ended = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      databaseName(dir),
    ])
    return ended.rowCount ?? 0
  })
}
