// What a record says about itself: whether it is the seed's fictional demo content (示例数据) — marked on that record
// only, so content an admin writes in a demo deployment is not labelled as sample data — and the English versions
// of its staff-authored texts, which the public answers carry beside the Chinese (summaries only the fields a card
// shows). English input is checked like the Chinese: blank or unknown fields are refused and change nothing.
import type { LightMyRequestResponse } from 'fastify'
import type { AdminArticle, ArticleInput, StreetProfileInput } from '#schemas/content'
import type { EnterpriseProfile } from '#schemas/credit'
import type { Article, ArticleList, BenefitList, StreetDetail, StreetList } from '#schemas/resources'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { DEMO_ADMIN } from '../../server/seed/data/accounts'
import { loadSeedData } from '../../server/seed/data/load'
import { buildTestApp, expectError, getOk, signIn } from './helpers'

const { benefits: seedBenefits, enterprises: seedEnterprises } = loadSeedData()

let t: TestApp
let admin = ''

beforeAll(async () => {
  t = await buildTestApp()
  admin = (await signIn(t.app, DEMO_ADMIN.username)).cookie
})
afterAll(async () => {
  await t.close()
})

function send(method: 'POST' | 'PUT', url: string, payload: object, cookie = admin): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: { [CSRF_HEADER]: CSRF_VALUE, cookie },
    payload,
  })
}

function articleInput(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    kind: 'news',
    title: '区信用办发布年度信用惠民清单',
    summary: '今年新增十项守信激励措施。',
    body: '## 清单\n\n**十项**措施。',
    source: '长宁区信用办',
    street: null,
    tags: [],
    disclosureUntil: null,
    status: 'published',
    ...overrides,
  }
}

async function articleCount(): Promise<number> {
  return (await getOk<ArticleList>(t.app, '/api/articles?pageSize=1')).total
}

describe('demo records', () => {
  it('should mark every seeded benefit, article, street and firm as demo data', async () => {
    const benefits = await getOk<BenefitList>(t.app, '/api/benefits?pageSize=50')
    expect(benefits.items.length).toBeGreaterThan(0)
    expect(benefits.items.every(b => b.isDemo)).toBe(true)
    const articles = await getOk<ArticleList>(t.app, '/api/articles?pageSize=50')
    expect(articles.items.every(a => a.isDemo)).toBe(true)
    const streets = await getOk<StreetList>(t.app, '/api/streets')
    expect(streets.items.every(s => s.isDemo)).toBe(true)
    const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${seedEnterprises[0]!.uscc}`)
    expect(profile.enterprise.isDemo).toBe(true)
  })

  it('should not mark an article an admin writes in a demo deployment as demo data, in the list or on its page', async () => {
    const res = await send('POST', '/api/admin/articles', articleInput())
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json<AdminArticle>()
    expect(created.isDemo).toBe(false)
    const list = await getOk<ArticleList>(t.app, '/api/articles?pageSize=50')
    expect(list.items.find(a => a.id === created.id)?.isDemo).toBe(false)
    expect(list.items.filter(a => a.id !== created.id).every(a => a.isDemo)).toBe(true)
    expect((await getOk<Article>(t.app, `/api/articles/${created.id}`)).isDemo).toBe(false)
  })

  it('should keep a demo record\'s flag when an admin saves it without one, and take it off when told to', async () => {
    const seeded = (await getOk<ArticleList>(t.app, '/api/articles?pageSize=50')).items.find(a => a.isDemo)!
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/articles/${seeded.id}`,
      headers: { cookie: admin },
    })
    const { id: _id, publishedAt: _p, updatedAt: _u, isDemo, ...input } = res.json<AdminArticle>()
    expect(isDemo).toBe(true)
    expect((await send('PUT', `/api/admin/articles/${seeded.id}`, { ...input, summary: `${input.summary}（已核对）` })).statusCode).toBe(200)
    expect((await getOk<Article>(t.app, `/api/articles/${seeded.id}`)).isDemo).toBe(true)
    expect((await send('PUT', `/api/admin/articles/${seeded.id}`, { ...input, isDemo: false })).statusCode).toBe(200)
    expect((await getOk<Article>(t.app, `/api/articles/${seeded.id}`)).isDemo).toBe(false)
  })
})

