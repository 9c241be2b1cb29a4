import type { Kysely } from 'kysely'

// Indexes for a district's volume: "near me" first looks in a small box around the resident (repositories/benefits.ts)
// instead of measuring every benefit's venues, and reads the box from the venues' places; the activities list (and
// a search of it) reads activities newest first from an index, stopping at the page, instead of sorting them all; a
// search of firms by a common word (上海, 科技) reads them in name order from an index the same way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('benefit_venues_place_idx').on('benefit_venues').columns(['lat', 'lng', 'benefit_id']).execute()
  await db.schema.createIndex('activities_starts_idx').on('activities').columns(['status', 'starts_at', 'id']).execute()
  await db.schema.createIndex('enterprises_name_idx').on('enterprises').columns(['name', 'id']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('enterprises_name_idx').execute()
  await db.schema.dropIndex('activities_starts_idx').execute()
  await db.schema.dropIndex('benefit_venues_place_idx').execute()
}
