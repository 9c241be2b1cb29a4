import type { Kysely } from 'kysely'
import type { DB } from '../../server/db/database'
import { Migrator } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase } from '../../server/db/database'
import { migrations } from '../../server/db/migrations/index'

/** Moves a database to any migration of the list (the app itself always goes to the latest). */
function migratorOf(db: DB) {
  return new Migrator({
    db,
    provider: {
      getMigrations: async () => migrations,
    },
  })
}

describe('migrations', () => {
  let close = () => {}
  afterEach(() => close())

  it('should render the bodies of articles written before 010 when the database is migrated', async () => {
    const { db, sqlite } = openDatabase(':memory:')
    close = () => sqlite.close()
    const migrator = migratorOf(db)
    const before = await migrator.migrateTo('009_media_lookup')
    expect(before.error).toBeUndefined()
    const old = db as unknown as Kysely<{ articles: Record<string, string | null> }>
    await old.insertInto('articles').values({
      key: 'old-article',
      kind: 'news',
      title: '旧文章',
      summary: '迁移前写的文章。',
      body: '## 小标题\n\n**重点**<script>x</script>',
      source: '测试',
      street_id: null,
      published_at: '2026-01-01T09:00:00+08:00',
      disclosure_until: null,
      tags: '[]',
      status: 'published',
      updated_at: '2026-01-01T09:00:00+08:00',
    }).execute()

    await migrateToLatest(db)

    const row = await db.selectFrom('articles').select(['body', 'body_html']).where('key', '=', 'old-article').executeTakeFirstOrThrow()
    expect(row.body).toBe('## 小标题\n\n**重点**<script>x</script>')
    expect(row.body_html).toBe('<h2>小标题</h2>\n<p><strong>重点</strong>&lt;script&gt;x&lt;/script&gt;</p>\n')
  })

  it('should mark as demo data the rows the seed wrote before 012, and not the content admins and staff wrote', async () => {
    const { db, sqlite } = openDatabase(':memory:')
    close = () => sqlite.close()
    const migrator = migratorOf(db)
    expect((await migrator.migrateTo('011_login_locks')).error).toBeUndefined()
    const old = db as unknown as Kysely<Record<string, Record<string, string | number | null>>>
    const article = (key: string) => ({
      key,
      kind: 'news',
      title: key,
      summary: '摘要。',
      body: '正文',
      body_html: '<p>正文</p>',
      source: '测试',
      street_id: null,
      published_at: '2026-01-01T09:00:00+08:00',
      disclosure_until: null,
      tags: '[]',
      status: 'published',
      updated_at: '2026-01-01T09:00:00+08:00',
    })
    // The seed's slug keys, and the key the article editor gives (article- and 12 hex digits).
    await old.insertInto('articles').values([
      article('credit-week-2026'),
      article('article-0a1b2c3d4e5f'),
    ]).execute()
    await old.insertInto('districts').values({ key: 'changning', name: '长宁区', name_en: 'Changning District' }).execute()
    await old.insertInto('streets').values({
      district_id: 1,
      key: 'jiangsu-road',
      name: '江苏路街道',
      name_en: 'Jiangsu Road Subdistrict',
      kind: 'street',
      intro: '介绍。',
      address: '地址',
      phone: '021-00000000',
      is_demonstration: 1,
      sort_order: 1,
    }).execute()
    const activity = (key: string | null) => ({
      key,
      street_id: 1,
      title: '活动',
      category: 'publicity',
      starts_at: '2026-01-01T09:00:00+08:00',
      ends_at: '2026-01-01T10:00:00+08:00',
      place: '广场',
      summary: '摘要。',
      body: '',
      body_html: '',
      status: 'published',
      published_at: null,
      created_at: '2026-01-01T09:00:00+08:00',
      updated_at: '2026-01-01T09:00:00+08:00',
    })
    await old.insertInto('activities').values([
      activity('seeded-activity'),
      activity(null),
    ]).execute()

    await migrateToLatest(db)

    const flags = async (table: 'articles' | 'activities' | 'streets') => (await db.selectFrom(table).select(['key', 'is_demo']).orderBy('id').execute()).map(r => [r.key, r.is_demo])
    expect(await flags('articles')).toEqual([
      ['credit-week-2026', 1],
      ['article-0a1b2c3d4e5f', 0],
    ])
    expect(await flags('activities')).toEqual([
      ['seeded-activity', 1],
      [null, 0],
    ])
    expect(await flags('streets')).toEqual([
      ['jiangsu-road', 1],
    ])
  })

  it('should mark nothing as demo data in a database the seed never wrote', async () => {
    const { db, sqlite } = openDatabase(':memory:')
    close = () => sqlite.close()
    const migrator = migratorOf(db)
    expect((await migrator.migrateTo('011_login_locks')).error).toBeUndefined()
    await sqlite.exec(`
      INSERT INTO districts (key, name, name_en) VALUES ('changning', '长宁区', 'Changning District');
      INSERT INTO streets (district_id, key, name, name_en, kind, intro, address, phone, is_demonstration, sort_order)
        VALUES (1, 'jiangsu-road', '江苏路街道', 'Jiangsu Road Subdistrict', 'street', '介绍。', '地址', '021-00000000', 1, 1);
      INSERT INTO articles (key, kind, title, summary, body, body_html, source, street_id, published_at, disclosure_until, tags, status, updated_at)
        VALUES ('article-00112233aabb', 'news', '真实文章', '摘要。', '正文', '<p>正文</p>', '区信用办', NULL, '2026-01-01T09:00:00+08:00', NULL, '[]', 'published', '2026-01-01T09:00:00+08:00');
    `)

    await migrateToLatest(db)

    expect(await db.selectFrom('streets').select('is_demo').execute()).toEqual([
      { is_demo: 0 },
    ])
    expect(await db.selectFrom('articles').select('is_demo').execute()).toEqual([
      { is_demo: 0 },
    ])
  })

  it('should let a person be on file without a phone after 014, keeping every person and every reference to them', async () => {
    const { db, sqlite } = openDatabase(':memory:')
    close = () => sqlite.close()
    const migrator = migratorOf(db)
    expect((await migrator.migrateTo('013_intake')).error).toBeUndefined()
    sqlite.exec(`
      INSERT INTO persons (key, name, id_hash, id_masked, birth_date, phone, street_id, created_at, is_demo)
        VALUES ('zhao', '赵静文', 'hash-1', '3101**********3387', '1984-03-12', '13800000000', NULL, '2026-01-01T00:00:00Z', 1);
      INSERT INTO credit_records (person_id, category, kind, title, content, authority, decided_on, created_at)
        VALUES (1, 'welfare', 'fact', '志愿服务', '社区志愿服务 120 小时。', '长宁区志愿者协会', '2026-01-01', '2026-01-01T00:00:00Z');
      INSERT INTO credit_reports (number, verification_hash, person_id, name_masked, channel, issued_at, valid_until)
        VALUES ('CN-1', 'v', 1, '赵**', 'app', '2026-01-02T00:00:00Z', '2026-04-02');
    `)

    await migrateToLatest(db)

    expect(await db.selectFrom('persons').select(['id', 'key', 'phone', 'is_demo']).execute()).toEqual([
      {
        id: 1,
        key: 'zhao',
        phone: '13800000000',
        is_demo: 1,
      },
    ])
    await db.insertInto('persons').values({
      key: 'no-phone',
      name: '某某',
      id_hash: 'hash-2',
      id_masked: 'x',
      birth_date: '1949-12-31',
      phone: null,
      street_id: null,
      created_at: '2026-01-03T00:00:00Z',
    }).execute()
    await expect(db.insertInto('persons').values({
      key: 'short',
      name: '某',
      id_hash: 'hash-3',
      id_masked: 'x',
      birth_date: '1949-12-31',
      phone: '123',
      street_id: null,
      created_at: '2026-01-03T00:00:00Z',
    }).execute()).rejects.toThrow(/CHECK/)
    // The references still point at persons: a report for nobody is refused, and deleting a person takes its records.
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    await expect(db.insertInto('credit_reports').values({
      number: 'CN-2',
      verification_hash: 'v',
      person_id: 99,
      name_masked: 'x',
      channel: 'app',
      issued_at: 'x',
      valid_until: 'x',
    }).execute()).rejects.toThrow(/FOREIGN KEY/)
    await db.deleteFrom('credit_reports').execute()
    await db.deleteFrom('persons').where('key', '=', 'zhao').execute()
    expect(await db.selectFrom('credit_records').select('id').execute()).toEqual([])
  })
})
