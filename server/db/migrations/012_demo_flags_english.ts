import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { engineOf } from '../engine'

// Two things a record now says about itself:
// - is_demo: it is fictional demo content written by the seed, so the app marks it "示例数据" — not every record of a
//   deployment that happens to hold demo data (an article an admin writes in a demo deployment is real content).
// - en: English versions of its staff-authored texts (JSON, server/schemas/english.ts), shown in English mode.
const DEMO_TABLES = [
  'streets',
  'benefits',
  'articles',
  'activities',
  'enterprises',
  'persons',
] as const
const ENGLISH_TABLES = [
  'streets',
  'street_practices',
  'benefits',
  'benefit_venues',
  'articles',
  'activities',
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of DEMO_TABLES)
    await db.schema.alterTable(table).addColumn('is_demo', 'integer', c => c.notNull().defaultTo(0)).execute()
  for (const table of ENGLISH_TABLES)
    await db.schema.alterTable(table).addColumn('en', 'text').execute()

  // Rows written before this migration: the seed gave its benefits and articles slug keys, the editors give
  // `benefit-`/`article-` and 12 hex digits; seeded activities have a key, staff-written ones none. Streets,
  // enterprises and persons were written only by the seed, which writes them together with its slug-keyed content:
  // they are demo data where that content is.
  if (engineOf(db) === 'postgres') {
    await sql`UPDATE benefits SET is_demo = 1 WHERE key !~ '^benefit-[0-9a-f]{12}$'`.execute(db)
    await sql`UPDATE articles SET is_demo = 1 WHERE key !~ '^article-[0-9a-f]{12}$'`.execute(db)
  }
  else {
    await sql`UPDATE benefits SET is_demo = 1 WHERE key NOT GLOB 'benefit-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'`.execute(db)
    await sql`UPDATE articles SET is_demo = 1 WHERE key NOT GLOB 'article-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'`.execute(db)
  }
  await sql`UPDATE activities SET is_demo = 1 WHERE key IS NOT NULL`.execute(db)
  const seeded = await sql<{ n: number }>`SELECT (SELECT count(*) FROM benefits WHERE is_demo = 1) + (SELECT count(*) FROM articles WHERE is_demo = 1) AS n`.execute(db)
  if (Number(seeded.rows[0]?.n ?? 0) > 0) {
    for (const table of ['streets', 'enterprises', 'persons'] as const)
      await sql`UPDATE ${sql.table(table)} SET is_demo = 1`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ENGLISH_TABLES)
    await db.schema.alterTable(table).dropColumn('en').execute()
  for (const table of DEMO_TABLES)
    await db.schema.alterTable(table).dropColumn('is_demo').execute()
}
