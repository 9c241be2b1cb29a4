import type { EnterpriseProfile } from '#schemas/credit'
import type {
  Activity,
  ActivityList,
  Article,
  ArticleList,
  Benefit,
  BenefitList,
  EnterpriseList,
  Street,
  StreetList,
} from '#schemas/resources'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usccCheckChar } from '#common/codes/uscc'
import { bodyColumns } from '../../server/lib/markdown'
import { buildTestApp, getOk, listAllPages, seededDate, shanghaiDate, steadyNow } from './helpers'

describe('public catalogue', () => {
  let t: TestApp

  const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

  async function expectNotFound(url: string): Promise<void> {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.statusCode, url).toBe(404)
    expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
  }

  const listAll = <T>(path: string): Promise<T[]> => listAllPages<T>(t.app, path)

  async function idOf(table: 'benefits' | 'articles' | 'activities', key: string): Promise<number> {
    const row = await t.app.db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirstOrThrow()
    return row.id
  }

  async function insertBenefit(key: string, values: { valid_to?: string | null, status?: 'draft' | 'published' | 'archived', provider?: string, title?: string }): Promise<number> {
    const now = steadyNow().toISOString()
    const result = await t.app.db.insertInto('benefits').values({
      key,
      title: values.title ?? `测试惠民措施 ${key}`,
      summary: '测试用的措施。',
      category: 'life',
      audience: 'personal',
      provider: values.provider ?? '测试提供方',
      street_id: null,
      offer: '测试优惠',
      eligibility: '测试条件',
      valid_from: '2020-01-01',
      valid_to: values.valid_to ?? null,
      tags: '[]',
      status: values.status ?? 'published',
      created_at: now,
      updated_at: now,
    }).returning('id').executeTakeFirstOrThrow()
    return result.id
  }

  async function insertExposure(key: string, disclosureUntil: string): Promise<number> {
    const result = await t.app.db.insertInto('articles').values({
      key,
      kind: 'exposure',
      title: `失信案例(测试) ${key}`,
      summary: '测试用的失信案例。',
      ...bodyColumns('测试正文。'),
      source: '测试来源',
      street_id: null,
      published_at: '2026-01-01T09:00:00+08:00',
      disclosure_until: disclosureUntil,
      tags: '[]',
      status: 'published',
      updated_at: steadyNow().toISOString(),
    }).returning('id').executeTakeFirstOrThrow()
    return result.id
  }

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  describe('streets', () => {
    it('should list the 9 streets and 1 town in district order when streets are requested', async () => {
      const body = await get<StreetList>('/api/streets')
      expect(body.total).toBe(10)
      expect(body.items).toHaveLength(10)
      expect(body.items.map(s => s.name)).toEqual([
        '华阳路街道',
        '江苏路街道',
        '新华路街道',
        '周家桥街道',
        '天山路街道',
        '仙霞新村街道',
        '虹桥街道',
        '程家桥街道',
        '北新泾街道',
        '新泾镇',
      ])
      expect(body.items.at(-1)?.kind).toBe('town')
      expect(body.items.slice(0, 9).every(s => s.kind === 'street')).toBe(true)
    })

    it('should mark 江苏路街道 as a demonstration street when streets are listed', async () => {
      const body = await get<StreetList>('/api/streets')
      expect(body.items.find(s => s.key === 'jiangsu-road')?.isDemonstration).toBe(true)
      expect(body.items.find(s => s.key === 'huayang-road')?.isDemonstration).toBe(false)
    })

    it('should count the same published activities per street as the activity feed shows when streets are listed', async () => {
      const body = await get<StreetList>('/api/streets')
      for (const street of body.items) {
        const feed = await get<ActivityList>(`/api/activities?street=${street.key}`)
        expect(street.activityCount, street.key).toBe(feed.total)
      }
    })

    it('should return one street with its profile when it is requested by key', async () => {
      const street = await get<Street>('/api/streets/jiangsu-road')
      expect(street).toMatchObject({
        key: 'jiangsu-road',
        name: '江苏路街道',
        kind: 'street',
        isDemonstration: true,
      })
      expect(street.intro.length).toBeGreaterThan(10)
      expect(street.phone).toMatch(/^021-\d{8}$/)
    })

    it('should answer 404 when a well-formed street key does not exist', async () => {
      await expectNotFound('/api/streets/no-such-street')
    })
  })

  describe('benefits', () => {
    it('should match tags by their text, not the JSON they are stored in, when searching', async () => {
      for (const q of ['[', ']', '","']) {
        const body = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent(q)}`)
        expect(body.total, q).toBe(0)
      }
      const tagged = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('长者食堂')}`)
      expect(tagged.items.some(b => b.tags.includes('长者食堂'))).toBe(true)
    })

    it('should use page 1 of 20 when no pagination is given', async () => {
      const body = await get<BenefitList>('/api/benefits')
      expect(body.page).toBe(1)
      expect(body.pageSize).toBe(20)
      expect(body.items.length).toBe(Math.min(20, body.total))
      expect(body.total).toBeGreaterThan(0)
    })

    it('should split the list into consistent, non-overlapping pages when paging through it', async () => {
      const everything = await listAll<BenefitList['items'][number]>('/api/benefits')
      const all = { total: everything.length, items: everything }
      expect(all.total).toBeGreaterThanOrEqual(4)
      const pageSize = 3
      const pages = Math.ceil(all.total / pageSize)
      const seen: number[] = []
      for (let page = 1; page <= pages; page++) {
        const body = await get<BenefitList>(`/api/benefits?page=${page}&pageSize=${pageSize}`)
        expect(body.page).toBe(page)
        expect(body.pageSize).toBe(pageSize)
        expect(body.total).toBe(all.total)
        expect(body.items.length).toBe(page < pages
          ? pageSize
          : all.total - pageSize * (pages - 1))
        seen.push(...body.items.map(b => b.id))
      }
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen).toEqual(all.items.map(b => b.id))
    })

    it('should return an empty page with the real total when the page is past the end', async () => {
      const body = await get<BenefitList>('/api/benefits?page=500&pageSize=10')
      expect(body.items).toEqual([])
      expect(body.page).toBe(500)
      expect(body.total).toBeGreaterThan(0)
    })

    it('should list newest first when benefits are listed', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits')
      const stamps = items.map(b => b.updatedAt)
      expect(stamps).toEqual([...stamps].sort().reverse())
    })

    it('should return only that category with a matching total when a category is chosen', async () => {
      const body = await get<BenefitList>('/api/benefits?category=culture&pageSize=50')
      expect(body.items.length).toBeGreaterThan(0)
      expect(body.total).toBe(body.items.length)
      expect(body.items.every(b => b.category === 'culture')).toBe(true)
      expect(body.items.map(b => b.title)).toContain('长宁区图书馆信用免押借阅')
    })

    it('should include measures for both audiences when personal benefits are requested', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits?audience=personal')
      expect(new Set(items.map(b => b.audience))).toEqual(new Set(['personal', 'both']))
      expect(items.map(b => b.title)).toContain('江苏路街道“诚信商户联盟”便民优惠')
    })

    it('should include measures for both audiences but no personal ones when enterprise benefits are requested', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits?audience=enterprise')
      expect(items.some(b => b.audience === 'enterprise')).toBe(true)
      expect(items.some(b => b.audience === 'both')).toBe(true)
      expect(items.every(b => b.audience !== 'personal')).toBe(true)
    })

    it('should return only measures for everyone when audience=both is requested', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits?audience=both')
      expect(items.length).toBeGreaterThan(0)
      expect(items.every(b => b.audience === 'both')).toBe(true)
    })

    it('should keep district-wide measures and drop other streets\' when a street is chosen', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits?street=jiangsu-road')
      expect(items.every(b => b.street === null || b.street.key === 'jiangsu-road')).toBe(true)
      const titles = items.map(b => b.title)
      expect(titles).toContain('江苏路街道“诚信商户联盟”便民优惠') // this street
      expect(titles).toContain('长宁区图书馆信用免押借阅') // district-wide
      expect(titles).not.toContain('仙霞新村社区长者食堂助餐优惠') // another street
      expect(titles).not.toContain('社区卫生服务中心“先诊疗后付费”') // another street
      const street = items.find(b => b.street !== null)?.street
      expect(street).toEqual({ key: 'jiangsu-road', name: '江苏路街道', nameEn: 'Jiangsu Road Subdistrict' })
    })

    it('should combine filters when category, audience and street are all given', async () => {
      const items = await listAll<BenefitList['items'][number]>('/api/benefits?category=life&audience=personal&street=jiangsu-road')
      expect(items.length).toBeGreaterThan(0)
      expect(items.every(b => b.category === 'life' && b.audience !== 'enterprise' && (b.street === null || b.street.key === 'jiangsu-road'))).toBe(true)
    })

    it('should find a measure by a Chinese fragment of its title when searching', async () => {
      const body = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('免押借阅')}`)
      expect(body.items.map(b => b.title)).toEqual(['长宁区图书馆信用免押借阅'])
      expect(body.total).toBe(1)
    })

    it('should find a measure by its provider when searching', async () => {
      const body = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('新华街道')}`)
      expect(body.items.map(b => b.provider)).toEqual(['长宁区新华街道社区卫生服务中心'])
    })

    it('should return an empty list when nothing matches the search', async () => {
      const body = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('火星殖民')}`)
      expect(body).toEqual({
        items: [],
        page: 1,
        pageSize: 20,
        total: 0,
      })
    })

    it('should treat SQL wildcards literally when searching', async () => {
      for (const q of ['%', '_', '\'', '%免押%']) {
        const body = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent(q)}`)
        expect(body.total, q).toBe(0)
      }
    })

    it('should hide an expired measure from the list, the search and its detail page when its validity has ended', async () => {
      const id = await idOf('benefits', 'bike-deposit-free') // valid to 2025-12-31
      const items = await listAll<BenefitList['items'][number]>('/api/benefits')
      expect(items.map(b => b.id)).not.toContain(id)
      expect(items.map(b => b.title)).not.toContain('公共自行车信用骑行免押金')
      const search = await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('公共自行车')}`)
      expect(search.total).toBe(0)
      await expectNotFound(`/api/benefits/${id}`)
    })

    it('should show a measure through its last valid day and hide it the day after when validity is date-bound', async () => {
      const lastDay = await insertBenefit('test-valid-today', {
        valid_to: shanghaiDate(0),
      })
      const ended = await insertBenefit('test-ended-yesterday', {
        valid_to: shanghaiDate(-1),
      })
      const items = await listAll<BenefitList['items'][number]>('/api/benefits')
      expect(items.map(b => b.id)).toContain(lastDay)
      expect(items.map(b => b.id)).not.toContain(ended)
      expect((await get<Benefit>(`/api/benefits/${lastDay}`)).validTo).toBe(shanghaiDate(0))
      await expectNotFound(`/api/benefits/${ended}`)
    })

    it('should hide drafts and archived measures when they are not published', async () => {
      const draft = await insertBenefit('test-draft', { status: 'draft', title: '草稿措施草稿措施' })
      const archived = await insertBenefit('test-archived', { status: 'archived', title: '归档措施归档措施' })
      const items = await listAll<BenefitList['items'][number]>('/api/benefits')
      expect(items.map(b => b.id)).not.toContain(draft)
      expect(items.map(b => b.id)).not.toContain(archived)
      expect((await get<BenefitList>(`/api/benefits?q=${encodeURIComponent('草稿措施')}`)).total).toBe(0)
      await expectNotFound(`/api/benefits/${draft}`)
      await expectNotFound(`/api/benefits/${archived}`)
    })

    it('should return the full measure when its detail is opened', async () => {
      const id = await idOf('benefits', 'library-deposit-free')
      const benefit = await get<Benefit>(`/api/benefits/${id}`)
      expect(benefit).toMatchObject({
        id,
        title: '长宁区图书馆信用免押借阅',
        category: 'culture',
        audience: 'personal',
        provider: '长宁区图书馆',
        street: null,
        validFrom: seededDate('2025-01-01'),
        validTo: null,
      })
      expect(benefit.offer.length).toBeGreaterThan(0)
      expect(benefit.eligibility.length).toBeGreaterThan(0)
      expect(benefit.tags).toContain('图书馆')
    })
  })

  describe('articles', () => {
    it('should return only that kind when a kind is chosen', async () => {
      for (const kind of ['policy', 'case', 'honour', 'news'] as const) {
        const body = await get<ArticleList>(`/api/articles?kind=${kind}&pageSize=50`)
        expect(body.items.length, kind).toBeGreaterThan(0)
        expect(body.items.every(a => a.kind === kind), kind).toBe(true)
        expect(body.total).toBe(body.items.length)
      }
    })

    it('should list the newest article first when articles are listed', async () => {
      const items = await listAll<ArticleList['items'][number]>('/api/articles')
      const stamps = items.map(a => Date.parse(a.publishedAt))
      expect(stamps).toEqual([...stamps].sort((a, b) => b - a))
    })

    it('should drop an exposure case from the list and its page when its disclosure period has ended', async () => {
      const id = await idOf('articles', 'zhilan-catering-penalty') // disclosed until 2026-06-30
      const items = await listAll<ArticleList['items'][number]>('/api/articles')
      expect(items.map(a => a.id)).not.toContain(id)
      const exposures = await listAll<ArticleList['items'][number]>('/api/articles?kind=exposure')
      expect(exposures.map(a => a.id)).not.toContain(id)
      await expectNotFound(`/api/articles/${id}`)
    })

    it('should show the seeded exposure case exactly while its disclosure period lasts', async () => {
      const id = await idOf('articles', 'mingtuo-decoration-revoked') // disclosed until 2027-06-30 (as written)
      const stillDisclosed = shanghaiDate(0) <= seededDate('2027-06-30')
      const exposures = await listAll<ArticleList['items'][number]>('/api/articles?kind=exposure')
      expect(exposures.map(a => a.id).includes(id)).toBe(stillDisclosed)
      const res = await t.app.inject({ method: 'GET', url: `/api/articles/${id}` })
      expect(res.statusCode).toBe(stillDisclosed ? 200 : 404)
    })

    it('should show an exposure case through its last disclosure day and hide it afterwards when dates are relative to today', async () => {
      const future = await insertExposure('test-exposure-future', shanghaiDate(30))
      const lastDay = await insertExposure('test-exposure-today', shanghaiDate(0))
      const ended = await insertExposure('test-exposure-ended', shanghaiDate(-1))
      const ids = (await listAll<ArticleList['items'][number]>('/api/articles?kind=exposure')).map(a => a.id)
      expect(ids).toContain(future)
      expect(ids).toContain(lastDay)
      expect(ids).not.toContain(ended)
      const article = await get<Article>(`/api/articles/${future}`)
      expect(article).toMatchObject({
        id: future,
        kind: 'exposure',
        disclosureUntil: shanghaiDate(30),
        body: '测试正文。',
      })
      await get<Article>(`/api/articles/${lastDay}`)
      await expectNotFound(`/api/articles/${ended}`)
    })

    it('should return the body and street of an article when its detail is opened', async () => {
      const id = await idOf('articles', 'jiangsu-honest-merchant-case')
      const article = await get<Article>(`/api/articles/${id}`)
      expect(article.kind).toBe('case')
      expect(article.street?.key).toBe('jiangsu-road')
      expect(article.body.length).toBeGreaterThan(article.summary.length)
    })
  })

  describe('activities', () => {
    it('should return only that street\'s activities when a street is chosen', async () => {
      const body = await get<ActivityList>('/api/activities?street=jiangsu-road&pageSize=50')
      expect(body.items.length).toBeGreaterThan(0)
      expect(body.total).toBe(body.items.length)
      expect(body.items.every(a => a.street.key === 'jiangsu-road' && a.street.name === '江苏路街道')).toBe(true)
    })

    it('should return the whole district when no street is chosen', async () => {
      const items = await listAll<ActivityList['items'][number]>('/api/activities')
      expect(new Set(items.map(a => a.street.key)).size).toBeGreaterThan(1)
      const startTimes = items.map(a => Date.parse(a.startsAt))
      expect(startTimes).toEqual([...startTimes].sort((a, b) => b - a))
    })

    it('should return only that category when a category is chosen', async () => {
      const body = await get<ActivityList>('/api/activities?category=volunteer&pageSize=50')
      expect(body.items.length).toBeGreaterThan(0)
      expect(body.items.every(a => a.category === 'volunteer')).toBe(true)
    })

    it('should return an empty feed when a street has no published activities', async () => {
      const street = 'chengjiaqiao'
      const before = await get<ActivityList>(`/api/activities?street=${street}`)
      expect(before.total).toBeGreaterThan(0)
      // Withdraw them: the public feed must not show unpublished items.
      const streetRow = await t.app.db.selectFrom('streets').select('id').where('key', '=', street).executeTakeFirstOrThrow()
      await t.app.db.updateTable('activities').set({ status: 'withdrawn' }).where('street_id', '=', streetRow.id).execute()
      try {
        const body = await get<ActivityList>(`/api/activities?street=${street}`)
        expect(body).toMatchObject({ items: [], total: 0 })
        const streets = await get<StreetList>('/api/streets')
        expect(streets.items.find(s => s.key === street)?.activityCount).toBe(0)
      }
      finally {
        await t.app.db.updateTable('activities').set({ status: 'published' }).where('street_id', '=', streetRow.id).execute()
      }
    })

    it('should return the body of an activity when its detail is opened', async () => {
      const id = await idOf('activities', 'jiangsu-integrity-week-quiz')
      const activity = await get<Activity>(`/api/activities/${id}`)
      expect(activity).toMatchObject({
        id,
        category: 'community',
        street: { key: 'jiangsu-road' },
      })
      expect(activity.body.length).toBeGreaterThan(0)
      expect(Date.parse(activity.publishedAt)).toBeLessThan(Date.parse(activity.startsAt))
    })

    it('should keep unpublished activities out of the feed and detail when staff have not published them', async () => {
      const street = await t.app.db.selectFrom('streets').select('id').where('key', '=', 'jiangsu-road').executeTakeFirstOrThrow()
      const now = steadyNow().toISOString()
      const before = await get<ActivityList>('/api/activities?street=jiangsu-road')
      const ids: number[] = []
      for (const status of [
        'draft',
        'submitted',
        'returned',
        'withdrawn',
      ] as const) {
        const result = await t.app.db.insertInto('activities').values({
          key: `test-${status}`,
          street_id: street.id,
          title: `未发布活动 ${status}`,
          category: 'community',
          starts_at: '2026-12-20T09:00:00+08:00',
          ends_at: '2026-12-20T11:00:00+08:00',
          place: '测试地点',
          summary: '测试',
          ...bodyColumns('测试'),
          status,
          published_at: null,
          created_at: now,
          updated_at: now,
        }).returning('id').executeTakeFirstOrThrow()
        ids.push(result.id)
      }
      const after = await get<ActivityList>('/api/activities?street=jiangsu-road')
      expect(after.total).toBe(before.total)
      const streetAfter = await get<Street>('/api/streets/jiangsu-road')
      expect(streetAfter.activityCount).toBe(before.total)
      for (const id of ids)
        await expectNotFound(`/api/activities/${id}`)
    })
  })

  describe('enterprises', () => {
    const ZHILAN = { uscc: '91310105MA1G4TK834', name: '上海长宁知岚餐饮管理有限公司' }

    it('should treat a query of only spaces as no query when searching', async () => {
      const all = await get<EnterpriseList>('/api/enterprises')
      const spaces = await get<EnterpriseList>('/api/enterprises?q=%20%20')
      expect(spaces.total).toBe(all.total)
    })

    it('should find a firm by a fragment of its name when searching', async () => {
      const body = await get<EnterpriseList>(`/api/enterprises?q=${encodeURIComponent('知岚')}`)
      expect(body.total).toBe(1)
      expect(body.items[0]).toMatchObject({ ...ZHILAN, status: 'active' })
    })

    it('should find a firm by the start of its USCC when searching, in any letter case and with spaces', async () => {
      for (const q of ['91310105MA1G4', '91310105ma1g4tk', ' 9131 0105 MA1G4TK834 ']) {
        const body = await get<EnterpriseList>(`/api/enterprises?q=${encodeURIComponent(q)}`)
        expect(body.items.map(e => e.uscc), q).toContain(ZHILAN.uscc)
      }
    })

    it('should list every firm sharing a code prefix when a short prefix is searched', async () => {
      const all = await listAll<EnterpriseList['items'][number]>('/api/enterprises')
      const expected = all.filter(e => e.uscc.startsWith('91310105')).map(e => e.uscc).sort()
      const found = await listAll<EnterpriseList['items'][number]>('/api/enterprises?q=91310105')
      expect(found.map(e => e.uscc).sort()).toEqual(expected)
      expect(expected.length).toBeGreaterThan(1)
    })

    it('should find nothing when neither a name nor a code matches', async () => {
      const body = await get<EnterpriseList>(`/api/enterprises?q=${encodeURIComponent('不存在的公司')}`)
      expect(body).toEqual({
        items: [],
        page: 1,
        pageSize: 20,
        total: 0,
      })
    })

    it('should return the public profile when a firm is opened by its USCC', async () => {
      const { enterprise: firm } = await get<EnterpriseProfile>(`/api/enterprises/${ZHILAN.uscc}`)
      expect(firm).toMatchObject(ZHILAN)
      for (const field of [
        'type',
        'legalRepresentative',
        'registeredCapital',
        'establishedOn',
        'address',
        'businessScope',
      ] as const)
        expect(firm[field].length, field).toBeGreaterThan(0)
      expect(firm.establishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    })

    it('should show a revoked firm\'s status when its profile is opened', async () => {
      const { enterprise: firm } = await get<EnterpriseProfile>('/api/enterprises/91310105MA1FT6E91R')
      expect(firm.status).toBe('revoked')
    })

    it('should answer 404 when a valid USCC is not in the register', async () => {
      const first17 = '91310105MA1PPPPPP'
      const check = usccCheckChar(first17)
      expect(check).not.toBeNull()
      await expectNotFound(`/api/enterprises/${first17}${check}`)
    })
  })

  describe('caching', () => {
    it.each([
      '/api/streets',
      '/api/streets/jiangsu-road',
      '/api/benefits',
      '/api/benefits?category=culture',
      '/api/articles',
      '/api/activities',
      '/api/enterprises?q=91310105',
      '/api/enterprises/91310105MA1G4TK834',
    ])('should send cache-control public, no-cache when %s is read', async (url) => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('public, no-cache')
    })

    it('should send cache-control public, no-cache when a detail is read', async () => {
      const id = await idOf('benefits', 'library-deposit-free')
      const res = await t.app.inject({ method: 'GET', url: `/api/benefits/${id}` })
      expect(res.headers['cache-control']).toBe('public, no-cache')
    })
  })
})
