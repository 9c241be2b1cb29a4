import type { DB } from '../db/database'
import type { MediaRef } from '../schemas/resources'

export interface MediaRow { name: string, alt: string, width: number, height: number }

/** Public URL of a stored picture (served by routes/media.ts). */
export function mediaRef(row: MediaRow | null | undefined): MediaRef | null {
  return row
    ? {
        url: `/api/media/${row.name}`,
        alt: row.alt,
        width: row.width,
        height: row.height,
      }
    : null
}

export function createMediaRepository(db: DB) {
  return {
    async byName(name: string) {
      return db.selectFrom('media').selectAll().where('name', '=', name).executeTakeFirst()
    },
    async markDrawn(id: number, bytes: number) {
      await db.updateTable('media').set({ bytes }).where('id', '=', id).execute()
    },
  }
}
export type MediaRepository = ReturnType<typeof createMediaRepository>
