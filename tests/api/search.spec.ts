import type { Expression, SqlBool } from 'kysely'
import type { Activity, ActivityList, Article, ArticleList, BenefitList, EnterpriseList, SearchResults } from '#schemas/resources'
import type { ErrorEnvelope, TestApp } from './helpers'
import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usccCheckChar } from '#common/codes/uscc'
import { engineSql } from '../../server/db/engine'
import { bodyColumns } from '../../server/lib/markdown'
import { createArticleRepository } from '../../server/repositories/articles'
import { createBenefitRepository } from '../../server/repositories/benefits'
import { createEnterpriseRepository } from '../../server/repositories/enterprises'
import { COMMON_ROWS, containsText, contentHasShort, filterByText, firmNameHasShort } from '../../server/repositories/search'
import { COUNT_CAP, PREVIEW_COUNT_CAP } from '../../server/repositories/shared'
import { ENGINE } from './engine'
import { buildTestApp, getOk, insertArticle, insertBenefit, listAllPages, seededDate, shanghaiDate, steadyNow } from './helpers'

// The one search box on the home screen: benefits, articles and activities, five of each with the group's total.
// The totals are checked against what the list endpoints (and, where those have no q, the detail pages) say.

const GROUPS = ['benefits', 'articles', 'activities'] as const

/** A firm of the register to insert, by the first 17 characters of its code (the check character added) and its name. */
function testFirm(first17: string, name: string) {
  return {
    uscc: `${first17}${usccCheckChar(first17)}`,
    name,
    type: '有限责任公司',
    legal_representative: '张三',
    registered_capital: '100万元人民币',
    established_on: '2020-01-01',
    address: '上海市长宁区',
    business_scope: '测试',
    status: 'active' as const,
    updated_at: steadyNow().toISOString(),
  }
}

