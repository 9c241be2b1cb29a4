// Online backup and restore of a deployment's state: the SQLite database, the pictures in MEDIA_DIR and, where the
// key was generated rather than given (APP_SECRET unset), secret.key — without it the stored ID-number hashes match
// nothing. A backup is one .tar.gz written aside and renamed into place, so an interrupted backup leaves no file.
//
// The database is copied with `VACUUM INTO`: one read transaction, so the copy is the database as it was at one
// instant, and in WAL mode the server keeps reading and writing meanwhile (SQLite's page-by-page backup API would
// start over at every write made by another process). Pictures never change under a name and are written before
// their row, so every picture the copy refers to is on disk when the folder is copied after it.
import type { Config } from '../config'
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import SQLite from 'better-sqlite3'
import { create, extract } from 'tar'
import { isVariantFile } from '../media/variants'

const DATABASE_FILE = 'credit.db'
const MEDIA_FOLDER = 'media'
const SECRET_FILE = 'secret.key'
const MANIFEST_FILE = 'manifest.json'

export interface BackupManifest {
  format: 1
  createdAt: string
  version: string
  /** Rows per table at the instant of the copy (what a restore must give back). */
  rows: Record<string, number>
  pictures: number
  withSecretKey: boolean
}

/** Rows per table of an open database (migration bookkeeping included). */
export function rowCounts(sqlite: SQLite.Database): Record<string, number> {
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[]
  return Object.fromEntries(tables.map(name => [
    name,
    Number(sqlite.prepare(`select count(*) from "${name.replaceAll('"', '""')}"`).pluck().get()),
  ]))
}

function secretFileOf(config: Config): string {
  return join(dirname(config.databasePath), SECRET_FILE)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}

/**
 * Pictures in MEDIA_DIR: originals only, not the temporary files of a write in progress nor the sizes made from
 * them (media/variants.ts makes those again on first request).
 */
async function pictureFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.filter(name => !name.endsWith('.tmp') && !isVariantFile(name)).sort()
}

/** Copies a file, as a hard link where the file system allows (pictures are never changed in place). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  }
  catch {
    await copyFile(from, to)
  }
}

/** What backup and restore say on PostgreSQL, whose own tools do this better than a copy of a file could. */
const ON_POSTGRES = 'db:backup and db:restore copy the SQLite file; on PostgreSQL (DATABASE_URL) use pg_dump -Fc and pg_restore, and copy MEDIA_DIR with them'

/** Writes a consistent backup of the configured database, its pictures and (if generated) its key to `target`. */
export async function backup(config: Config, target: string): Promise<BackupManifest> {
  if (config.databaseUrl)
    throw new Error(ON_POSTGRES)
  if (config.databasePath === ':memory:')
    throw new Error('an in-memory database cannot be backed up')
  if (!await exists(config.databasePath))
    throw new Error(`no database at ${config.databasePath}`)
  await mkdir(dirname(target), { recursive: true })
  const work = await mkdtemp(join(dirname(target), `.${basename(target)}.`))
  try {
    const copy = join(work, DATABASE_FILE)
    const source = new SQLite(config.databasePath, { readonly: true, fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      source.prepare('vacuum into ?').run(copy)
    }
    finally {
      source.close()
    }
    const snapshot = new SQLite(copy, { readonly: true })
    const rows = rowCounts(snapshot)
    snapshot.close()

    await mkdir(join(work, MEDIA_FOLDER))
    const pictures = await pictureFiles(config.mediaDir)
    for (const name of pictures)
      await linkOrCopy(join(config.mediaDir, name), join(work, MEDIA_FOLDER, name))
    const withSecretKey = !config.secretFromEnv && await exists(secretFileOf(config))
    if (withSecretKey)
      await copyFile(secretFileOf(config), join(work, SECRET_FILE))

    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      version: config.version,
      rows,
      pictures: pictures.length,
      withSecretKey,
    }
    await writeFile(join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    const partial = join(work, 'backup.tar.gz')
    await create({
      gzip: true,
      file: partial,
      cwd: work,
      portable: true,
    }, [
      MANIFEST_FILE,
      DATABASE_FILE,
      MEDIA_FOLDER,
      ...(withSecretKey
        ? [SECRET_FILE]
        : []),
    ])
    await rename(partial, target)
    return manifest
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}

export interface RestoreResult {
  manifest: BackupManifest
  /** Where the database that was replaced now is (null if there was none). */
  previous: string | null
  picturesAdded: number
}

/**
 * Puts a backup in place of the configured database (the server must be stopped). The backup is unpacked and checked
 * (manifest, `integrity_check`, row counts) before anything is touched; the database it replaces is kept beside it
 * as `credit.db.before-restore-<time>`; pictures missing from MEDIA_DIR are added, none removed.
 */
export async function restore(config: Config, source: string): Promise<RestoreResult> {
  if (config.databaseUrl)
    throw new Error(ON_POSTGRES)
  if (config.databasePath === ':memory:')
    throw new Error('cannot restore into an in-memory database')
  const folder = dirname(config.databasePath)
  await mkdir(folder, { recursive: true })
  const work = await mkdtemp(join(folder, '.restore.'))
  try {
    await extract({ file: source, cwd: work, strict: true })
    const manifest = JSON.parse(await readFile(join(work, MANIFEST_FILE), 'utf8')) as BackupManifest
    if (manifest.format !== 1)
      throw new Error(`${source}: unknown backup format ${String(manifest.format)}`)
    const unpacked = join(work, DATABASE_FILE)
    const check = new SQLite(unpacked, { readonly: true, fileMustExist: true })
    try {
      const integrity = check.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok')
        throw new Error(`${source}: the database in the backup is damaged (${String(integrity)})`)
      const rows = rowCounts(check)
      if (JSON.stringify(rows) !== JSON.stringify(manifest.rows))
        throw new Error(`${source}: the database does not hold the rows its manifest lists`)
    }
    finally {
      check.close()
    }

    let previous: string | null = null
    if (await exists(config.databasePath)) {
      previous = `${config.databasePath}.before-restore-${new Date().toISOString().replaceAll(':', '-')}`
      // Fold the write-ahead log into the file first, so the copy kept aside is whole.
      const current = new SQLite(config.databasePath)
      current.pragma('wal_checkpoint(TRUNCATE)')
      current.close()
      await rename(config.databasePath, previous)
    }
    for (const suffix of ['-wal', '-shm'])
      await rm(`${config.databasePath}${suffix}`, { force: true })
    await rename(unpacked, config.databasePath)

    await mkdir(config.mediaDir, { recursive: true })
    const present = new Set(await pictureFiles(config.mediaDir))
    let picturesAdded = 0
    for (const name of await pictureFiles(join(work, MEDIA_FOLDER))) {
      if (!present.has(name)) {
        await copyFile(join(work, MEDIA_FOLDER, name), join(config.mediaDir, name))
        picturesAdded++
      }
    }
    if (manifest.withSecretKey && !config.secretFromEnv) {
      const secretFile = secretFileOf(config)
      if (await exists(secretFile))
        await rename(secretFile, `${secretFile}.before-restore-${Date.now()}`)
      await copyFile(join(work, SECRET_FILE), secretFile)
    }
    return { manifest, previous, picturesAdded }
  }
  finally {
    await rm(work, { recursive: true, force: true })
  }
}
