import type { Kysely } from 'kysely'

// Serving a picture asks what it belongs to (routes/media.ts: public only while that is): look it up by picture.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('activity_photos_media_idx').on('activity_photos').column('media_id').execute()
  await db.schema.createIndex('articles_cover_idx').on('articles').column('cover_media_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_cover_idx').execute()
  await db.schema.dropIndex('activity_photos_media_idx').execute()
}
