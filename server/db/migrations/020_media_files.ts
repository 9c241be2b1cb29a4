import type { Kysely } from 'kysely'

// Stored files (pictures, their sizes, case attachments) in the database, for MEDIA_STORE=database
// (media/store.ts): every node of a deployment on PostgreSQL then serves what any node stored, without a shared
// folder. The table stays empty with the default folder store.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('media_files')
    .addColumn('name', 'text', c => c.primaryKey())
    .addColumn('data', 'blob', c => c.notNull())
    .addColumn('bytes', 'integer', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('media_files').execute()
}
