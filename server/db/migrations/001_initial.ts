import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Lists use CHECK constraints so that nothing invalid can be stored even by a buggy caller.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('districts')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('name_en', 'text', c => c.notNull())
    .execute()

  await db.schema.createTable('streets')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('district_id', 'integer', c => c.notNull().references('districts.id'))
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('name_en', 'text', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind IN ('street', 'town')`))
    .addColumn('intro', 'text', c => c.notNull())
    .addColumn('address', 'text', c => c.notNull())
    .addColumn('phone', 'text', c => c.notNull())
    .addColumn('is_demonstration', 'integer', c => c.notNull().defaultTo(0).check(sql`is_demonstration IN (0, 1)`))
    .addColumn('sort_order', 'integer', c => c.notNull())
    .execute()

  await db.schema.createTable('benefits')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('category', 'text', c => c.notNull().check(sql`category IN ('medical', 'transport', 'culture', 'housing', 'government', 'finance', 'life', 'elderly')`))
    .addColumn('audience', 'text', c => c.notNull().check(sql`audience IN ('personal', 'enterprise', 'both')`))
    .addColumn('provider', 'text', c => c.notNull())
    .addColumn('street_id', 'integer', c => c.references('streets.id'))
    .addColumn('offer', 'text', c => c.notNull())
    .addColumn('eligibility', 'text', c => c.notNull())
    .addColumn('valid_from', 'text', c => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('tags', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', c => c.notNull().defaultTo('published').check(sql`status IN ('draft', 'published', 'archived')`))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('benefits_category_idx').on('benefits').columns(['status', 'category']).execute()

  await db.schema.createTable('articles')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.notNull().unique())
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind IN ('policy', 'honour', 'exposure', 'case', 'week', 'news')`))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('source', 'text', c => c.notNull())
    .addColumn('street_id', 'integer', c => c.references('streets.id'))
    .addColumn('published_at', 'text', c => c.notNull())
    .addColumn('disclosure_until', 'text')
    .addColumn('tags', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', c => c.notNull().defaultTo('published').check(sql`status IN ('draft', 'published', 'archived')`))
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('articles_published_idx').on('articles').columns(['status', 'published_at']).execute()

  await db.schema.createTable('activities')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('key', 'text', c => c.unique())
    .addColumn('street_id', 'integer', c => c.notNull().references('streets.id'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('category', 'text', c => c.notNull().check(sql`category IN ('publicity', 'training', 'volunteer', 'award', 'community')`))
    .addColumn('starts_at', 'text', c => c.notNull())
    .addColumn('ends_at', 'text', c => c.notNull())
    .addColumn('place', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull().defaultTo('draft').check(sql`status IN ('draft', 'submitted', 'published', 'returned', 'withdrawn')`))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('activities_street_idx').on('activities').columns(['status', 'street_id', 'starts_at']).execute()

  await db.schema.createTable('enterprises')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('uscc', 'text', c => c.notNull().unique().check(sql`length(uscc) = 18`))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('type', 'text', c => c.notNull())
    .addColumn('legal_representative', 'text', c => c.notNull())
    .addColumn('registered_capital', 'text', c => c.notNull())
    .addColumn('established_on', 'text', c => c.notNull())
    .addColumn('address', 'text', c => c.notNull())
    .addColumn('business_scope', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull().check(sql`status IN ('active', 'revoked', 'cancelled')`))
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'enterprises',
    'activities',
    'articles',
    'benefits',
    'streets',
    'districts',
  ])
    await db.schema.dropTable(table).execute()
}