describe('search', () => {
  let t: TestApp

  const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

  async function search(q: string): Promise<SearchResults> {
    return get<SearchResults>(`/api/search?q=${encodeURIComponent(q)}`)
  }

  const listAll = <T>(path: string): Promise<T[]> => listAllPages<T>(t.app, path)

  /** Published articles whose title, summary or body contain q, in list order (what the articles group should be). */
  async function articlesMatching(q: string): Promise<number[]> {
    const ids: number[] = []
    for (const a of await listAll<ArticleList['items'][number]>('/api/articles')) {
      const full = await get<Article>(`/api/articles/${a.id}`)
      if ([full.title, full.summary, full.body].some(s => s.includes(q)))
        ids.push(a.id)
    }
    return ids
  }

  /** Published activities whose title, summary or place contain q, in feed order. */
  async function activitiesMatching(q: string): Promise<number[]> {
    const ids: number[] = []
    for (const a of await listAll<ActivityList['items'][number]>('/api/activities')) {
      const full = await get<Activity>(`/api/activities/${a.id}`)
      if ([full.title, full.summary, full.place].some(s => s.includes(q)))
        ids.push(a.id)
    }
    return ids
  }

  async function insertActivity(key: string, values: { title?: string, place?: string, summary?: string }): Promise<number> {
    const street = await t.app.db.selectFrom('streets').select('id').where('key', '=', 'tianshan-road').executeTakeFirstOrThrow()
    const now = steadyNow().toISOString()
    const result = await t.app.db.insertInto('activities').values({
      key,
      street_id: street.id,
      title: values.title ?? `测试活动 ${key}`,
      category: 'community',
      starts_at: '2019-06-01T09:00:00+08:00',
      ends_at: '2019-06-01T11:00:00+08:00',
      place: values.place ?? '测试地点',
      summary: values.summary ?? '测试用的活动。',
      ...bodyColumns('测试正文。'),
      status: 'published',
      published_at: now,
      created_at: now,
      updated_at: now,
    }).returning('id').executeTakeFirstOrThrow()
    return result.id
  }

  async function expectInvalid(query: string): Promise<void> {
    const res = await t.app.inject({ method: 'GET', url: `/api/search${query}` })
    expect(res.statusCode, `${query}: ${res.body}`).toBe(400)
    expect(res.json<ErrorEnvelope>().error.code, query).toBe('VALIDATION_FAILED')
  }

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  describe('results', () => {
    it('should return benefits, articles and activities, at most 5 of each with a total at least as large, when 信用 is searched', async () => {
      const body = await search('信用')
      expect(Object.keys(body).sort()).toEqual([
        'activities',
        'articles',
        'benefits',
        'q',
      ])
      expect(body.q).toBe('信用')
      for (const group of GROUPS) {
        expect(body[group].items.length, group).toBeGreaterThan(0)
        expect(body[group].items.length, group).toBeLessThanOrEqual(5)
        expect(body[group].total, group).toBeGreaterThanOrEqual(body[group].items.length)
        expect(new Set(body[group].items.map(i => i.id)).size, group).toBe(body[group].items.length)
      }
      // 信用 is everywhere in this app: each group has more than fits.
      for (const group of GROUPS)
        expect(body[group].total, group).toBeGreaterThan(5)
    })

    it('should report the same totals and first items as the lists when the same words are searched', async () => {
      for (const q of ['信用', '江苏路', '志愿', '修复']) {
        const body = await search(q)

        const benefits = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent(q)}&pageSize=5`)
        expect(body.benefits.total, q).toBe(benefits.total)
        expect(body.benefits.items, q).toEqual(benefits.items)

        const articles = await articlesMatching(q)
        expect(body.articles.total, q).toBe(articles.length)
        expect(body.articles.items.map(a => a.id), q).toEqual(articles.slice(0, 5))

        const activities = await activitiesMatching(q)
        expect(body.activities.total, q).toBe(activities.length)
        expect(body.activities.items.map(a => a.id), q).toEqual(activities.slice(0, 5))
      }
    })

    it('should ignore surrounding spaces in the query when the words are padded', async () => {
      const plain = await search('信用')
      const padded = await search('  信用 ')
      expect(padded).toEqual(plain)
    })

    it('should find an article only in the articles group when the words appear only in its title', async () => {
      const id = await insertArticle(t.app.db, { key: 'test-search-title', kind: 'news', title: '仅见于标题的检索词甲乙' })
      const body = await search('检索词甲乙')
      expect(body.articles.total).toBe(1)
      expect(body.articles.items[0]).toMatchObject({ id, title: '仅见于标题的检索词甲乙', kind: 'news' })
      expect(body.benefits).toEqual({ items: [], total: 0 })
      expect(body.activities).toEqual({ items: [], total: 0 })
    })

    it('should find an activity only in the activities group when the words appear only in its place', async () => {
      const id = await insertActivity('test-search-place', { place: '天山路某小区检索地点丙丁' })
      const body = await search('检索地点丙丁')
      expect(body.activities.total).toBe(1)
      expect(body.activities.items[0]).toMatchObject({
        id,
        place: '天山路某小区检索地点丙丁',
        street: { key: 'tianshan-road' },
      })
      expect(body.benefits).toEqual({ items: [], total: 0 })
      expect(body.articles).toEqual({ items: [], total: 0 })
    })

    it('should find a benefit only in the benefits group when the words appear only in its provider', async () => {
      const id = await insertBenefit(t.app.db, { key: 'test-search-provider', provider: '检索提供方戊己服务中心' })
      const body = await search('检索提供方戊己')
      expect(body.benefits.total).toBe(1)
      expect(body.benefits.items[0]).toMatchObject({ id, provider: '检索提供方戊己服务中心' })
      expect(body.articles).toEqual({ items: [], total: 0 })
      expect(body.activities).toEqual({ items: [], total: 0 })
    })

    it('should find a seeded activity by its place and a seeded benefit by its provider when their words are searched', async () => {
      const place = await search('古北国际社区睦邻广场')
      expect(place.activities.items.map(a => a.title)).toContain('中外居民“诚信邻里节”')
      const provider = await search('长宁区图书馆')
      expect(provider.benefits.items.map(b => b.title)).toContain('长宁区图书馆信用免押借阅')
    })

    it('should return three empty groups when nothing matches', async () => {
      expect(await search('完全不存在的检索内容')).toEqual({
        q: '完全不存在的检索内容',
        benefits: { items: [], total: 0 },
        articles: { items: [], total: 0 },
        activities: { items: [], total: 0 },
      })
    })
  })

  describe('visibility', () => {
    it('should never return a benefit after its last valid day, nor an unpublished one, when it matches', async () => {
      const token = '过期检索测试措施'
      const expired = await insertBenefit(t.app.db, {
        key: 'test-search-expired',
        title: `${token}·昨日到期`,
        validTo: shanghaiDate(-1),
      })
      const lastDay = await insertBenefit(t.app.db, {
        key: 'test-search-last-day',
        title: `${token}·今日到期`,
        validTo: shanghaiDate(0),
      })
      const draft = await insertBenefit(t.app.db, { key: 'test-search-draft', title: `${token}·草稿`, status: 'draft' })
      const archived = await insertBenefit(t.app.db, { key: 'test-search-archived', title: `${token}·归档`, status: 'archived' })
      const body = await search(token)
      expect(body.benefits.total).toBe(1)
      expect(body.benefits.items.map(b => b.id)).toEqual([lastDay])
      for (const id of [expired, draft, archived])
        expect(body.benefits.items.map(b => b.id)).not.toContain(id)
    })

    it('should never return an exposure case after its disclosure period, nor unpublished articles, when it matches', async () => {
      const token = '披露期检索测试'
      const ended = await insertArticle(t.app.db, {
        key: 'test-search-exposure-ended',
        kind: 'exposure',
        title: `${token}·已结束`,
        disclosureUntil: shanghaiDate(-1),
      })
      const running = await insertArticle(t.app.db, {
        key: 'test-search-exposure-running',
        kind: 'exposure',
        title: `${token}·公示中`,
        disclosureUntil: shanghaiDate(1),
      })
      const draft = await insertArticle(t.app.db, { key: 'test-search-article-draft', title: `${token}·草稿`, status: 'draft' })
      const body = await search(token)
      expect(body.articles.total).toBe(1)
      expect(body.articles.items.map(a => a.id)).toEqual([running])
      expect(body.articles.items.map(a => a.id)).not.toContain(ended)
      expect(body.articles.items.map(a => a.id)).not.toContain(draft)
    })

    it('should return a seeded exposure case exactly while its disclosure period lasts when its words are searched', async () => {
      const today = shanghaiDate(0)
      const cases = [
        { words: '超过保质期食品', until: '2026-06-30' }, // zhilan-catering-penalty
        { words: '预收资金存管', until: '2026-03-31' }, // ruiyue-fitness-prepaid-penalty
        { words: '停止履约', until: '2027-06-30' }, // mingtuo-decoration-revoked
      ]
      for (const { words, until } of cases) {
        const body = await search(words)
        const exposures = body.articles.items.filter(a => a.kind === 'exposure')
        expect(exposures.length, words).toBe(today <= seededDate(until)
          ? 1
          : 0)
      }
      const all = await search('失信')
      for (const a of all.articles.items)
        expect(a.disclosureUntil === null || a.disclosureUntil >= today, a.title).toBe(true)
    })
  })

  describe('validation', () => {
    it('should answer 400 VALIDATION_FAILED when q is empty, only spaces, missing or too long', async () => {
      await expectInvalid('?q=')
      await expectInvalid('?q=%20%20%20')
      await expectInvalid('?q=%20')
      await expectInvalid('')
      await expectInvalid(`?q=${'a'.repeat(51)}`)
      await expectInvalid(`?q=${encodeURIComponent('信'.repeat(51))}`)
    })

    it('should accept a 50-character query when it is exactly at the limit', async () => {
      const body = await search('信'.repeat(50))
      expect(body.q).toBe('信'.repeat(50))
      expect(body.benefits.total + body.articles.total + body.activities.total).toBe(0)
    })

    it('should answer 400 VALIDATION_FAILED when an unknown parameter is sent', async () => {
      await expectInvalid('?q=%E4%BF%A1%E7%94%A8&page=2')
      await expectInvalid('?q=%E4%BF%A1%E7%94%A8&category=culture')
      await expectInvalid('?q=%E4%BF%A1%E7%94%A8&foo=1')
    })

    it('should answer errors in the usual envelope that no cache keeps when the query is invalid', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/search?q=' })
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.headers['cache-control']).toBe('no-store')
      const { error } = res.json<ErrorEnvelope>()
      expect(error.message.length).toBeGreaterThan(0)
      expect(error.details?.[0]?.field).toBe('querystring.q')
    })
  })

  describe('caching', () => {
    it('should send cache-control public, no-cache and an ETag, and 304 when the ETag is sent back', async () => {
      const url = `/api/search?q=${encodeURIComponent('信用')}`
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('public, no-cache')
      const etag = res.headers.etag
      expect(typeof etag).toBe('string')
      expect(String(etag)).toMatch(/^(?:W\/)?".+"$/)
      const again = await t.app.inject({
        method: 'GET',
        url,
        headers: {
          'if-none-match': String(etag),
        },
      })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
      const other = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('志愿')}` })
      expect(other.headers.etag).not.toBe(etag)
    })
  })
})

