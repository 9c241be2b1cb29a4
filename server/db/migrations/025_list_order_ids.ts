import type { Kysely } from 'kysely'

// The benefits' and the articles' lists are read newest first, ties by id: `updated_at desc, id desc` and
// `published_at desc, id desc`. Their indexes (001, 002) held the date alone. SQLite's indexes end in the row's id, so it
// read them in the full order anyway; PostgreSQL's do not, so it sorted every row of a date before it could give the
// first ones. A search's page read in the list's order (repositories/search.ts textFilter) then read all 5,000
// benefits of the scale data set, whose demo dates are few: 14 ms. With the id in the index, PostgreSQL stops at the
// page as SQLite does (2 ms). Same names; the benefits' index also holds their dates, as 024's does per category, so
// a page read in order checks them before it reads a benefit.
const INDEXES = [
  {
    name: 'benefits_updated_idx',
    table: 'benefits',
    before: ['status', 'updated_at'],
    after: [
      'status',
      'updated_at',
      'id',
      'valid_from',
      'valid_to',
    ],
  },
  {
    name: 'articles_published_idx',
    table: 'articles',
    before: ['status', 'published_at'],
    after: ['status', 'published_at', 'id'],
  },
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).execute()
    await db.schema.createIndex(index.name).on(index.table).columns(index.after).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).execute()
    await db.schema.createIndex(index.name).on(index.table).columns(index.before).execute()
  }
}
