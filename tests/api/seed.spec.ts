import type { DB } from '../../server/db/database'
import type { TestApp } from './helpers'
import { rmSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations as migrationList } from '../../server/db/migrations/index'
import { bodyColumns } from '../../server/lib/markdown'
import { addMonths, toShanghaiIso } from '../../server/lib/time'
import { loadSeedData } from '../../server/seed/data/load'
import { DEMO_CONTENT_AS_OF, seedDemoData } from '../../server/seed/index'
import { ENGINE } from './engine'
import { buildTestApp, getOk, makeTempDir, steadyNow } from './helpers'

const { activities, articles, benefits, enterprises, persons, streets } = loadSeedData()

const TABLES = [
  'districts',
  'streets',
  'benefits',
  'articles',
  'activities',
  'enterprises',
  'persons',
  'credit_records',
] as const
type Counts = Record<typeof TABLES[number], number>

async function countRows(db: DB): Promise<Counts> {
  const counts = {} as Counts
  for (const table of TABLES) {
    const row = await db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

describe('demo data and database setup', () => {
  describe('first start on an empty database', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await buildTestApp()
    })
    afterAll(async () => {
      await t.close()
    })

    it('should seed every demo record when the database file is new', async () => {
      const counts = await countRows(t.app.db)
      expect(counts).toEqual({
        districts: 1,
        streets: 10,
        benefits: benefits.length,
        articles: articles.length,
        activities: activities.length,
        enterprises: enterprises.length,
        persons: persons.length,
        credit_records: [
          ...enterprises,
          ...persons,
        ].reduce((n, s) => n + (s.records?.length ?? 0), 0),
      })
      expect(streets).toHaveLength(10)
      for (const n of Object.values(counts))
        expect(n).toBeGreaterThan(0)
    })

    it('should insert nothing and report all-zero counts when seedDemoData runs again', async () => {
      const before = await countRows(t.app.db)
      const inserted = await seedDemoData(t.app.db, { secret: t.config.secret, passwordHashCost: 'fast' })
      expect(inserted).toEqual({
        streets: 0,
        benefits: 0,
        articles: 0,
        activities: 0,
        enterprises: 0,
        persons: 0,
        records: 0,
        kiosks: 0,
        accounts: 0,
        cases: 0,
      })
      expect(await countRows(t.app.db)).toEqual(before)
    })

    it('should record every numbered migration when the database has been migrated', async () => {
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.app.db)
      expect(rows.rows.map(r => r.name)).toEqual(Object.keys(migrationList).sort())
    })

    it('should run with the engine\'s settings the app relies on when the database is open', async () => {
      if (ENGINE === 'sqlite') {
        // WAL journaling (readers never wait for the writer) and foreign keys enforced (SQLite's default is off).
        const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.app.db)
        expect(journal.rows[0]?.journal_mode).toBe('wal')
        const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(t.app.db)
        expect(fk.rows[0]?.foreign_keys).toBe(1)
      }
      else {
        // UTF-8, and text compared by code point as SQLite does (prefix ranges, the order of names and codes).
        const database = await sql<{ encoding: string, collate: string }>`select pg_encoding_to_char(encoding) as encoding, datcollate as collate from pg_database where datname = current_database()`.execute(t.app.db)
        expect(database.rows[0]).toEqual({ encoding: 'UTF8', collate: 'C.UTF-8' })
      }
    })

    it('should reject a row that points to a missing street when foreign keys are enforced', async () => {
      const now = steadyNow().toISOString()
      await expect(t.app.db.insertInto('activities').values({
        key: 'test-orphan',
        street_id: 999_999,
        title: '孤立的活动',
        category: 'community',
        starts_at: now,
        ends_at: now,
        place: '无',
        summary: '无',
        ...bodyColumns('无'),
        status: 'published',
        published_at: now,
        created_at: now,
        updated_at: now,
      }).execute()).rejects.toThrow(/FOREIGN KEY/i)
    })

    it('should reject a value outside the closed vocabulary when the database checks it', async () => {
      await expect(sql`update benefits set category = 'casino' where key = 'library-deposit-free'`.execute(t.app.db))
        .rejects
        .toThrow(/CHECK/i)
    })
  })

  describe('restarting on an existing database', () => {
    let dir: string
    beforeAll(() => {
      dir = makeTempDir()
    })
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('should keep the same rows without duplicates when the app is built twice on the same file', async () => {
      const first = await buildTestApp({ dir })
      const before = await countRows(first.app.db)
      const benefitIds = (await first.app.db.selectFrom('benefits').select(['id', 'key']).orderBy('id').execute())
      await first.app.close()

      const second = await buildTestApp({ dir })
      try {
        expect(await countRows(second.app.db)).toEqual(before)
        expect(await second.app.db.selectFrom('benefits').select(['id', 'key']).orderBy('id').execute()).toEqual(benefitIds)
        const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(second.app.db)
        expect(migrations.rows).toHaveLength(Object.keys(migrationList).length)
        const res = await second.app.inject({ method: 'GET', url: '/api/streets' })
        expect(res.json<{ total: number }>().total).toBe(10)
      }
      finally {
        await second.app.close()
      }
    })

    it('should keep an edit made by staff when the app restarts', async () => {
      const first = await buildTestApp({ dir })
      await first.app.db.updateTable('benefits').set({ title: '已被编辑的标题' }).where('key', '=', 'library-deposit-free').execute()
      await first.app.close()

      const second = await buildTestApp({ dir })
      try {
        const row = await second.app.db.selectFrom('benefits').select('title').where('key', '=', 'library-deposit-free').executeTakeFirstOrThrow()
        expect(row.title).toBe('已被编辑的标题')
      }
      finally {
        await second.app.close()
      }
    })
  })

  describe('starting with demo data switched off', () => {
    let t: TestApp
    beforeAll(async () => {
      t = await buildTestApp({
        env: { SEED_DEMO_DATA: 'false' },
      })
    })
    afterAll(async () => {
      await t.close()
    })

    it('should leave an empty database empty when SEED_DEMO_DATA=false', async () => {
      expect(t.config.seedDemoData).toBe(false)
      expect(await countRows(t.app.db)).toEqual({
        districts: 0,
        streets: 0,
        benefits: 0,
        articles: 0,
        activities: 0,
        enterprises: 0,
        persons: 0,
        credit_records: 0,
      })
    })

    it.each([
      '/api/streets',
      '/api/benefits',
      '/api/articles',
      '/api/activities',
      '/api/enterprises',
    ])(
      'should answer %s with an empty list and total 0 when nothing was seeded',
      async (url) => {
        const res = await t.app.inject({ method: 'GET', url })
        expect(res.statusCode).toBe(200)
        const body = res.json<{ items: unknown[], total: number }>()
        expect(body.items).toEqual([])
        expect(body.total).toBe(0)
      },
    )

    it('should still be healthy and migrated when nothing was seeded', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.statusCode).toBe(200)
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(t.app.db)
      expect(rows.rows.map(r => r.name)).toEqual(Object.keys(migrationList).sort())
    })
  })

  describe('seeding long after the demo content was written', () => {
    // Noon in Shanghai, fourteen months and two days after the content's day (a 31st becomes a 30th or a 28th).
    const later = new Date('2028-01-31T04:00:00Z')
    const ON_THE_DAY = new Date(`${DEMO_CONTENT_AS_OF}T04:00:00Z`)
    let onTheDay: TestApp
    let seededLater: TestApp
    beforeAll(async () => {
      onTheDay = await buildTestApp({
        clock: () => ON_THE_DAY,
      })
      seededLater = await buildTestApp({
        clock: () => later,
      })
    })
    afterAll(async () => {
      await onTheDay.close()
      await seededLater.close()
    })

    it('should move every activity, article and benefit date on by the whole months since, keeping the times of day', async () => {
      const activity = activities[0]!
      const row = await seededLater.app.db.selectFrom('activities').select(['starts_at', 'ends_at']).where('key', '=', activity.key).executeTakeFirstOrThrow()
      expect(row.starts_at).toBe(`${addMonths(activity.startsAt.slice(0, 10), 14)}${activity.startsAt.slice(10)}`)
      expect(row.ends_at.slice(10)).toBe(activity.endsAt.slice(10))
      const exposure = articles.find(a => a.disclosureUntil !== null)!
      const article = await seededLater.app.db.selectFrom('articles').select(['published_at', 'disclosure_until']).where('key', '=', exposure.key).executeTakeFirstOrThrow()
      expect(article.disclosure_until).toBe(addMonths(exposure.disclosureUntil!, 14))
      expect(article.published_at).toBe(`${addMonths(exposure.publishedAt.slice(0, 10), 14)}${exposure.publishedAt.slice(10)}`)
      const benefit = benefits.find(b => b.validTo !== null)!
      const stored = await seededLater.app.db.selectFrom('benefits').select(['valid_from', 'valid_to']).where('key', '=', benefit.key).executeTakeFirstOrThrow()
      expect(stored).toEqual({
        valid_from: addMonths(benefit.validFrom, 14),
        valid_to: addMonths(benefit.validTo!, 14),
      })
    })

    it('should show residents as many current measures, upcoming activities and disclosed cases as on the day it was written', async () => {
      const seen = async (t: TestApp) => ({
        benefits: (await getOk<{ total: number }>(t.app, '/api/benefits?pageSize=1')).total,
        exposures: (await getOk<{ total: number }>(t.app, '/api/articles?kind=exposure&pageSize=1')).total,
        upcoming: Number((await t.app.db.selectFrom('activities').select(eb => eb.fn.countAll<number>().as('n')).where('starts_at', '>', toShanghaiIso(t.config.clock())).executeTakeFirstOrThrow()).n),
      })
      const before = await seen(onTheDay)
      expect(before.upcoming).toBeGreaterThan(0)
      expect(await seen(seededLater)).toEqual(before)
    })
  })
})