// Searches of three or more characters are answered by the FTS5 trigram indexes (migration 016), kept in step with
// every write by triggers; one or two characters still scan. Either way the answer is every row containing the
// text, as before the index.
describe('search by index', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  const firms = async (q: string) => (await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent(q)}&pageSize=50`)).items
  const everyFirmNamed = async (q: string) => (await t.app.db.selectFrom('enterprises').select('uscc').execute()).length > 0
    ? (await t.app.db.selectFrom('enterprises').select(['uscc', 'name']).execute()).filter(e => e.name.includes(q)).map(e => e.uscc).sort()
    : []

  it('should find exactly the firms whose names contain the text, for long and short queries alike', async () => {
    for (const q of [
      '长宁',
      '餐',
      '知岚餐饮',
      '有限公司',
      '上海长宁知岚餐饮管理有限公司',
    ]) {
      const found = (await firms(q)).map(f => f.uscc).sort()
      expect(found, q).toEqual(await everyFirmNamed(q))
      expect(found.length, q).toBeGreaterThan(0)
    }
  })

  it('should give as total exactly the number of firms whose names hold the text, each firm once, as firms come and go', async () => {
    const total = async (q: string) => (await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent(q)}`)).total
    // 双 and 餐 twice, the pair 双双 once and 餐饮 twice: each firm counts once however often its name holds the text.
    const twice = testFirm('91310105TWXCE0001', '上海双双餐饮餐具餐饮管理有限公司')
    const queries = [
      '双',
      '餐',
      '双双',
      '餐饮',
      '双双餐',
      '餐饮管理',
      '长宁',
    ]
    const before = await Promise.all(queries.map(total))
    const { id } = await t.app.db.insertInto('enterprises').values(twice).returning('id').executeTakeFirstOrThrow()
    for (const q of queries) {
      const expected = (await everyFirmNamed(q)).length
      expect(expected, q).toBeLessThanOrEqual(COUNT_CAP)
      expect(await total(q), q).toBe(expected)
      // A page past the last has no firms but the same total.
      const past = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent(q)}&page=${expected + 1}&pageSize=1`)
      expect(past, q).toMatchObject({ items: [], total: expected })
      // The last page's one firm carries the same total as the first page.
      const last = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent(q)}&page=${expected}&pageSize=1`)
      expect(last.items, q).toHaveLength(1)
      expect(last.total, q).toBe(expected)
    }
    await t.app.db.deleteFrom('enterprises').where('id', '=', id).execute()
    expect(await Promise.all(queries.map(total))).toEqual(before)
  })

  it('should list the firm whose whole code was typed first, and find firms by a code prefix', async () => {
    const all = await t.app.db.selectFrom('enterprises').select(['uscc']).orderBy('uscc').execute()
    const target = all[all.length - 1]!.uscc
    const exact = await firms(target)
    expect(exact[0]?.uscc).toBe(target)
    const prefix = target.slice(0, 12)
    expect((await firms(prefix.toLowerCase())).map(f => f.uscc).sort()).toEqual(all.map(e => e.uscc).filter(u => u.startsWith(prefix)))
  })

  it('should find a firm by its new name once renamed, and no longer by the old one', async () => {
    const firm = await t.app.db.selectFrom('enterprises').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow()
    await t.app.db.updateTable('enterprises').set({ name: '上海甲乙丙丁戊己庚辛有限公司' }).where('id', '=', firm.id).execute()
    expect((await firms('丙丁戊己')).map(f => f.id)).toEqual([firm.id])
    // One and two characters come from the name's character pairs, kept in step too.
    expect((await firms('庚辛')).map(f => f.id)).toEqual([firm.id])
    expect((await firms('庚')).map(f => f.id)).toEqual([firm.id])
    expect((await firms(firm.name)).map(f => f.id)).not.toContain(firm.id)
    await t.app.db.updateTable('enterprises').set({ name: firm.name }).where('id', '=', firm.id).execute()
    expect((await firms(firm.name)).map(f => f.id)).toContain(firm.id)
    expect(await firms('丙丁戊己')).toEqual([])
    expect(await firms('庚辛')).toEqual([])
    expect(await firms('庚')).toEqual([])
  })

  it('should take quotes and search operators as plain text, not as index syntax', async () => {
    for (const q of [
      '"长宁"',
      '长宁 OR 有限',
      'NEAR(长宁 有限)',
      '长宁*',
      '^长宁',
      '"',
      'a"b"c',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })
      expect(res.statusCode, q).toBe(200)
      const firmRes = await t.app.inject({ method: 'GET', url: `/api/enterprises?q=${encodeURIComponent(q)}` })
      expect(firmRes.statusCode, q).toBe(200)
      expect(firmRes.json<EnterpriseList>().total, q).toBe((await everyFirmNamed(q)).length)
    }
  })

  it('should forget a deleted article and find a benefit by a tag but not by the JSON around the tags', async () => {
    const id = await insertArticle(t.app.db, { key: 'test-index-gone', title: '索引删除测试文章甲乙', status: 'published' })
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('索引删除测试')}`)).articles.items.map(a => a.id)).toEqual([id])
    await t.app.db.deleteFrom('articles').where('id', '=', id).execute()
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('索引删除测试')}`)).articles.total).toBe(0)

    const benefit = await insertBenefit(t.app.db, {
      key: 'test-index-tag',
      tags: ['索引标签甲', '索引标签乙'],
    })
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('索引标签乙')}`)).benefits.items.map(b => b.id)).toEqual([benefit])
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('","')}`)).benefits.total).toBe(0)
  })

  /**
   * The plan of a firm search by `where`, as the engine reads it: SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN
   * with sequential scans priced out (on a table this small it would rather read every row than any index, so
   * this shows that the index can answer the query as written — that its expression is the indexed one).
   */
  async function planOf(where: Expression<SqlBool>): Promise<string> {
    return planOfQuery(t.app.db.selectFrom('enterprises').select('id').where(where).compile())
  }
  /**
   * On PostgreSQL, reading the whole name index (021) is the other way to avoid a sequential scan: unless the plan is
   * about that index, it is taken away for the plan, in a transaction rolled back after it, as are the indexes named in
   * `without`. `noSort` prices sorting out as well.
   */
  async function planOfQuery(query: CompiledQuery, { nameIndex = false, noSort = false, without = [] as string[] } = {}): Promise<string> {
    if (ENGINE === 'sqlite') {
      const plan = await t.app.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]))
      return plan.rows.map(r => r.detail).join('\n')
    }
    class Planned extends Error {}
    try {
      await t.app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx)
        // Sorting priced out too, where the question is whether an index gives the rows in the order asked for.
        if (noSort)
          await sql`SET LOCAL enable_sort = off`.execute(trx)
        if (!nameIndex)
          await sql`DROP INDEX enterprises_name_idx`.execute(trx)
        for (const index of without)
          await sql`DROP INDEX ${sql.ref(index)}`.execute(trx)
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]))
        throw new Planned(plan.rows.map(r => r['QUERY PLAN']).join('\n'))
      })
    }
    catch (e) {
      if (e instanceof Planned)
        return e.message
      throw e
    }
    throw new Error('no plan')
  }

  /** The queries a repository call runs, compiled as they were sent. */
  async function queriesOf(call: (db: typeof t.app.db) => Promise<unknown>): Promise<CompiledQuery[]> {
    const sent: CompiledQuery[] = []
    const executor = t.app.db.getExecutor()
    await call(t.app.db.withPlugin({
      transformQuery: ({ node, queryId }) => {
        sent.push(executor.compileQuery(node, queryId))
        return node
      },
      transformResult: async ({ result }) => result,
    }))
    return sent
  }

  it('should count one category\'s current benefits from the index alone, without reading each benefit', async () => {
    // The count that the benefits' list runs first for a category (024: the dates are in the index; the street,
    // which it does not hold, is joined for the page only).
    const sent = await queriesOf(db => createBenefitRepository(db).list({
      category: 'medical',
      page: 1,
      pageSize: 10,
      sort: 'newest',
    }))
    // The rows it counts (countUpTo: `select 1 as one … limit cap + 1`, counted around).
    const counted = sent.find(query => query.sql.startsWith('select 1 as "one" from "benefits"'))
    expect(counted).toBeDefined()
    // On a test database's few rows PostgreSQL may as well read 025's index, which gives the same order: the question
    // is whether this one answers alone.
    const details = await planOfQuery(counted!, {
      without: ['benefits_updated_idx'],
    })
    if (ENGINE === 'sqlite')
      expect(details).toMatch(/SEARCH benefits USING COVERING INDEX benefits_category_order_idx/)
    else // An index-only scan also needs the visibility map (VACUUM), which a fresh test database lacks.
      expect(details).toMatch(/Index (Only )?Scan using benefits_category_order_idx/)
  })

  it('should read a page of one category of benefits in the list\'s order from an index, not sort the category', async () => {
    // The list's query as repositories/benefits.ts builds it for a category (023): newest change first, a page.
    const query = t.app.db.selectFrom('benefits')
      .leftJoin('streets', 'streets.id', 'benefits.street_id')
      .select(['benefits.id', 'benefits.title', 'streets.name'])
      .where('benefits.status', '=', 'published')
      .where('benefits.category', '=', 'medical')
      .orderBy('benefits.updated_at', 'desc')
      .orderBy('benefits.id', 'desc')
      .limit(10)
      .offset(20)
      .compile()
    const details = await planOfQuery(query, {
      nameIndex: true,
      noSort: true,
      without: ['benefits_updated_idx'],
    })
    if (ENGINE === 'sqlite') {
      expect(details).toMatch(/SEARCH benefits USING INDEX benefits_category_order_idx/)
      expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
    else {
      expect(details).toMatch(/Index Scan Backward using benefits_category_order_idx/)
      expect(details).not.toMatch(/Sort/)
    }
  })

  it('should read a page of benefits and of articles newest first, ties by id, from an index, not sort every row of a date', async () => {
    // The pages the two lists really send (a search's page read in the list's order is the same query with its text).
    const sent = await queriesOf(async (db) => {
      await createBenefitRepository(db).list({ page: 2, pageSize: 5, sort: 'newest' })
      await createArticleRepository(db).list({ page: 2, pageSize: 5 })
    })
    for (const [table, index] of [
      ['benefits', 'benefits_updated_idx'],
      ['articles', 'articles_published_idx'],
    ] as const) {
      const page = sent.find(query => query.sql.startsWith(`select "${table}"."id"`) && query.sql.includes(' order by '))
      expect(page, table).toBeDefined()
      const details = await planOfQuery(page!, { noSort: true })
      if (ENGINE === 'sqlite') {
        expect(details, table).toMatch(new RegExp(`SEARCH ${table} USING INDEX ${index}`))
        expect(details, table).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
      }
      else {
        expect(details, table).toMatch(new RegExp(`Index Scan Backward using ${index}`))
        expect(details, table).not.toMatch(/Sort/)
      }
    }
  })

  it('should answer a query of one or two characters from the name pairs, not by reading every name', async () => {
    const words = engineSql(t.app.db)
    for (const text of ['知岚', '知']) {
      const details = await planOf(firmNameHasShort(words, text))
      if (ENGINE === 'sqlite') {
        expect(details, text).toMatch(/SEARCH enterprise_name_grams USING PRIMARY KEY/)
        expect(details, text).not.toMatch(/^SCAN enterprises$/m)
      }
      else {
        expect(details, text).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) enterprise_name_grams_pkey/)
        expect(details, text).not.toMatch(/Seq Scan on enterprises/)
      }
    }
  })

  /** The pairs of adjacent characters of each text, and each text's last character alone (migrations 017, 022). */
  function pairsOf(texts: string[]): Set<string> {
    const pairs = new Set<string>()
    for (const text of texts) {
      const chars = [...text]
      chars.forEach((_, i) => pairs.add(chars.slice(i, i + 2).join('')))
    }
    return pairs
  }

  /** content_grams holds exactly the pairs of every row's searched texts, as the rows are now. */
  async function expectPairsOfEveryRow() {
    const db = t.app.db
    const texts = {
      benefits: (await db.selectFrom('benefits').select([
        'id',
        'title',
        'summary',
        'provider',
        'tags',
      ]).execute())
        .map(r => ({
          id: r.id,
          texts: [
            r.title,
            r.summary,
            r.provider,
            (JSON.parse(r.tags) as string[]).join(' '),
          ],
        })),
      articles: (await db.selectFrom('articles').select(['id', 'title', 'summary', 'body']).execute())
        .map(r => ({
          id: r.id,
          texts: [r.title, r.summary, r.body],
        })),
      activities: (await db.selectFrom('activities').select(['id', 'title', 'summary', 'place']).execute())
        .map(r => ({
          id: r.id,
          texts: [r.title, r.summary, r.place],
        })),
    }
    for (const [kind, rows] of Object.entries(texts)) {
      const expected = rows.flatMap(r => [
        ...pairsOf(r.texts),
      ].map(g => `${r.id} ${g}`)).sort()
      const stored = (await db.selectFrom('content_grams').select(['row_id', 'gram']).where('kind', '=', kind as keyof typeof texts).execute())
        .map(g => `${g.row_id} ${g.gram}`)
        .sort()
      expect(stored, kind).toEqual(expected)
    }
  }

  it('should keep the character pairs of benefits, articles and activities exactly in step with every write', async () => {
    const db = t.app.db
    await expectPairsOfEveryRow()
    const article = await insertArticle(db, { key: 'test-pairs', title: '律师进社区', body: '法律咨询。' })
    const benefit = await insertBenefit(db, {
      key: 'test-pairs',
      tags: ['停车', '免费'],
    })
    const activity = await db.selectFrom('activities').select('id').orderBy('id').executeTakeFirstOrThrow()
    await db.updateTable('articles').set({ title: '公证员进社区', body: '公证咨询。' }).where('id', '=', article).execute()
    await db.updateTable('benefits').set({
      tags: JSON.stringify(['充电']),
    }).where('id', '=', benefit).execute()
    await db.updateTable('activities').set({ place: '天山路街道社区文化活动中心' }).where('id', '=', activity.id).execute()
    await expectPairsOfEveryRow()
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('律师')}`)).articles.items.map(a => a.id)).not.toContain(article)
    expect((await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('公证')}`)).articles.items.map(a => a.id)).toContain(article)
    expect((await getOk<BenefitList>(t.app, `/api/benefits?q=${encodeURIComponent('充电')}&pageSize=50`)).items.map(b => b.id)).toContain(benefit)
    expect((await getOk<BenefitList>(t.app, `/api/benefits?q=${encodeURIComponent('停车')}&pageSize=50`)).items.map(b => b.id)).not.toContain(benefit)
    await db.deleteFrom('articles').where('id', '=', article).execute()
    await db.deleteFrom('benefits').where('id', '=', benefit).execute()
    await expectPairsOfEveryRow()
  })

  it('should find exactly the benefits whose texts hold one or two characters, at the start, inside or at the end', async () => {
    const all = await listAllPages<BenefitList['items'][number]>(t.app, '/api/benefits?sort=newest')
    const holds = (b: BenefitList['items'][number], q: string) => [
      b.title,
      b.summary,
      b.provider,
      ...b.tags,
    ].some(text => text.includes(q))
    const lastChar = [...all[0]!.title].at(-1)!
    for (const q of [
      '图书',
      '停车',
      '信用',
      '免',
      '馆',
      lastChar,
      all[0]!.title.slice(0, 2),
    ]) {
      const found = (await listAllPages<BenefitList['items'][number]>(t.app, `/api/benefits?sort=newest&q=${encodeURIComponent(q)}`)).map(b => b.id)
      expect(found, q).toEqual(all.filter(b => holds(b, q)).map(b => b.id))
    }
  })

  it('should answer benefits, articles and activities of one or two characters from their pairs, not by reading every row', async () => {
    const words = engineSql(t.app.db)
    for (const table of ['benefits', 'articles', 'activities'] as const) {
      for (const text of ['信用', '信']) {
        const query = t.app.db.selectFrom(table).select('id').where(contentHasShort(words, table, text)).compile()
        const details = await planOfQuery(query)
        if (ENGINE === 'sqlite') {
          expect(details, text).toMatch(/SEARCH content_grams USING PRIMARY KEY/)
          expect(details, text).not.toMatch(new RegExp(`^SCAN ${table}$`, 'm'))
        }
        else {
          expect(details, text).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) content_grams_pkey/)
          expect(details, text).not.toMatch(new RegExp(`Seq Scan on ${table}`))
        }
      }
    }
  })

  it('should read firms in name order from an index, stopping at the page, when a common word is read row by row', async () => {
    const query = t.app.db.selectFrom('enterprises').select('id').where(sql<SqlBool>`instr(name, '上海') > 0`).orderBy('name').orderBy('id').limit(20)
    const compiled = ENGINE === 'sqlite'
      ? query.compile()
      : t.app.db.selectFrom('enterprises').select('id').where(sql<SqlBool>`strpos(name, '上海') > 0`).orderBy('name').orderBy('id').limit(20).compile()
    const details = await planOfQuery(compiled, { nameIndex: true })
    if (ENGINE === 'sqlite') {
      expect(details).toMatch(/SCAN enterprises USING (COVERING )?INDEX enterprises_name_idx/)
      expect(details).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
    else {
      expect(details).toMatch(/Index (Only )?Scan using enterprises_name_idx/)
      expect(details).not.toMatch(/Sort/)
    }
  })

  it('should answer a query of three or more characters from the index, not by reading every row', async () => {
    const details = await planOf(engineSql(t.app.db).indexedContains('enterprises', '知岚餐饮'))
    if (ENGINE === 'sqlite') {
      expect(details).toMatch(/VIRTUAL TABLE INDEX/)
      expect(details).not.toMatch(/^SCAN enterprises$/m)
    }
    else {
      expect(details).toMatch(/Bitmap Index Scan on enterprises_search_idx/)
      expect(details).not.toMatch(/Seq Scan on enterprises/)
    }
  })

  it('should read a page of a name few firms hold from its matches, sorted, not by walking every name in order', async () => {
    // The page the firms' list sends for a name the trigram index answers. PostgreSQL estimates any trigram match at
    // 1 % of the rows: on 200,000 firms it sought a page of a name three firms hold by walking the name index (021)
    // and testing each name (680 ms). The matches are now found first and the firms looked up by id (postgres-sql.ts
    // matchArray): the plan's shape is what a test database's few rows can show.
    const sent = await queriesOf(db => createEnterpriseRepository(db).search({ q: '知岚餐饮', page: 1, pageSize: 20 }))
    const page = sent.find(query => query.sql.startsWith('select "id", "uscc", "name"'))
    expect(page).toBeDefined()
    const details = await planOfQuery(page!, { nameIndex: true })
    if (ENGINE === 'sqlite') {
      // SQLite weighs the FTS5 table's matches against its statistics of the firms (on 200,000, it sorts them).
      expect(details).toMatch(/SCAN enterprises_fts VIRTUAL TABLE INDEX/)
    }
    else {
      expect(details).toMatch(/^ {2}InitPlan/m)
      expect(details).toMatch(/Index Cond: \(id = ANY \(\$0\)\)/)
      expect(details).toMatch(/Sort Key: enterprises\.name/)
    }
  })

  it('should count a list\'s matches from the index as it reads them, stopping at the cap, not after collecting every match', async () => {
    // The count of the articles' list as repositories/articles.ts builds it, for a word found through the index.
    const visible = t.app.db.selectFrom('articles')
      .leftJoin('streets', 'streets.id', 'articles.street_id')
      .where('articles.status', '=', 'published')
    const { counted } = await filterByText(t.app.db, 'articles', visible, '诚信建设', 10)
    const details = await planOfQuery(counted.select(sql<number>`1`.as('one')).limit(PREVIEW_COUNT_CAP + 1).compile())
    if (ENGINE === 'sqlite') {
      // The index drives the read: each match is looked up as it comes, where `id IN (…)` lists them all first.
      expect(details).toMatch(/^SCAN articles_fts VIRTUAL TABLE INDEX/m)
      expect(details).not.toMatch(/LIST SUBQUERY/)
    }
    else { // PostgreSQL joins a semi-join and a join alike; on a test database's few rows, by its indexes.
      expect(details).not.toMatch(/Seq Scan on articles/)
    }
  })
})

