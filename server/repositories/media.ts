import type { DB } from '../db/database'
import type { MediaRef } from '../schemas/resources'
import { mediaWidths } from '#common/media'

export interface MediaRow { name: string, alt: string, width: number, height: number }

/** Public URL of a stored picture (served by routes/media.ts). */
export function mediaRef(row: MediaRow | null | undefined): MediaRef | null {
  return row
    ? {
        url: `/api/media/${row.name}`,
        alt: row.alt,
        width: row.width,
        height: row.height,
        widths: mediaWidths(row.width),
      }
    : null
}

/** Photos of some activities, in order, keyed by activity id; `toPhoto` shapes each one for its reader. */
export async function photosByActivity<T>(db: DB, ids: number[], toPhoto: (row: MediaRow & { id: number }) => T): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>()
  if (ids.length === 0)
    return out
  const rows = await db.selectFrom('activity_photos')
    .innerJoin('media', 'media.id', 'activity_photos.media_id')
    .select([
      'activity_photos.activity_id',
      'media.id',
      'media.name',
      'media.alt',
      'media.width',
      'media.height',
    ])
    .where('activity_photos.activity_id', 'in', ids)
    .orderBy('activity_photos.activity_id')
    .orderBy('activity_photos.sort_order')
    .execute()
  for (const r of rows) {
    const list = out.get(r.activity_id) ?? []
    list.push(toPhoto(r))
    out.set(r.activity_id, list)
  }
  return out
}

export function createMediaRepository(db: DB) {
  return {
    async byName(name: string) {
      return db.selectFrom('media').selectAll().where('name', '=', name).executeTakeFirst()
    },
    /**
     * Whether residents may see this picture now: a photo of a published activity, or the cover of a published
     * article still on show (an exposure case's cover goes with it when its disclosure period ends).
     */
    async isPublic(id: number, today: string): Promise<boolean> {
      const photo = await db.selectFrom('activity_photos')
        .innerJoin('activities', 'activities.id', 'activity_photos.activity_id')
        .select('activities.id')
        .where('activity_photos.media_id', '=', id)
        .where('activities.status', '=', 'published')
        .executeTakeFirst()
      if (photo)
        return true
      const cover = await db.selectFrom('articles')
        .select('id')
        .where('cover_media_id', '=', id)
        .where('status', '=', 'published')
        .where(eb => eb.or([
          eb('disclosure_until', 'is', null),
          eb('disclosure_until', '>=', today),
        ]))
        .executeTakeFirst()
      return cover !== undefined
    },
    /**
     * Whether a signed-in account may see a picture residents cannot: admins any; street staff a photo of their own
     * street's activity, or one that someone of their street uploaded and nothing uses yet. Never another street's.
     */
    async visibleTo(id: number, account: { role: 'admin' | 'staff', streetId: number | null }): Promise<boolean> {
      if (account.role === 'admin')
        return true
      if (account.streetId === null)
        return false
      const uses = await db.selectFrom('activity_photos')
        .innerJoin('activities', 'activities.id', 'activity_photos.activity_id')
        .select('activities.street_id')
        .where('activity_photos.media_id', '=', id)
        .execute()
      if (uses.length > 0)
        return uses.some(u => u.street_id === account.streetId)
      const covers = await db.selectFrom('articles').select('id').where('cover_media_id', '=', id).executeTakeFirst()
      if (covers)
        return false
      const upload = await db.selectFrom('media')
        .innerJoin('users', 'users.id', 'media.uploaded_by')
        .select('users.street_id')
        .where('media.id', '=', id)
        .executeTakeFirst()
      return upload?.street_id === account.streetId
    },
    async markDrawn(id: number, bytes: number) {
      await db.updateTable('media').set({ bytes }).where('id', '=', id).execute()
    },
  }
}
export type MediaRepository = ReturnType<typeof createMediaRepository>
