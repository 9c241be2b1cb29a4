// Where stored files live: pictures (uploads, drawn demo pictures and the sizes made from them) and case
// attachments, each under a name that never changes what it holds. Two stores, chosen by MEDIA_STORE:
// - 'folder' (default): files in MEDIA_DIR, written aside and renamed into place. One node, or several nodes that
//   mount one shared directory as MEDIA_DIR (every write is atomic, and names are never reused, so nodes need no
//   coordination).
// - 'database': the bytes in the media_files table of the server's database, so that every node on one PostgreSQL
//   database serves what any node stored, with no shared folder to run; backups of the database hold them.
import type { Buffer } from 'node:buffer'
import type { DB } from '../db/database'
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAside } from '../lib/files'

export type MediaStoreKind = 'folder' | 'database'

export interface MediaStore {
  readonly kind: MediaStoreKind
  /** The bytes stored under `name`, or null when there are none. */
  read: (name: string) => Promise<Buffer | null>
  has: (name: string) => Promise<boolean>
  /** Stores `data` under `name` (replacing what was there), all or nothing. */
  write: (name: string, data: Buffer) => Promise<void>
  /** Forgets `name` (nothing happens when it is not there). */
  remove: (name: string) => Promise<void>
  /** Every stored name. */
  names: () => Promise<string[]>
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT'
}

/** Files in a folder (MEDIA_DIR), created if missing. */
export async function createFolderStore(dir: string): Promise<MediaStore> {
  await mkdir(dir, { recursive: true })
  return {
    kind: 'folder',
    read: name => readFile(join(dir, name)).catch((err: unknown) => {
      if (isMissing(err))
        return null
      throw err
    }),
    has: name => stat(join(dir, name)).then(() => true, () => false),
    write: (name, data) => writeAside(join(dir, name), data),
    remove: name => unlink(join(dir, name)).catch((err: unknown) => {
      if (!isMissing(err))
        throw err
    }),
    // Half-written files (.tmp, see lib/files.ts) are not stored files.
    names: async () => (await readdir(dir)).filter(name => !name.endsWith('.tmp')),
  }
}

/** Files in the database's media_files table. */
export function createDatabaseStore(db: DB, clock: () => Date = () => new Date()): MediaStore {
  return {
    kind: 'database',
    read: async (name) => {
      const row = await db.selectFrom('media_files').select('data').where('name', '=', name).executeTakeFirst()
      return row?.data ?? null
    },
    has: async name => (await db.selectFrom('media_files').select('name').where('name', '=', name).executeTakeFirst()) !== undefined,
    write: async (name, data) => {
      await db.insertInto('media_files')
        .values({
          name,
          data,
          bytes: data.length,
          created_at: clock().toISOString(),
        })
        .onConflict(oc => oc.column('name').doUpdateSet(eb => ({
          data: eb.ref('excluded.data'),
          bytes: eb.ref('excluded.bytes'),
        })))
        .execute()
    },
    remove: async (name) => {
      await db.deleteFrom('media_files').where('name', '=', name).execute()
    },
    names: async () => (await db.selectFrom('media_files').select('name').orderBy('name').execute()).map(r => r.name),
  }
}
