import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { EARTH_RADIUS_M } from '#common/geo'
import { engineOf } from '../engine'

// Benefits gain structured eligibility rules, how to claim, contact, and venues with coordinates.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('benefits').addColumn('rules', 'text', c => c.notNull().defaultTo('[]')).execute()
  await db.schema.alterTable('benefits').addColumn('claim_steps', 'text', c => c.notNull().defaultTo('[]')).execute()
  await db.schema.alterTable('benefits').addColumn('documents', 'text', c => c.notNull().defaultTo('[]')).execute()
  await db.schema.alterTable('benefits').addColumn('contact', 'text', c => c.notNull().defaultTo('')).execute()

  await db.schema.createTable('benefit_venues')
    .addColumn('id', 'integer', c => c.primaryKey())
    .addColumn('benefit_id', 'integer', c => c.notNull().references('benefits.id').onDelete('cascade'))
    .addColumn('sort_order', 'integer', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('address', 'text', c => c.notNull())
    .addColumn('hours', 'text', c => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('lat', 'real', c => c.notNull().check(sql`lat BETWEEN -90 AND 90`))
    .addColumn('lng', 'real', c => c.notNull().check(sql`lng BETWEEN -180 AND 180`))
    .execute()
  await db.schema.createIndex('benefit_venues_benefit_idx').on('benefit_venues').columns(['benefit_id', 'sort_order']).execute()
  await db.schema.createIndex('benefits_updated_idx').on('benefits').columns(['status', 'updated_at']).execute()
  // Great-circle distance in metres for "near me": SQLite gets it from the app when the connection opens
  // (database.ts); PostgreSQL keeps it in the schema, the same formula as common/geo.ts.
  if (engineOf(db) === 'postgres') {
    await sql`CREATE FUNCTION distance_m(lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT 2 * ${sql.lit(EARTH_RADIUS_M)} * asin(least(1, sqrt(
        sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lng2 - lng1) / 2) ^ 2))) $$`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('benefits_updated_idx').execute()
  await db.schema.dropTable('benefit_venues').execute()
  for (const column of [
    'contact',
    'documents',
    'claim_steps',
    'rules',
  ])
    await db.schema.alterTable('benefits').dropColumn(column).execute()
}