// The planner's statistics (engine.ts refreshStatistics). SQLite keeps none unless asked: on the 200,000-firm data
// set, without them, an index on (status, starts_at) looked selective and a rare word's activities were found by
// reading every published activity (4.2 ms a search group; 0.9 ms with them). PostgreSQL's autovacuum keeps its own.
describe('planner statistics', () => {
  let first: TestApp
  let restarted: TestApp
  beforeAll(async () => {
    first = await buildTestApp()
    const street = await first.app.db.selectFrom('streets').select('id').executeTakeFirstOrThrow()
    const at = steadyNow().toISOString()
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      key: `planned-${i}`,
      street_id: street.id,
      title: `社区志愿服务 ${i}`,
      category: 'volunteer' as const,
      starts_at: `2024-01-01T09:${String(i % 60).padStart(2, '0')}:00+08:00`,
      ends_at: `2024-01-01T11:00:00+08:00`,
      place: '街道活动中心',
      summary: i === 1234
        ? '一次罕见的演练。'
        : '测试用的活动。',
      body: '正文。',
      body_html: '<p>正文。</p>',
      status: 'published' as const,
      published_at: at,
      created_at: at,
      updated_at: at,
    }))
    for (let i = 0; i < rows.length; i += 500)
      await first.app.db.insertInto('activities').values(rows.slice(i, i + 500)).execute()
    // The same database, as a server started after it grew.
    restarted = await buildTestApp({ dir: first.dir })
  }, 120_000)
  afterAll(async () => {
    await restarted.close()
    await first.close()
  })

  it('should have the planner\'s statistics of every index of the searched tables, as they are, once the server has started', async () => {
    const db = restarted.app.db
    if (ENGINE === 'sqlite') {
      const { rows } = await sql<{ tbl: string, idx: string, stat: string }>`SELECT tbl, idx, stat FROM sqlite_stat1`.execute(db)
      const indexes = await sql<{ tbl_name: string, name: string }>`SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('enterprises', 'benefits', 'articles', 'activities', 'content_grams')`.execute(db)
      for (const index of indexes.rows)
        expect(rows.some(r => r.tbl === index.tbl_name && r.idx === index.name), index.name).toBe(true)
      // Counted as the table is now, after it grew: every published activity under one status.
      const starts = rows.find(r => r.idx === 'activities_starts_idx')!
      const [total, perStatus] = starts.stat.split(' ').map(Number)
      expect(total).toBeGreaterThanOrEqual(2000)
      expect(perStatus).toBeGreaterThanOrEqual(2000)
    }
    else {
      const { rows } = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(db)
      expect(rows[0]?.autovacuum).toBe('on')
    }
    const found = await getOk<SearchResults>(restarted.app, `/api/search?q=${encodeURIComponent('罕见')}`)
    expect(found.activities.items.map(a => a.title)).toEqual(['社区志愿服务 1234'])
  })
})

