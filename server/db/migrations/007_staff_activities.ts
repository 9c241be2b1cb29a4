import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Activities written by street staff and reviewed by the district office; photos uploaded by them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('author_id', 'integer', c => c.references('users.id')).execute()
  await db.schema.alterTable('activities').addColumn('review_note', 'text').execute()
  await db.schema.alterTable('activities').addColumn('submitted_at', 'text').execute()
  await db.schema.alterTable('activities').addColumn('reviewed_at', 'text').execute()
  await db.schema.alterTable('activities').addColumn('reviewed_by', 'integer', c => c.references('users.id')).execute()
  // The device's idempotency key for an item sent from its outbox: replaying it never creates a second activity.
  await db.schema.alterTable('activities').addColumn('client_key', 'text').execute()
  await sql`CREATE UNIQUE INDEX activities_client_key_idx ON activities (author_id, client_key) WHERE client_key IS NOT NULL`.execute(db)
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer', c => c.references('users.id')).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX activities_client_key_idx`.execute(db)
  for (const column of [
    'client_key',
    'reviewed_by',
    'reviewed_at',
    'submitted_at',
    'review_note',
    'author_id',
  ])
    await db.schema.alterTable('activities').dropColumn(column).execute()
  await db.schema.alterTable('media').dropColumn('uploaded_by').execute()
}
