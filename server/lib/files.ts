// Files written so that a reader never sees half of one, even after a crash: written aside, then renamed into place.
import type { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { rename, unlink, writeFile } from 'node:fs/promises'

/** Writes `data` to `path` atomically (the temporary name ends in .tmp, which backups and readers skip). */
export async function writeAside(path: string, data: Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, data)
  try {
    await rename(temporary, path)
  }
  catch (err) {
    await unlink(temporary).catch(() => {})
    throw err
  }
}