// A district's register: a code prefix or a common word can match most of it, and counting 200,000 matches costs
// far more than the page. Lists count up to 1,000 and then say "more than that".
describe('large result sets', () => {
  let t: TestApp
  const PREFIX = '91310105LRG'
  beforeAll(async () => {
    t = await buildTestApp()
    const firms = Array.from({ length: 1005 }, (_, i) => testFirm(`${PREFIX}${String(i).padStart(6, '0')}`, `上海大量测试${i}号有限公司`))
    for (let i = 0; i < firms.length; i += 200)
      await t.app.db.insertInto('enterprises').values(firms.slice(i, i + 200)).execute()
    for (let i = 0; i < 1003; i += 1) {
      await insertArticle(t.app.db, {
        key: `large-${i}`,
        title: `大量测试文章 ${i}`,
        publishedAt: `2020-01-01T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+08:00`,
      })
    }
    // More articles holding one word (批量, 批量文章, Credit) than COMMON_ROWS: the rows are read in order instead.
    const common = Array.from({ length: COMMON_ROWS + 10 }, (_, i) => ({
      key: `common-${i}`,
      kind: 'news' as const,
      title: `批量文章 ${i} Credit`,
      summary: '测试用的文章。',
      ...bodyColumns('测试正文。'),
      source: '测试来源',
      street_id: null,
      published_at: `2019-01-01T09:00:00+08:00`,
      disclosure_until: null,
      tags: '[]',
      status: 'published' as const,
      updated_at: steadyNow().toISOString(),
    }))
    for (let i = 0; i < common.length; i += 500)
      await t.app.db.insertInto('articles').values(common.slice(i, i + 500)).execute()
  }, 120_000)
  afterAll(async () => {
    await t.close()
  })

  it('should read the rows in order for characters most rows hold, and find the same as the pairs would', async () => {
    const compiled = async (text: string) => t.app.db.selectFrom('articles').select('id').where(await containsText(t.app.db, 'articles', text)).compile().sql
    expect(await compiled('批量')).not.toContain('content_grams')
    expect(await compiled('批')).not.toContain('content_grams')
    expect(await compiled('大量')).toContain('content_grams')
    const pair = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('批量')}`)
    expect(pair.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    // Equally new: the higher id first.
    expect(pair.articles.items.map(a => a.title)).toEqual([4009, 4008, 4007, 4006, 4005].map(i => `批量文章 ${i} Credit`))
    const one = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('批')}`)
    expect(one.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    const dates = one.articles.items.map(a => a.publishedAt)
    expect(dates).toEqual([...dates].sort().reverse())
    const rare = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('大量')}`)
    expect(rare.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
  })

  it('should read the rows in order for a longer word most rows hold too, letters\' case aside as the index compares', async () => {
    const compiled = async (text: string) => t.app.db.selectFrom('articles').select('id').where(await containsText(t.app.db, 'articles', text)).compile().sql
    const index = ENGINE === 'sqlite'
      ? 'articles_fts'
      : 'ILIKE'
    expect(await compiled('批量文章')).not.toContain(index)
    expect(await compiled('cREDIT')).not.toContain(index)
    expect(await compiled('大量测试')).toContain(index)
    const word = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('批量文章')}`)
    expect(word.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    expect(word.articles.items.map(a => a.title)).toEqual([4009, 4008, 4007, 4006, 4005].map(i => `批量文章 ${i} Credit`))
    const cases = await Promise.all(['cREDIT', 'credit', 'Credit'].map(async q => (await getOk<SearchResults>(t.app, `/api/search?q=${q}`)).articles))
    expect(cases[0]).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    expect(cases[1]).toEqual(cases[0])
    expect(cases[2]).toEqual(cases[0])
    const named = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent('大量测试')}`)
    expect(named).toMatchObject({ total: 1000, totalCapped: true })
  })

  it('should count a unified search\'s groups up to 100 and the group\'s own list up to 1,000, saying so, and exactly below', async () => {
    const preview = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('批量文章')}`)
    expect(preview.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    expect(preview.articles.items).toHaveLength(5)
    // A list counts on to COUNT_CAP (benefits' own list, which the group links to, is one), finding the same first five.
    const list = await t.app.repos.articles.list({ page: 1, pageSize: 5, q: '批量文章' }, steadyNow())
    expect(list).toMatchObject({ total: COUNT_CAP, totalCapped: true })
    expect(list.items.map(a => a.id)).toEqual(preview.articles.items.map(a => a.id))
    // Eleven articles hold "批量文章 400" (400 and 4000–4009): counted exactly, no mark.
    const few = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('批量文章 400')}`)
    expect(few.articles.total).toBe(11)
    expect(few.articles).not.toHaveProperty('totalCapped')
  })

  it('should count a code prefix matching more than 1,000 firms up to 1,000, say so, and still page through them in code order', async () => {
    const first = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${PREFIX}&pageSize=50`)
    expect(first.total).toBe(1000)
    expect(first.totalCapped).toBe(true)
    expect(first.items.map(f => f.uscc)).toEqual([
      ...first.items.map(f => f.uscc),
    ].sort())
    expect(first.items[0]!.uscc.startsWith(`${PREFIX}000000`)).toBe(true)
    const page3 = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${PREFIX}&pageSize=50&page=3`)
    expect(page3.items[0]!.uscc.startsWith(`${PREFIX}000100`)).toBe(true)
  })

  it('should count exactly, without the mark, at or below 1,000 matches', async () => {
    const some = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${PREFIX}0001&pageSize=10`)
    expect(some.total).toBe(100)
    expect(some).not.toHaveProperty('totalCapped')
    const names = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent('大量测试1')}`)
    // 大量测试1号, 10–19, 100–199 and 1000–1004.
    expect(names.total).toBe(1 + 10 + 100 + 5)
    expect(names).not.toHaveProperty('totalCapped')
  })

  it('should say a name word matched more than 1,000 and a search group more than 100, with the newest first', async () => {
    const named = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent('大量测试')}`)
    expect(named).toMatchObject({ total: 1000, totalCapped: true })
    const lastPage = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent('大量测试')}&page=21&pageSize=50`)
    expect(lastPage).toMatchObject({ total: 1000, totalCapped: true })
    expect(lastPage.items).toHaveLength(5)
    const pastLast = await getOk<EnterpriseList>(t.app, `/api/enterprises?q=${encodeURIComponent('大量测试')}&page=22&pageSize=50`)
    expect(pastLast).toMatchObject({ items: [], total: 1000, totalCapped: true })
    const results = await getOk<SearchResults>(t.app, `/api/search?q=${encodeURIComponent('大量测试')}`)
    expect(results.articles).toMatchObject({ total: PREVIEW_COUNT_CAP, totalCapped: true })
    expect(results.articles.items.map(a => a.title)).toEqual([1002, 1001, 1000, 999, 998].map(i => `大量测试文章 ${i}`))
    expect(results.benefits).toEqual({ items: [], total: 0 })
  })
})
