import type { Kysely } from 'kysely'

// How often each benefit's page is opened, per Shanghai day (for the district office's statistics).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('benefit_views')
    .addColumn('benefit_id', 'integer', c => c.notNull().references('benefits.id').onDelete('cascade'))
    .addColumn('day', 'text', c => c.notNull())
    .addColumn('views', 'integer', c => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('benefit_views_pk', ['benefit_id', 'day'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('benefit_views').execute()
}
