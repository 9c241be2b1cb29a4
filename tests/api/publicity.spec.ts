import type { Article, ArticleList, SearchResults } from '#schemas/resources'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE_KINDS } from '#schemas/domain'
import { loadSeedData } from '../../server/seed/data/load'
import { buildTestApp, getOk, insertArticle, listAllPages, seededDate, shanghaiDate } from './helpers'

const { articles: seedArticles } = loadSeedData()

// Publicity (信用宣传) as the app reads it: the article list by kind and page, covers, the detail page with its
// rendered body, the disclosure period of exposure cases and the publication status. Pictures are never drawn here:
// the tests only look at cover references (media.spec.ts fetches them).

type Summary = ArticleList['items'][number]

const COVER_URL = /^\/api\/media\/[0-9a-f]{32}\.jpg$/

describe('publicity articles', () => {
  let t: TestApp

  const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

  async function status(url: string): Promise<number> {
    return (await t.app.inject({ method: 'GET', url })).statusCode
  }

  const listAll = (path: string): Promise<Summary[]> => listAllPages<Summary>(t.app, path)

  async function search(q: string): Promise<SearchResults> {
    return get<SearchResults>(`/api/search?q=${encodeURIComponent(q)}`)
  }

  async function idOf(key: string): Promise<number> {
    return (await t.app.db.selectFrom('articles').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id
  }

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  describe('list', () => {
    it('should return items of only that kind, and some of each of the 6 kinds, when each kind filter is chosen', async () => {
      const all = await listAll('/api/articles')
      let sum = 0
      for (const kind of ARTICLE_KINDS) {
        const first = await get<ArticleList>(`/api/articles?kind=${kind}&pageSize=50`)
        const items = await listAll(`/api/articles?kind=${kind}`)
        expect(items.length, kind).toBeGreaterThan(0)
        expect(items.every(a => a.kind === kind), kind).toBe(true)
        expect(first.total, kind).toBe(items.length)
        // The filter is exactly the unfiltered list narrowed to the kind, in the same order.
        expect(items.map(a => a.id), kind).toEqual(all.filter(a => a.kind === kind).map(a => a.id))
        sum += first.total
      }
      expect(sum).toBe(all.length)
    })

    it('should answer 400 VALIDATION_FAILED when the kind is not one of the 6 kinds', async () => {
      for (const kind of ['notice', 'POLICY', '']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/articles?kind=${kind}` })
        expect(res.statusCode, kind).toBe(400)
        expect(res.json<ErrorEnvelope>().error.code, kind).toBe('VALIDATION_FAILED')
      }
    })

    it('should split the list into consistent, non-overlapping pages with an empty page past the end when paging through it', async () => {
      const all = await listAll('/api/articles')
      expect(all.length).toBeGreaterThan(10)
      const pageSize = 7
      const pages = Math.ceil(all.length / pageSize)
      const seen: number[] = []
      for (let page = 1; page <= pages; page++) {
        const body = await get<ArticleList>(`/api/articles?page=${page}&pageSize=${pageSize}`)
        expect(body.page).toBe(page)
        expect(body.pageSize).toBe(pageSize)
        expect(body.total).toBe(all.length)
        expect(body.items).toHaveLength(page < pages
          ? pageSize
          : all.length - pageSize * (pages - 1))
        seen.push(...body.items.map(a => a.id))
      }
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen).toEqual(all.map(a => a.id))

      const past = await get<ArticleList>(`/api/articles?page=${pages + 1}&pageSize=${pageSize}`)
      expect(past).toEqual({
        items: [],
        page: pages + 1,
        pageSize,
        total: all.length,
      })
      const pastKind = await get<ArticleList>('/api/articles?kind=week&page=200&pageSize=50')
      expect(pastKind.items).toEqual([])
      expect(pastKind.total).toBeGreaterThan(0)
    })

    it('should list newest first within every kind when a kind filter is chosen', async () => {
      for (const kind of ARTICLE_KINDS) {
        const stamps = (await listAll(`/api/articles?kind=${kind}`)).map(a => Date.parse(a.publishedAt))
        expect(stamps, kind).toEqual([...stamps].sort((a, b) => b - a))
      }
    })

    it('should keep a stable order, later-added first, when two articles share a publication time', async () => {
      const at = '2019-05-05T09:00:00+08:00'
      const older = await insertArticle(t.app.db, { key: 'test-same-time-a', kind: 'week', publishedAt: at })
      const newer = await insertArticle(t.app.db, { key: 'test-same-time-b', kind: 'week', publishedAt: at })
      try {
        const items = await listAll('/api/articles?kind=week')
        const ids = items.map(a => a.id)
        expect(ids.indexOf(newer)).toBe(ids.indexOf(older) - 1)
        // Paging one at a time across the tie neither repeats nor skips either article.
        const total = items.length
        const oneByOne: number[] = []
        for (let page = 1; page <= total; page++)
          oneByOne.push(...(await get<ArticleList>(`/api/articles?kind=week&page=${page}&pageSize=1`)).items.map(a => a.id))
        expect(oneByOne).toEqual(ids)
      }
      finally {
        await t.app.db.deleteFrom('articles').where('id', 'in', [older, newer]).execute()
      }
    })

    it('should give every seeded article a cover with a media URL, its text alternative and its size when articles are listed', async () => {
      const today = shanghaiDate(0)
      const items = await listAll('/api/articles')
      expect(items).toHaveLength(seedArticles.filter(a => a.disclosureUntil === null || seededDate(a.disclosureUntil) >= today).length)
      const urls = new Set<string>()
      for (const a of items) {
        expect(a.cover, a.title).not.toBeNull()
        const cover = a.cover!
        expect(cover.url, a.title).toMatch(COVER_URL)
        expect(cover.alt.trim().length, a.title).toBeGreaterThan(0)
        expect(cover.width, a.title).toBeGreaterThan(0)
        expect(cover.height, a.title).toBeGreaterThan(0)
        expect(Number.isInteger(cover.width) && Number.isInteger(cover.height), a.title).toBe(true)
        urls.add(cover.url)
        const seeded = seedArticles.find(s => s.title === a.title)
        expect(cover.alt, a.title).toBe(seeded?.cover?.alt)
      }
      expect(urls.size).toBe(items.length)
    })

    it('should send a null cover when an article has no picture', async () => {
      const id = await insertArticle(t.app.db, { key: 'test-no-cover', kind: 'news', publishedAt: '2018-01-01T09:00:00+08:00' })
      try {
        const items = await listAll('/api/articles?kind=news')
        expect(items.find(a => a.id === id)?.cover).toBeNull()
        expect((await get<Article>(`/api/articles/${id}`)).cover).toBeNull()
      }
      finally {
        await t.app.db.deleteFrom('articles').where('id', '=', id).execute()
      }
    })
  })

  describe('detail', () => {
    it('should return the Markdown body, its rendered HTML and the same cover as the list when an article is opened', async () => {
      const seeded = seedArticles.find(a => a.key === 'credit-repair-guide')!
      const id = await idOf(seeded.key)
      const article = await get<Article>(`/api/articles/${id}`)
      expect(article).toMatchObject({
        id,
        kind: 'policy',
        title: seeded.title,
        body: seeded.body,
        disclosureUntil: null,
      })
      expect(article.bodyHtml.length).toBeGreaterThan(0)
      expect(article.bodyHtml).toMatch(/<(?:p|h[2-4]|ol|ul)>/)
      const inList = (await listAll('/api/articles?kind=policy')).find(a => a.id === id)
      expect(article.cover).toEqual(inList?.cover)
      expect(article.cover?.url).toMatch(COVER_URL)
    })

    it('should render the body without scripts, images or javascript: links and keep https links when the body carries hostile Markdown', async () => {
      const body = [
        '活动须知 <script>alert(1)</script>',
        '',
        '<img src=x onerror=alert(1)>',
        '',
        '[x](javascript:alert(1)) 和 [y](https://example.org)',
      ].join('\n')
      const id = await insertArticle(t.app.db, { key: 'test-hostile-body', kind: 'news', body })
      const article = await get<Article>(`/api/articles/${id}`)
      expect(article.body).toBe(body)
      expect(article.bodyHtml).not.toMatch(/<script/i)
      expect(article.bodyHtml).not.toMatch(/<img/i)
      expect(article.bodyHtml).not.toMatch(/href\s*=\s*(?:["']\s*)?javascript:/i)
      expect(article.bodyHtml).not.toMatch(/<a\s[^>]*javascript:/i)
      // What a reader sees instead: the markup as plain text and one working link.
      expect(article.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(article.bodyHtml).toContain('<a href="https://example.org" target="_blank" rel="noopener noreferrer">y</a>')
      expect(article.bodyHtml.match(/<a\b/g)).toHaveLength(1)
    })

    it('should answer 404 NOT_FOUND when the article does not exist', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/articles/2147483647' })
      expect(res.statusCode).toBe(404)
      expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
    })
  })

  describe('visibility', () => {
    it('should show an exposure case in the list, kind filter, detail and search through its last day and nowhere after it when dates are relative to today', async () => {
      const token = '披露期测试案例'
      const ended = await insertArticle(t.app.db, {
        key: 'test-disclosure-yesterday',
        kind: 'exposure',
        title: `${token}·昨日`,
        disclosureUntil: shanghaiDate(-1),
      })
      const lastDay = await insertArticle(t.app.db, {
        key: 'test-disclosure-today',
        kind: 'exposure',
        title: `${token}·今日`,
        disclosureUntil: shanghaiDate(0),
      })
      const running = await insertArticle(t.app.db, {
        key: 'test-disclosure-tomorrow',
        kind: 'exposure',
        title: `${token}·明日`,
        disclosureUntil: shanghaiDate(1),
      })
      try {
        for (const path of ['/api/articles', '/api/articles?kind=exposure']) {
          const ids = (await listAll(path)).map(a => a.id)
          expect(ids, path).toContain(lastDay)
          expect(ids, path).toContain(running)
          expect(ids, path).not.toContain(ended)
        }
        expect((await get<Article>(`/api/articles/${lastDay}`)).disclosureUntil).toBe(shanghaiDate(0))
        expect((await get<Article>(`/api/articles/${running}`)).disclosureUntil).toBe(shanghaiDate(1))
        expect(await status(`/api/articles/${ended}`)).toBe(404)

        const found = await search(token)
        expect(found.articles.total).toBe(2)
        expect(found.articles.items.map(a => a.id).sort()).toEqual([lastDay, running].sort())
      }
      finally {
        await t.app.db.deleteFrom('articles').where('id', 'in', [ended, lastDay, running]).execute()
      }
    })

    it('should never count or return an ended exposure case when totals are compared with the seeded data', async () => {
      const today = shanghaiDate(0)
      const exposures = await listAll('/api/articles?kind=exposure')
      const expected = seedArticles.filter(a => a.kind === 'exposure' && a.disclosureUntil !== null && seededDate(a.disclosureUntil) >= today)
      expect(exposures.map(a => a.title).sort()).toEqual(expected.map(a => a.title).sort())
      expect(exposures.every(a => a.disclosureUntil !== null && a.disclosureUntil >= today)).toBe(true)
    })

    it('should never return draft or archived articles in the list, kind filter, detail or search', async () => {
      const token = '未发布文章测试'
      const draft = await insertArticle(t.app.db, {
        key: 'test-draft-article',
        kind: 'policy',
        title: `${token}·草稿`,
        status: 'draft',
        publishedAt: '2030-01-01T09:00:00+08:00',
      })
      const archived = await insertArticle(t.app.db, {
        key: 'test-archived-article',
        kind: 'policy',
        title: `${token}·归档`,
        status: 'archived',
        publishedAt: '2030-01-01T09:00:00+08:00',
      })
      try {
        for (const path of ['/api/articles', '/api/articles?kind=policy']) {
          const first = await get<ArticleList>(path)
          expect(first.items.map(a => a.id), path).not.toContain(draft)
          const ids = (await listAll(path)).map(a => a.id)
          expect(ids, path).not.toContain(draft)
          expect(ids, path).not.toContain(archived)
        }
        expect(await status(`/api/articles/${draft}`)).toBe(404)
        expect(await status(`/api/articles/${archived}`)).toBe(404)
        const found = await search(token)
        expect(found.articles).toEqual({ items: [], total: 0 })
      }
      finally {
        await t.app.db.deleteFrom('articles').where('id', 'in', [draft, archived]).execute()
      }
    })
  })
})
