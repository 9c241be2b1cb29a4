import type { Kysely } from 'kysely'
import { Migrator } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateToLatest, openDatabase } from '../../server/db/database'
import { migrations } from '../../server/db/migrations/index'

describe('migrations', () => {
  let close = () => {}
  afterEach(() => close())

  it('should render the bodies of articles written before 010 when the database is migrated', async () => {
    const { db, sqlite } = openDatabase(':memory:')
    close = () => sqlite.close()
    const migrator = new Migrator({
      db,
      provider: {
        getMigrations: async () => migrations,
      },
    })
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
})