describe('english versions', () => {
  it('should give each seeded benefit its English title, summary and provider in the list, and the rest on its page', async () => {
    const list = await getOk<BenefitList>(t.app, '/api/benefits?pageSize=50')
    for (const item of list.items)
      expect(Object.keys(item.en ?? {}).sort(), item.title).toEqual(['provider', 'summary', 'title'])
    const first = list.items[0]!
    const seed = seedBenefits.find(b => b.title === first.title)!
    expect(first.en).toEqual({ title: seed.en!.title, summary: seed.en!.summary, provider: seed.en!.provider })
    const page = await getOk<{ en: object }>(t.app, `/api/benefits/${first.id}`)
    expect(page.en).toEqual(seed.en)
  })

  it('should publish an article\'s English title and body, the body rendered with raw HTML escaped', async () => {
    const res = await send('POST', '/api/admin/articles', articleInput({
      title: '诚信宣传周启动',
      en: { title: '  Integrity Week begins  ', body: '## Programme\n\nTalks <script>alert(1)</script> all week.' },
    }))
    expect(res.statusCode, res.body).toBe(201)
    const { id, en } = res.json<AdminArticle>()
    expect(en).toEqual({ title: 'Integrity Week begins', body: '## Programme\n\nTalks <script>alert(1)</script> all week.' })
    const list = await getOk<ArticleList>(t.app, '/api/articles?pageSize=50')
    expect(list.items.find(a => a.id === id)?.en).toEqual({ title: 'Integrity Week begins' })
    const page = await getOk<Article>(t.app, `/api/articles/${id}`)
    expect(page.en?.title).toBe('Integrity Week begins')
    expect(page.en?.bodyHtml).toBe('<h2>Programme</h2>\n<p>Talks &lt;script&gt;alert(1)&lt;/script&gt; all week.</p>\n')
    expect(page.title).toBe('诚信宣传周启动')
  })

  it('should leave out the English when an admin saves an article without it', async () => {
    const res = await send('POST', '/api/admin/articles', articleInput({ title: '没有英文的文章' }))
    const { id, en } = res.json<AdminArticle>()
    expect(en).toBeUndefined()
    expect((await getOk<Article>(t.app, `/api/articles/${id}`)).en).toBeUndefined()
  })

  for (const [name, en] of [
    [
      'a blank English title',
      { title: '   ' },
    ],
    [
      'an empty English summary',
      { summary: '' },
    ],
    [
      'an English field the article does not have',
      { offer: 'Free' },
    ],
    [
      'an English title of 201 characters',
      {
        title: 'x'.repeat(201),
      },
    ],
  ] as const) {
    it(`should answer 400 VALIDATION_FAILED and save nothing when an article has ${name}`, async () => {
      const before = await articleCount()
      expectError(await send('POST', '/api/admin/articles', articleInput({ en: en as ArticleInput['en'] })), 400, 'VALIDATION_FAILED')
      expect(await articleCount()).toBe(before)
    })
  }

  it('should keep English with each figure and practice of a street profile, and the intro\'s English with the street', async () => {
    const body: StreetProfileInput = {
      intro: '江苏路街道介绍。',
      address: '上海市长宁区江苏路 1 号',
      phone: '021-62510000',
      figures: [
        {
          label: '诚信商户',
          value: '120 家',
          en: { label: 'Honest shops', value: '120' },
        },
      ],
      practices: [
        {
          title: '信用积分进楼组',
          what: '楼组长记录邻里互助。',
          results: '参与居民 800 余人。',
          en: { title: 'Credit points in every building' },
        },
        { title: '诚信市集', what: '每月一次。', results: '摊主 40 家。' },
      ],
      en: { intro: 'About Jiangsu Road.' },
    }
    const res = await send('PUT', '/api/staff/streets/jiangsu-road', body)
    expect(res.statusCode, res.body).toBe(200)
    const street = await getOk<StreetDetail>(t.app, '/api/streets/jiangsu-road')
    expect(street.en).toEqual({ intro: 'About Jiangsu Road.' })
    expect(street.figures).toEqual(body.figures)
    expect(street.practices.map(p => p.en)).toEqual([
      { title: 'Credit points in every building' },
      undefined,
    ])
    // A street office that rewrites its profile keeps the street's demo flag unless it takes it off.
    expect(street.isDemo).toBe(true)
  })
})
