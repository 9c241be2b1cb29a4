import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Media (photos, covers), street profiles (figures, demonstration practices), article covers, activity photos.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('media')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('name', 'text', c => c.notNull().unique()) // random file name, e.g. 3f2a….jpg
    .addColumn('content_type', 'text', c => c.notNull().check(sql`content_type IN ('image/jpeg', 'image/webp', 'image/png')`))
    .addColumn('width', 'integer', c => c.notNull())
    .addColumn('height', 'integer', c => c.notNull())
    .addColumn('bytes', 'integer') // null until a generated picture is first drawn
    .addColumn('alt', 'text', c => c.notNull())
    // Demo pictures are drawn on first request from (scene, seed) instead of being shipped or downloaded.
    .addColumn('scene', 'text')
    .addColumn('seed', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()

  await db.schema.alterTable('streets').addColumn('figures', 'text', c => c.notNull().defaultTo('[]')).execute()
  await db.schema.createTable('street_practices')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('street_id', 'integer', c => c.notNull().references('streets.id').onDelete('cascade'))
    .addColumn('sort_order', 'integer', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('what', 'text', c => c.notNull())
    .addColumn('results', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('street_practices_street_idx').on('street_practices').columns(['street_id', 'sort_order']).execute()

  await db.schema.alterTable('articles').addColumn('cover_media_id', 'integer', c => c.references('media.id')).execute()

  await db.schema.createTable('activity_photos')
    .addColumn('activity_id', 'integer', c => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', c => c.notNull().references('media.id'))
    .addColumn('sort_order', 'integer', c => c.notNull())
    .addPrimaryKeyConstraint('activity_photos_pk', ['activity_id', 'media_id'])
    .execute()
  await db.schema.createIndex('activity_photos_order_idx').on('activity_photos').columns(['activity_id', 'sort_order']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('activity_photos').execute()
  await db.schema.alterTable('articles').dropColumn('cover_media_id').execute()
  await db.schema.dropTable('street_practices').execute()
  await db.schema.alterTable('streets').dropColumn('figures').execute()
  await db.schema.dropTable('media').execute()
}
