import type { LightMyRequestResponse } from 'fastify'
import type { BenefitCategory } from '#schemas/domain'
import type { EligibilityRule } from '#schemas/eligibility'
import type { Benefit, BenefitCategoryCounts, BenefitList } from '#schemas/resources'
import type { DB } from '../../server/db/database'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BENEFIT_CATEGORIES } from '#schemas/domain'
import { NEAR_MEASURE_ALL } from '../../server/repositories/benefits'
import { loadSeedData } from '../../server/seed/data/load'
import { buildTestApp, getOk, insertBenefit, listAllPages, shanghaiDate } from './helpers'

const { streets: seedStreets } = loadSeedData()

// The benefits catalogue as a client sees it: filters, paging, visibility by date and status, distance to venues,
// per-category counts, the detail page, conditional GETs and input validation. Most tests run against fixture
// benefits this file inserts itself (no demo seed), so expectations come from a small reference model below; a
// last group checks the real demo seed.

type Audience = 'personal' | 'enterprise' | 'both'
type Status = 'draft' | 'published' | 'archived'
type Summary = BenefitList['items'][number]

interface FixtureVenue {
  name: string
  address: string
  hours: string
  phone: string | null
  lat: number
  lng: number
}

interface Fixture {
  key: string
  title: string
  summary: string
  category: BenefitCategory
  audience: Audience
  provider: string
  street: string | null
  tags: string[]
  validFrom: string
  validTo: string | null
  status: Status
  updatedAt: string
  venues: FixtureVenue[]
  rules: EligibilityRule[]
  claimSteps: string[]
  documents: string[]
  contact: string
  offer: string
  eligibility: string
}

const TODAY = shanghaiDate(0)

function venue(name: string, lat: number, lng: number, phone: string | null = '021-62000000'): FixtureVenue {
  return {
    name,
    address: `上海市长宁区${name}`,
    hours: '周一至周五 9:00-17:00',
    phone,
    lat,
    lng,
  }
}

function fixture(values: Partial<Fixture> & Pick<Fixture, 'key' | 'title' | 'category' | 'audience' | 'updatedAt'>): Fixture {
  return {
    summary: `${values.title}的简介。`,
    provider: '测试提供方',
    street: null,
    tags: [],
    validFrom: '2025-01-01',
    validTo: null,
    status: 'published',
    venues: [],
    rules: [],
    claimSteps: [],
    documents: [],
    contact: '',
    offer: '测试优惠',
    eligibility: '测试条件',
    ...values,
  }
}

// Venues at known places around 长宁区; no two distinct venue positions are close to equidistant from the test points.
const LIBRARY_MAIN = venue('长宁区图书馆总馆', 31.2185, 121.4260)
const LIBRARY_WEST = venue('长宁区图书馆西馆', 31.2060, 121.3920, null)
const METRO_HALL = venue('江苏路地铁服务厅', 31.2230, 121.4380)

const FIXTURES: Fixture[] = [
  fixture({
    key: 'f-library',
    title: '区图书馆信用免押借阅',
    summary: '凭守信记录借书无需押金。',
    category: 'culture',
    audience: 'personal',
    provider: '长宁区图书馆',
    tags: ['图书馆', '阅读'],
    updatedAt: '2026-03-10T02:00:00.000Z',
    venues: [LIBRARY_MAIN, LIBRARY_WEST],
    rules: [
      { kind: 'registeredIn', scope: 'district' },
      { kind: 'noSeriousDishonesty' },
      { kind: 'minAge', years: 18 },
    ],
    claimSteps: ['在线预约', '到馆出示信用码', '办理借阅'],
    documents: ['身份证'],
    contact: '长宁区图书馆服务台 021-62001111',
    offer: '免交 100 元借书押金',
    eligibility: '本区常住居民,无严重失信记录',
  }),
  fixture({
    key: 'f-metro',
    title: '地铁出行积分加倍',
    category: 'transport',
    audience: 'personal',
    provider: '长宁区交通委',
    street: 'jiangsu-road',
    tags: ['出行'],
    updatedAt: '2026-03-09T02:00:00.000Z',
    venues: [METRO_HALL],
  }),
  fixture({
    key: 'f-loan',
    title: '信易贷快速审批',
    category: 'finance',
    audience: 'enterprise',
    provider: '长宁区金融办',
    tags: ['融资', '小微企业'],
    updatedAt: '2026-03-09T02:00:00.000Z', // same instant as f-metro: the id decides
    documents: [],
    contact: '长宁区金融办 021-62002222',
  }),
  fixture({
    key: 'f-green-lane',
    title: '容缺受理绿色通道',
    category: 'government',
    audience: 'both',
    provider: '长宁区行政服务中心',
    street: 'xinhua-road',
    tags: ['政务服务', '容缺办理'],
    updatedAt: '2026-03-08T02:00:00.000Z',
    venues: [
      venue('新华路街道社区事务受理中心', 31.2005, 121.4180),
    ],
  }),
  fixture({
    key: 'f-clinic',
    title: '社区医院优先就诊',
    summary: '守信居民就诊可走优先窗口。',
    category: 'medical',
    audience: 'personal',
    provider: '新华路社区卫生服务中心',
    street: 'xinhua-road',
    tags: ['就医'],
    updatedAt: '2026-03-07T02:00:00.000Z',
    venues: [
      venue('新华路社区卫生服务中心', 31.2050, 121.4250),
    ],
  }),
  fixture({
    key: 'f-rent',
    title: '人才公寓租金优惠',
    category: 'housing',
    audience: 'both',
    provider: '长宁区住房保障中心',
    tags: ['租房'],
    updatedAt: '2026-03-06T02:00:00.000Z',
    venues: [
      venue('长宁区住房保障中心', 31.2150, 121.3800),
    ],
  }),
  fixture({
    key: 'f-canteen',
    title: '长者用餐折扣',
    summary: '社区老人用餐享九折。',
    category: 'elderly',
    audience: 'personal',
    provider: '江苏路街道',
    street: 'jiangsu-road',
    tags: ['长者食堂', '助餐'],
    updatedAt: '2026-03-05T02:00:00.000Z',
    venues: [
      venue('江苏路长者食堂', 31.2240, 121.4320),
      venue('愚园路长者食堂', 31.2120, 121.4400),
    ],
  }),
  fixture({
    key: 'f-merchants',
    title: '商户联盟年费减免',
    category: 'life',
    audience: 'enterprise',
    provider: '天山路商会',
    street: 'tianshan-road',
    tags: ['"诚信"商户'], // a tag value with quotes: stored as "\"诚信\"商户" in the JSON
    updatedAt: '2026-03-04T02:00:00.000Z',
  }),
  fixture({
    key: 'f-museum',
    title: '博物馆信用预约',
    category: 'culture',
    audience: 'both',
    provider: '长宁区文化旅游局',
    street: 'jiangsu-road',
    tags: ['博物馆'],
    updatedAt: '2026-03-03T02:00:00.000Z',
    venues: [METRO_HALL], // exactly as far as f-metro from anywhere: the newer one comes first
  }),
  fixture({
    key: 'f-last-day',
    title: '今天截止的停车优惠',
    category: 'life',
    audience: 'personal',
    provider: '长宁区停车管理所',
    tags: ['停车'],
    validTo: TODAY,
    updatedAt: '2026-03-02T02:00:00.000Z',
    venues: [
      venue('北新泾停车场', 31.1950, 121.3650),
    ],
  }),
  fixture({
    key: 'f-tomorrow',
    title: '明天截止的游泳馆优惠',
    category: 'culture',
    audience: 'personal',
    provider: '长宁区体育局',
    street: 'xianxia-xincun',
    tags: ['游泳'],
    validTo: shanghaiDate(1),
    updatedAt: '2026-03-01T02:00:00.000Z',
  }),
  // Never visible: the newest rows, so they would show first if they leaked.
  fixture({
    key: 'f-expired',
    title: '过期的免押借阅活动',
    category: 'culture',
    audience: 'personal',
    provider: '长宁区图书馆',
    tags: ['图书馆'],
    validTo: shanghaiDate(-1),
    updatedAt: '2026-03-20T02:00:00.000Z',
    venues: [
      venue('过期场馆', 31.2200, 121.4300),
    ],
  }),
  fixture({
    key: 'f-draft',
    title: '草稿里的免押借阅',
    category: 'culture',
    audience: 'both',
    provider: '长宁区图书馆',
    status: 'draft',
    updatedAt: '2026-03-21T02:00:00.000Z',
    venues: [
      venue('草稿场馆', 31.2200, 121.4300),
    ],
  }),
  fixture({
    key: 'f-archived',
    title: '已下线的免押借阅',
    category: 'housing',
    audience: 'enterprise',
    provider: '长宁区图书馆',
    street: 'jiangsu-road',
    status: 'archived',
    updatedAt: '2026-03-22T02:00:00.000Z',
  }),
  // Twelve fillers updated at the very same instant, without venues: ties that only the id can order.
  ...Array.from({ length: 12 }, (_, i) => fixture({
    key: `f-filler-${i}`,
    title: `填充措施${i}号`,
    category: (['life', 'medical', 'transport'] as const)[i % 3]!,
    audience: (['personal', 'enterprise', 'both'] as const)[i % 3]!,
    provider: i % 2 === 0
      ? '长宁区测试办'
      : '测试服务社',
    street: ([
      null,
      'huayang-road',
      'xinhua-road',
      'jiangsu-road',
    ] as const)[i % 4]!,
    tags: ['填充'],
    updatedAt: '2026-01-15T02:00:00.000Z',
  })),
]

const HIDDEN_KEYS = ['f-expired', 'f-draft', 'f-archived']

interface Filters {
  category?: BenefitCategory
  audience?: Audience
  street?: string
  q?: string
}

type Query = Record<string, string | number | undefined>

function withQuery(path: string, query: Query = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length > 0
    ? `${path}?${parts.join('&')}`
    : path
}

/** Great-circle distance in metres (spherical Earth of mean radius), written independently of common/geo.ts. */
function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_008.8
  const φ1 = lat1 * Math.PI / 180
  const φ2 = lat2 * Math.PI / 180
  const Δφ = (lat2 - lat1) * Math.PI / 180
  const Δλ = (lng2 - lng1) * Math.PI / 180
  const h = Math.sin(Δφ / 2) ** 2 + Math.cos(φ1) * Math.cos(φ2) * Math.sin(Δλ / 2) ** 2
  return 2 * R * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h))
}

/** What the API should show, computed from the fixture definitions. */
class Model {
  constructor(readonly ids: Map<string, number>, readonly fixtures: Fixture[]) {}

  id(key: string): number {
    const id = this.ids.get(key)
    if (id === undefined)
      throw new Error(`no fixture ${key}`)
    return id
  }

  byId(id: number): Fixture {
    const f = this.fixtures.find(x => this.ids.get(x.key) === id)
    if (!f)
      throw new Error(`no fixture with id ${id}`)
    return f
  }

  visible(): Fixture[] {
    return this.fixtures.filter(f => f.status === 'published' && (f.validTo === null || f.validTo >= TODAY))
  }

  matching(filters: Filters): Fixture[] {
    const text = filters.q?.trim()
    return this.visible().filter((f) => {
      if (filters.category && f.category !== filters.category)
        return false
      if (filters.audience) {
        const allowed = filters.audience === 'both'
          ? ['both']
          : [filters.audience, 'both']
        if (!allowed.includes(f.audience))
          return false
      }
      if (filters.street && f.street !== null && f.street !== filters.street)
        return false
      if (text !== undefined && ![
        f.title,
        f.summary,
        f.provider,
        ...f.tags,
      ].some(s => s.includes(text))) {
        return false
      }
      return true
    })
  }

  newest(list: Fixture[]): Fixture[] {
    return [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || this.id(b.key) - this.id(a.key))
  }

  distance(f: Fixture, lat: number, lng: number): number | null {
    if (f.venues.length === 0)
      return null
    return Math.min(...f.venues.map(v => haversine(lat, lng, v.lat, v.lng)))
  }

  nearest(list: Fixture[], lat: number, lng: number): Fixture[] {
    return this.newest(list).sort((a, b) => {
      const da = this.distance(a, lat, lng)
      const db = this.distance(b, lat, lng)
      if (da === null || db === null) {
        return (da === null
          ? 1
          : 0) - (db === null
          ? 1
          : 0)
      }
      return da - db // stable sort keeps newest-first among equal distances
    })
  }

  keys(list: Fixture[]): string[] {
    return list.map(f => f.key)
  }

  counts(filters: Filters): Partial<Record<BenefitCategory, number>> {
    const counts: Partial<Record<BenefitCategory, number>> = {}
    for (const f of this.matching(filters))
      counts[f.category] = (counts[f.category] ?? 0) + 1
    return counts
  }
}

async function insertStreets(db: DB): Promise<void> {
  const district = await db.insertInto('districts')
    .values({ key: 'changning', name: '长宁区', name_en: 'Changning District' })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const s of seedStreets) {
    await db.insertInto('streets').values({
      district_id: district.id,
      key: s.key,
      name: s.name,
      name_en: s.nameEn,
      kind: s.kind,
      intro: s.intro,
      address: s.address,
      phone: s.phone,
      is_demonstration: s.isDemonstration ? 1 : 0,
      sort_order: s.sortOrder,
    }).execute()
  }
}

async function insertFixtures(db: DB, fixtures: Fixture[]): Promise<Map<string, number>> {
  const streetIds = new Map((await db.selectFrom('streets').select(['id', 'key']).execute()).map(r => [r.key, r.id]))
  const ids = new Map<string, number>()
  for (const f of fixtures) {
    const row = await db.insertInto('benefits').values({
      key: f.key,
      title: f.title,
      summary: f.summary,
      category: f.category,
      audience: f.audience,
      provider: f.provider,
      street_id: f.street === null
        ? null
        : streetIds.get(f.street)!,
      offer: f.offer,
      eligibility: f.eligibility,
      valid_from: f.validFrom,
      valid_to: f.validTo,
      tags: JSON.stringify(f.tags),
      rules: JSON.stringify(f.rules),
      claim_steps: JSON.stringify(f.claimSteps),
      documents: JSON.stringify(f.documents),
      contact: f.contact,
      status: f.status,
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: f.updatedAt,
    }).returning('id').executeTakeFirstOrThrow()
    ids.set(f.key, row.id)
    // Insert venues last-first so only sort_order, not insertion order, can put them in the right order.
    for (const [index, v] of [
      ...f.venues.entries(),
    ].reverse()) {
      await db.insertInto('benefit_venues').values({
        benefit_id: row.id,
        sort_order: index,
        ...v,
      }).execute()
    }
  }
  return ids
}

/** An app without the demo seed, holding the ten streets and the fixture benefits. */
async function buildFixtureApp(): Promise<{ t: TestApp, model: Model }> {
  const t = await buildTestApp({
    env: { SEED_DEMO_DATA: 'false' },
  })
  await insertStreets(t.app.db)
  const ids = await insertFixtures(t.app.db, FIXTURES)
  return {
    t,
    model: new Model(ids, FIXTURES),
  }
}

function expectValidationFailed(res: LightMyRequestResponse, label: string): ErrorEnvelope['error'] {
  expect(res.statusCode, `${label}: ${res.body}`).toBe(400)
  const body = res.json<ErrorEnvelope>()
  expect(body.error.code, label).toBe('VALIDATION_FAILED')
  return body.error
}

describe('benefits catalogue', () => {
  describe('with fixture benefits', () => {
    let t: TestApp
    let model: Model

    beforeAll(async () => {
      ({ t, model } = await buildFixtureApp())
    })
    afterAll(async () => {
      await t?.close()
    })

    const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

    async function list(query: Query = {}): Promise<BenefitList> {
      return get<BenefitList>(withQuery('/api/benefits', query))
    }

    async function categories(query: Query = {}): Promise<BenefitCategoryCounts> {
      return get<BenefitCategoryCounts>(withQuery('/api/benefits/categories', query))
    }

    async function keysOf(query: Query): Promise<string[]> {
      const body = await list({ ...query, pageSize: 50 })
      expect(body.total).toBe(body.items.length)
      return body.items.map(b => model.byId(b.id).key)
    }

    function countsOf(body: BenefitCategoryCounts): Partial<Record<BenefitCategory, number>> {
      return Object.fromEntries(body.items.map(i => [i.category, i.count]))
    }

    describe('list and filters', () => {
      it('should list exactly the published, current fixtures, newest first, when no filter is given', async () => {
        const expected = model.keys(model.newest(model.visible()))
        expect(expected).toHaveLength(23)
        expect(await keysOf({})).toEqual(expected)
      })

      it('should return only that category when a category is chosen', async () => {
        for (const category of BENEFIT_CATEGORIES) {
          const body = await list({ category, pageSize: 50 })
          expect(body.items.every(b => b.category === category), category).toBe(true)
          expect(body.items.map(b => model.byId(b.id).key), category)
            .toEqual(model.keys(model.newest(model.matching({ category }))))
          expect(body.total, category).toBe(model.matching({ category }).length)
        }
        expect(await keysOf({ category: 'culture' })).toEqual(['f-library', 'f-museum', 'f-tomorrow'])
      })

      it('should include measures for both audiences when personal is chosen', async () => {
        const body = await list({ audience: 'personal', pageSize: 50 })
        const audiences = new Set(body.items.map(b => b.audience))
        expect([...audiences].sort()).toEqual(['both', 'personal'])
        expect(body.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.newest(model.matching({ audience: 'personal' }))))
        expect(body.items.map(b => model.byId(b.id).key)).not.toContain('f-loan')
      })

      it('should include measures for both audiences when enterprise is chosen', async () => {
        const body = await list({ audience: 'enterprise', pageSize: 50 })
        const audiences = new Set(body.items.map(b => b.audience))
        expect([...audiences].sort()).toEqual(['both', 'enterprise'])
        const keys = body.items.map(b => model.byId(b.id).key)
        expect(keys).toEqual(model.keys(model.newest(model.matching({ audience: 'enterprise' }))))
        expect(keys).toContain('f-green-lane')
        expect(keys).not.toContain('f-library')
      })

      it('should return only measures for both audiences when both is chosen', async () => {
        const body = await list({ audience: 'both', pageSize: 50 })
        expect(body.items.length).toBeGreaterThan(0)
        expect(body.items.every(b => b.audience === 'both')).toBe(true)
        expect(body.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.newest(model.matching({ audience: 'both' }))))
      })

      it('should keep district-wide measures and drop other streets\' when a street is chosen', async () => {
        const body = await list({ street: 'jiangsu-road', pageSize: 50 })
        const keys = body.items.map(b => model.byId(b.id).key)
        expect(keys).toEqual(model.keys(model.newest(model.matching({ street: 'jiangsu-road' }))))
        expect(body.items.every(b => b.street === null || b.street.key === 'jiangsu-road')).toBe(true)
        expect(keys).toContain('f-metro') // this street
        expect(keys).toContain('f-library') // district-wide
        expect(keys).not.toContain('f-clinic') // xinhua-road
        expect(body.items.find(b => model.byId(b.id).key === 'f-metro')?.street)
          .toEqual({ key: 'jiangsu-road', name: '江苏路街道', nameEn: 'Jiangsu Road Subdistrict' })
      })

      it('should show only district-wide measures when the chosen street has none of its own', async () => {
        const body = await list({ street: 'xinjing-town', pageSize: 50 })
        expect(body.items.length).toBeGreaterThan(0)
        expect(body.items.every(b => b.street === null)).toBe(true)
        expect(body.total).toBe(model.visible().filter(f => f.street === null).length)
      })

      it.each([
        [
          'the title',
          '免押借阅',
          ['f-library'],
        ],
        [
          'the summary',
          '无需押金',
          ['f-library'],
        ],
        [
          'the provider',
          '卫生服务中心',
          ['f-clinic'],
        ],
        [
          'a whole tag',
          '助餐',
          ['f-canteen'],
        ],
        [
          'part of a tag',
          '食堂',
          ['f-canteen'],
        ],
        [
          'a tag containing quotes',
          '"诚信"',
          ['f-merchants'],
        ],
      ])('should find a measure by %s when searching', async (_label, q, expected) => {
        expect(await keysOf({ q })).toEqual(expected)
      })

      it('should match a Chinese fragment anywhere in title, summary, provider or tags when searching', async () => {
        for (const q of ['长宁区', '图书馆', '信用', '社区', '填充', '优惠']) {
          const expected = model.keys(model.newest(model.matching({ q })))
          expect(expected.length, q).toBeGreaterThan(0)
          expect(await keysOf({ q }), q).toEqual(expected)
        }
      })

      it('should ignore surrounding spaces when searching', async () => {
        expect(await keysOf({ q: '  免押借阅 ' })).toEqual(['f-library'])
      })

      it('should treat a query of only spaces as no query when searching', async () => {
        expect(await keysOf({ q: '   ' })).toEqual(model.keys(model.newest(model.visible())))
        expect((await categories({ q: ' ' })).total).toBe(model.visible().length)
      })

      it('should match tags by their text, not the JSON they are stored in, when searching', async () => {
        for (const q of [
          '[',
          ']',
          '","',
          '["',
          '"]',
          '食堂","助',
          '\\"',
          '\\"诚信\\"',
        ]) {
          const body = await list({ q })
          expect(body.total, q).toBe(0)
          expect(body.items, q).toEqual([])
        }
      })

      it('should return an empty list with total 0 when nothing matches the search', async () => {
        expect(await list({ q: '不存在的措施' })).toEqual({
          items: [],
          page: 1,
          pageSize: 20,
          total: 0,
        })
      })

      it('should apply every filter together when several are combined', async () => {
        expect(await keysOf({ category: 'culture', audience: 'both' })).toEqual(['f-museum'])
        expect(await keysOf({ audience: 'personal', street: 'xinhua-road', q: '社区' })).toEqual(['f-clinic'])
        expect(await keysOf({
          category: 'culture',
          audience: 'personal',
          street: 'jiangsu-road',
          q: '图书馆',
        })).toEqual(['f-library'])
        expect(await keysOf({
          category: 'culture',
          audience: 'both',
          street: 'jiangsu-road',
          q: '博物馆',
        })).toEqual(['f-museum'])
        expect(await keysOf({
          category: 'culture',
          audience: 'personal',
          street: 'xinhua-road',
          q: '博物馆',
        })).toEqual([])
      })

      it('should agree with the reference model and report a matching total for every combination of filters', async () => {
        let nonEmpty = 0
        for (const category of [
          undefined,
          'culture',
          'life',
          'finance',
        ] as const) {
          for (const audience of [
            undefined,
            'personal',
            'enterprise',
            'both',
          ] as const) {
            for (const street of [
              undefined,
              'jiangsu-road',
              'xinhua-road',
              'tianshan-road',
            ] as const) {
              for (const q of [undefined, '长宁', '信用', '填充']) {
                const filters = { category, audience, street, q }
                const expected = model.keys(model.newest(model.matching(filters)))
                const body = await list({ ...filters, pageSize: 50 })
                const label = JSON.stringify(filters)
                expect(body.total, label).toBe(expected.length)
                expect(body.items.map(b => model.byId(b.id).key), label).toEqual(expected)
                if (expected.length > 0)
                  nonEmpty++
              }
            }
          }
        }
        expect(nonEmpty).toBeGreaterThan(40)
      })

      it('should describe each item with its public summary fields when the list is read', async () => {
        const body = await list({ q: '免押借阅' })
        expect(body.items).toEqual([
          {
            id: model.id('f-library'),
            title: '区图书馆信用免押借阅',
            summary: '凭守信记录借书无需押金。',
            category: 'culture',
            audience: 'personal',
            provider: '长宁区图书馆',
            street: null,
            validTo: null,
            tags: ['图书馆', '阅读'],
            updatedAt: '2026-03-10T02:00:00.000Z',
            distanceM: null,
            isDemo: false,
          },
        ])
      })
    })

    describe('pagination', () => {
      it('should use page 1 of 20 when no pagination is given', async () => {
        const body = await list()
        expect(body.page).toBe(1)
        expect(body.pageSize).toBe(20)
        expect(body.total).toBe(23)
        expect(body.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.newest(model.visible())).slice(0, 20))
        const second = await list({ page: 2 })
        expect(second.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.newest(model.visible())).slice(20))
      })

      it('should return an empty page with the real total when the page is past the end', async () => {
        for (const query of [
          { page: 3 },
          { page: 2, pageSize: 50 },
          { page: 10000, pageSize: 1 },
          { page: 2, category: 'culture' },
        ]) {
          const body = await list(query)
          expect(body.items, JSON.stringify(query)).toEqual([])
          expect(body.page).toBe(query.page)
          expect(body.total).toBe(model.matching({ category: (query as { category?: BenefitCategory }).category }).length)
        }
      })

      it('should return one item per page in list order when pageSize is 1', async () => {
        const expected = model.keys(model.newest(model.visible()))
        const seen: string[] = []
        for (let page = 1; page <= expected.length; page++) {
          const body = await list({ page, pageSize: 1 })
          expect(body.pageSize).toBe(1)
          expect(body.total).toBe(expected.length)
          expect(body.items).toHaveLength(1)
          seen.push(model.byId(body.items[0]!.id).key)
        }
        expect(seen).toEqual(expected)
      })

      it('should return everything on one page when pageSize is 50 and fewer match', async () => {
        const body = await list({ pageSize: 50 })
        expect(body.pageSize).toBe(50)
        expect(body.items).toHaveLength(23)
        expect(body.total).toBe(23)
      })

      it('should neither repeat nor skip a measure across pages when many share the same update time', async () => {
        const fillers = model.visible().filter(f => f.key.startsWith('f-filler-'))
        expect(new Set(fillers.map(f => f.updatedAt)).size).toBe(1)
        for (const pageSize of [2, 3, 5, 7]) {
          const ids: number[] = []
          for (let page = 1; page <= Math.ceil(23 / pageSize); page++)
            ids.push(...(await list({ page, pageSize })).items.map(b => b.id))
          expect(new Set(ids).size, `pageSize ${pageSize}`).toBe(23)
          expect(ids.map(id => model.byId(id).key), `pageSize ${pageSize}`).toEqual(model.keys(model.newest(model.visible())))
        }
        // Among equal update times the higher id comes first.
        const tied = (await keysOf({ q: '填充' })).map(k => model.id(k))
        expect(tied).toEqual([...tied].sort((a, b) => b - a))
      })

      it('should page filtered lists consistently when a filter and a page are combined', async () => {
        const expected = model.keys(model.newest(model.matching({ audience: 'personal' })))
        const seen: string[] = []
        for (let page = 1; page <= Math.ceil(expected.length / 4); page++) {
          const body = await list({ audience: 'personal', page, pageSize: 4 })
          expect(body.total).toBe(expected.length)
          seen.push(...body.items.map(b => model.byId(b.id).key))
        }
        expect(seen).toEqual(expected)
      })
    })

    describe('visibility', () => {
      it('should leave out expired, draft and archived measures when the list is read', async () => {
        const keys = await keysOf({})
        for (const key of HIDDEN_KEYS)
          expect(keys).not.toContain(key)
        const searched = await keysOf({ q: '免押借阅' })
        expect(searched).toEqual(['f-library'])
      })

      it('should keep a measure through its last valid day when valid_to is today in Shanghai', async () => {
        const keys = await keysOf({})
        expect(keys).toContain('f-last-day')
        expect(keys).toContain('f-tomorrow')
        const detail = await get<Benefit>(`/api/benefits/${model.id('f-last-day')}`)
        expect(detail.validTo).toBe(TODAY)
      })

      it('should answer 404 for the detail of an expired, draft or archived measure', async () => {
        for (const key of HIDDEN_KEYS) {
          const res = await t.app.inject({ method: 'GET', url: `/api/benefits/${model.id(key)}` })
          expect(res.statusCode, key).toBe(404)
          expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
        }
      })

      it('should answer 404 when no measure has that id', async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/benefits/2147483647' })
        expect(res.statusCode).toBe(404)
        expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
      })

      it('should not count expired, draft or archived measures when categories are counted', async () => {
        const body = await categories()
        expect(countsOf(body)).toEqual(model.counts({}))
        expect(body.total).toBe(23)
        // f-archived is the only housing/enterprise row and f-expired/f-draft are culture: none may be counted.
        expect(countsOf(await categories({ q: '免押借阅' }))).toEqual({ culture: 1 })
        // Only f-rent is visible for housing here; the archived housing measure of that street must not add to it.
        expect(countsOf(await categories({ audience: 'enterprise', street: 'jiangsu-road' })).housing).toBe(1)
      })
    })

    describe('distance to venues', () => {
      const POINTS = [
        { name: 'near 江苏路', lat: 31.2200, lng: 121.4300 },
        { name: 'near 北新泾', lat: 31.1900, lng: 121.3700 },
      ]

      it('should order by the nearest venue, with measures without venues last, when sort=nearest', async () => {
        for (const p of POINTS) {
          const body = await list({
            sort: 'nearest',
            lat: p.lat,
            lng: p.lng,
            pageSize: 50,
          })
          const expected = model.keys(model.nearest(model.visible(), p.lat, p.lng))
          expect(body.items.map(b => model.byId(b.id).key), p.name).toEqual(expected)
          expect(body.total).toBe(23)
          const distances = body.items.map(b => b.distanceM)
          const firstNull = distances.indexOf(null)
          expect(firstNull, p.name).toBeGreaterThan(0)
          expect(distances.slice(firstNull).every(d => d === null), p.name).toBe(true)
          const known = distances.slice(0, firstNull) as number[]
          expect(known, p.name).toEqual([...known].sort((a, b) => a - b))
        }
        // The two points really order the list differently.
        const [a, b] = await Promise.all(POINTS.map(async p => (await list({ sort: 'nearest', lat: p.lat, lng: p.lng })).items[0]!.id))
        expect(a).not.toBe(b)
      })

      it('should report the distance to the closest of several venues within a metre when a point is given', async () => {
        for (const p of POINTS) {
          const body = await list({
            sort: 'nearest',
            lat: p.lat,
            lng: p.lng,
            pageSize: 50,
          })
          for (const item of body.items) {
            const f = model.byId(item.id)
            const expected = model.distance(f, p.lat, p.lng)
            if (expected === null) {
              expect(item.distanceM, f.key).toBeNull()
            }
            else {
              expect(Number.isInteger(item.distanceM), f.key).toBe(true)
              expect(Math.abs(item.distanceM! - expected), `${f.key} at ${p.name}`).toBeLessThanOrEqual(1)
            }
          }
        }
        // f-library has two venues: from near 北新泾 the west branch is the closer one.
        const p = POINTS[1]!
        const library = (await list({ lat: p.lat, lng: p.lng, q: '免押借阅' })).items[0]!
        const west = haversine(p.lat, p.lng, LIBRARY_WEST.lat, LIBRARY_WEST.lng)
        expect(west).toBeLessThan(haversine(p.lat, p.lng, LIBRARY_MAIN.lat, LIBRARY_MAIN.lng))
        expect(Math.abs(library.distanceM! - west)).toBeLessThanOrEqual(1)
      })

      it('should put the newer of two equally distant measures first when sort=nearest', async () => {
        const p = POINTS[0]!
        const keys = (await list({
          sort: 'nearest',
          lat: p.lat,
          lng: p.lng,
          pageSize: 50,
        })).items.map(b => model.byId(b.id).key)
        expect(keys.indexOf('f-museum')).toBe(keys.indexOf('f-metro') + 1)
      })

      it('should keep newest-first order but still show distances when a point is given with sort=newest', async () => {
        const p = POINTS[0]!
        for (const query of [
          { sort: 'newest', lat: p.lat, lng: p.lng },
          { lat: p.lat, lng: p.lng },
        ]) {
          const body = await list({ ...query, pageSize: 50 })
          expect(body.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.newest(model.visible())))
          const library = body.items.find(b => b.id === model.id('f-library'))!
          expect(Math.abs(library.distanceM! - model.distance(model.byId(library.id), p.lat, p.lng)!)).toBeLessThanOrEqual(1)
          expect(body.items.find(b => b.id === model.id('f-loan'))!.distanceM).toBeNull()
        }
      })

      it('should tell caches not to store the answer when it was computed from a position', async () => {
        for (const query of ['sort=nearest&lat=31.22&lng=121.43', 'lat=31.22&lng=121.43', 'sort=newest&lat=31.22&lng=121.43&category=culture']) {
          const res = await t.app.inject({ method: 'GET', url: `/api/benefits?${query}` })
          expect(res.statusCode, query).toBe(200)
          expect(res.headers['cache-control'], query).toBe('no-store')
        }
        const plain = await t.app.inject({ method: 'GET', url: '/api/benefits?category=culture' })
        expect(plain.headers['cache-control']).toBe('public, no-cache')
      })

      it('should show no distance when no point is given', async () => {
        const body = await list({ pageSize: 50 })
        expect(body.items.every(b => b.distanceM === null)).toBe(true)
        const detail = await get<Benefit>(`/api/benefits/${model.id('f-library')}`)
        expect(detail.distanceM).toBeNull()
      })

      it('should page the nearest order without gaps and combine it with filters when sort=nearest', async () => {
        const p = POINTS[0]!
        const expected = model.keys(model.nearest(model.visible(), p.lat, p.lng))
        const seen: string[] = []
        for (let page = 1; page <= Math.ceil(expected.length / 4); page++) {
          seen.push(...(await list({
            sort: 'nearest',
            lat: p.lat,
            lng: p.lng,
            page,
            pageSize: 4,
          })).items.map(b => model.byId(b.id).key))
        }
        expect(seen).toEqual(expected)
        const filters = { audience: 'personal', street: 'jiangsu-road' } as const
        const filtered = await list({
          ...filters,
          sort: 'nearest',
          lat: p.lat,
          lng: p.lng,
          pageSize: 50,
        })
        expect(filtered.items.map(b => model.byId(b.id).key)).toEqual(model.keys(model.nearest(model.matching(filters), p.lat, p.lng)))
        expect(filtered.total).toBe(model.matching(filters).length)
      })

      it('should ignore the venues of hidden measures when ordering by distance', async () => {
        // f-expired and f-draft have a venue exactly at this point: they must not show up, at distance 0 or at all.
        const body = await list({
          sort: 'nearest',
          lat: 31.2200,
          lng: 121.4300,
          pageSize: 50,
        })
        expect(body.items.every(b => b.distanceM !== 0)).toBe(true)
        expect(body.items.map(b => model.byId(b.id).key)).not.toContain('f-expired')
      })
    })

    describe('category counts', () => {
      it('should count every visible measure per category, omitting empty ones, when no filter is given', async () => {
        const body = await categories()
        expect(countsOf(body)).toEqual(model.counts({}))
        expect(body.items.every(i => i.count > 0)).toBe(true)
        expect(new Set(body.items.map(i => i.category)).size).toBe(body.items.length)
        expect(body.total).toBe(body.items.reduce((n, i) => n + i.count, 0))
        expect(body.total).toBe((await list()).total)
      })

      it('should leave out a category with no matching measure rather than count it as 0', async () => {
        const body = await categories({ audience: 'enterprise', street: 'tianshan-road' })
        const expected = model.counts({ audience: 'enterprise', street: 'tianshan-road' })
        expect(countsOf(body)).toEqual(expected)
        expect(body.items.map(i => i.category)).not.toContain('elderly')
        expect(body.items.map(i => i.category)).not.toContain('culture')
        expect(body.items.every(i => i.count > 0)).toBe(true)
      })

      it('should return no items and total 0 when nothing matches', async () => {
        expect(await categories({ q: '不存在的措施' })).toEqual({ items: [], total: 0 })
      })

      it('should respect audience, street and search and agree with the list total for every combination', async () => {
        for (const audience of [
          undefined,
          'personal',
          'enterprise',
          'both',
        ] as const) {
          for (const street of [
            undefined,
            'jiangsu-road',
            'xinhua-road',
            'xinjing-town',
          ] as const) {
            for (const q of [undefined, '长宁', '信用', '填充', '"诚信"']) {
              const filters = { audience, street, q }
              const label = JSON.stringify(filters)
              const body = await categories(filters)
              expect(countsOf(body), label).toEqual(model.counts(filters))
              expect(body.total, label).toBe(body.items.reduce((n, i) => n + i.count, 0))
              expect(body.total, label).toBe((await list(filters)).total)
              for (const item of body.items)
                expect((await list({ ...filters, category: item.category })).total, `${label} ${item.category}`).toBe(item.count)
            }
          }
        }
      })
    })

    describe('detail', () => {
      it('should return rules, how to claim, documents, contact and dates when a measure is opened', async () => {
        const benefit = await get<Benefit>(`/api/benefits/${model.id('f-library')}`)
        expect(benefit).toEqual({
          id: model.id('f-library'),
          title: '区图书馆信用免押借阅',
          summary: '凭守信记录借书无需押金。',
          category: 'culture',
          audience: 'personal',
          provider: '长宁区图书馆',
          street: null,
          validFrom: '2025-01-01',
          validTo: null,
          offer: '免交 100 元借书押金',
          eligibility: '本区常住居民,无严重失信记录',
          rules: [
            { kind: 'registeredIn', scope: 'district' },
            { kind: 'noSeriousDishonesty' },
            { kind: 'minAge', years: 18 },
          ],
          claimSteps: ['在线预约', '到馆出示信用码', '办理借阅'],
          documents: ['身份证'],
          venues: [LIBRARY_MAIN, LIBRARY_WEST],
          contact: '长宁区图书馆服务台 021-62001111',
          tags: ['图书馆', '阅读'],
          updatedAt: '2026-03-10T02:00:00.000Z',
          distanceM: null,
          isDemo: false,
        })
      })

      it('should list venues in their set order, not insertion order, when a measure has several', async () => {
        const benefit = await get<Benefit>(`/api/benefits/${model.id('f-canteen')}`)
        expect(benefit.venues.map(v => v.name)).toEqual(['江苏路长者食堂', '愚园路长者食堂'])
        expect(benefit.street?.key).toBe('jiangsu-road')
      })

      it('should return empty lists when an online-only measure has no venues, steps or documents', async () => {
        const benefit = await get<Benefit>(`/api/benefits/${model.id('f-loan')}`)
        expect(benefit).toMatchObject({
          venues: [],
          claimSteps: [],
          documents: [],
          rules: [],
          contact: '长宁区金融办 021-62002222',
          audience: 'enterprise',
        })
      })

      it('should show the same summary fields in the detail as in the list', async () => {
        const items = (await list({ pageSize: 50 })).items
        for (const item of items) {
          const detail = await get<Benefit>(`/api/benefits/${item.id}`)
          const { offer, eligibility, rules, claimSteps, documents, venues, contact, validFrom, ...summary } = detail
          expect(summary, model.byId(item.id).key).toEqual(item)
          expect(venues.length).toBe(model.byId(item.id).venues.length)
          expect([
            offer,
            eligibility,
            rules,
            claimSteps,
            documents,
            contact,
            validFrom,
          ].every(v => v !== undefined)).toBe(true)
        }
      })
    })

    describe('bad input', () => {
      it.each([
        ['the category is unknown', '/api/benefits?category=casino'],
        ['the category is empty', '/api/benefits?category='],
        ['the audience is unknown', '/api/benefits?audience=everyone'],
        ['the sort is unknown', '/api/benefits?sort=oldest'],
        ['page is 0', '/api/benefits?page=0'],
        ['page is -1', '/api/benefits?page=-1'],
        ['page is not a number', '/api/benefits?page=abc'],
        ['page is a decimal', '/api/benefits?page=1.5'],
        ['pageSize is 0', '/api/benefits?pageSize=0'],
        ['pageSize is 51', '/api/benefits?pageSize=51'],
        ['pageSize is 10000', '/api/benefits?pageSize=10000'],
        ['lat is given without lng', '/api/benefits?lat=31.22'],
        ['lng is given without lat', '/api/benefits?lng=121.43'],
        ['sort=nearest has no coordinates', '/api/benefits?sort=nearest'],
        ['sort=nearest has only lat', '/api/benefits?sort=nearest&lat=31.22'],
        ['lat is 91', '/api/benefits?lat=91&lng=121.43'],
        ['lat is -91', '/api/benefits?lat=-91&lng=121.43'],
        ['lng is 181', '/api/benefits?lat=31.22&lng=181'],
        ['lng is not a number', '/api/benefits?lat=31.22&lng=x'],
        ['lat is not a number', '/api/benefits?sort=nearest&lat=north&lng=121.43'],
        ['q is empty', '/api/benefits?q='],
        ['q is 2 KB', `/api/benefits?q=${encodeURIComponent('信'.repeat(2048))}`],
        ['q is 51 characters', `/api/benefits?q=${encodeURIComponent('信'.repeat(51))}`],
        ['the street does not exist', '/api/benefits?street=no-such-street'],
        ['the street key is malformed', '/api/benefits?street=Jiangsu%20Road'],
        ['the parameter is unknown', '/api/benefits?foo=bar'],
        ['a parameter is repeated', '/api/benefits?category=culture&category=life'],
        ['categories get an unknown audience', '/api/benefits/categories?audience=everyone'],
        ['categories get an unknown street', '/api/benefits/categories?street=no-such-street'],
        ['categories get an empty q', '/api/benefits/categories?q='],
        ['categories get a 2 KB q', `/api/benefits/categories?q=${encodeURIComponent('信'.repeat(2048))}`],
        ['categories get an unknown parameter', '/api/benefits/categories?foo=bar'],
        ['categories get a paging parameter', '/api/benefits/categories?page=1'],
        ['the id is 0', '/api/benefits/0'],
        ['the id is negative', '/api/benefits/-1'],
        ['the id is not a number', '/api/benefits/abc'],
        ['the id is beyond 32 bits', '/api/benefits/99999999999'],
        ['the id is a decimal', '/api/benefits/1.5'],
      ])('should answer 400 VALIDATION_FAILED when %s', async (label, url) => {
        const res = await t.app.inject({ method: 'GET', url })
        expectValidationFailed(res, label)
        expect(res.headers['cache-control']).toBe('no-store')
      })

      it('should name the missing coordinate when lat and lng are not given together', async () => {
        const noLng = expectValidationFailed(await t.app.inject({ method: 'GET', url: '/api/benefits?lat=31.22' }), 'lat only')
        expect(noLng.details?.map(d => d.field)).toContain('querystring.lng')
        const noLat = expectValidationFailed(await t.app.inject({ method: 'GET', url: '/api/benefits?lng=121.43' }), 'lng only')
        expect(noLat.details?.map(d => d.field)).toContain('querystring.lat')
      })

      it('should accept the extreme valid values of every parameter without a server error', async () => {
        for (const url of [
          '/api/benefits?page=10000&pageSize=50',
          '/api/benefits?pageSize=1',
          '/api/benefits?lat=90&lng=180&sort=nearest',
          '/api/benefits?lat=-90&lng=-180',
          '/api/benefits?lat=0&lng=0',
          `/api/benefits?q=${encodeURIComponent('信'.repeat(50))}`,
          `/api/benefits?q=${encodeURIComponent('%_*\'";--')}`,
          '/api/benefits/categories?q=%25',
          '/api/benefits/2147483647',
        ]) {
          const res = await t.app.inject({ method: 'GET', url })
          expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500)
          expect([200, 404], url).toContain(res.statusCode)
        }
      })

      it('should treat SQL wildcards in q as plain text when searching', async () => {
        for (const q of ['%', '_', '%图书馆%']) {
          const body = await list({ q })
          expect(body.total, q).toBe(0)
        }
      })
    })
  })

  describe('conditional GET', () => {
    let t: TestApp
    let model: Model

    beforeAll(async () => {
      ({ t, model } = await buildFixtureApp())
    })
    afterAll(async () => {
      await t?.close()
    })

    async function fetch(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
      return t.app.inject({ method: 'GET', url, headers })
    }

    async function etagOf(url: string): Promise<string> {
      const res = await fetch(url)
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
      const etag = res.headers.etag
      expect(typeof etag, url).toBe('string')
      return etag as string
    }

    /** Answers computed from a position are personal data: caches must not store them at all. */
    function cachePolicy(url: string): string {
      return /[?&]lat=/.test(url)
        ? 'no-store'
        : 'public, no-cache'
    }

    function urls(): string[] {
      return [
        '/api/benefits',
        '/api/benefits?category=culture&audience=personal&street=jiangsu-road&q=%E5%9B%BE%E4%B9%A6%E9%A6%86',
        '/api/benefits?sort=nearest&lat=31.22&lng=121.43',
        '/api/benefits/categories',
        '/api/benefits/categories?audience=enterprise',
        `/api/benefits/${model.id('f-library')}`,
      ]
    }

    it('should send a weak ETag and cache-control public, no-cache (no-store near a position) when the list, categories or a detail are read', async () => {
      for (const url of urls()) {
        const res = await fetch(url)
        expect(res.statusCode, url).toBe(200)
        expect(res.headers.etag, url).toMatch(/^W\/".+"$/)
        expect(res.headers['cache-control'], url).toBe(cachePolicy(url))
      }
    })

    it('should answer 304 with an empty body when If-None-Match repeats the ETag', async () => {
      for (const url of urls()) {
        const etag = await etagOf(url)
        const res = await fetch(url, { 'if-none-match': etag })
        expect(res.statusCode, url).toBe(304)
        expect(res.body, url).toBe('')
        expect(res.headers.etag, url).toBe(etag)
        expect(res.headers['cache-control'], url).toBe(cachePolicy(url))
      }
    })

    it('should answer 200 with the body when If-None-Match names another version', async () => {
      const res = await fetch('/api/benefits', { 'if-none-match': 'W/"not-this-one"' })
      expect(res.statusCode).toBe(200)
      expect(res.json<BenefitList>().total).toBe(23)
    })

    it('should give a different ETag when a filter, page or point changes', async () => {
      const tags = await Promise.all([
        '/api/benefits',
        '/api/benefits?category=culture',
        '/api/benefits?category=life',
        '/api/benefits?audience=both',
        '/api/benefits?street=jiangsu-road',
        '/api/benefits?q=%E5%9B%BE%E4%B9%A6%E9%A6%86',
        '/api/benefits?page=2',
        '/api/benefits?pageSize=5',
        '/api/benefits?lat=31.22&lng=121.43',
        '/api/benefits?lat=31.19&lng=121.37',
        '/api/benefits?sort=nearest&lat=31.22&lng=121.43',
        '/api/benefits/categories',
        '/api/benefits/categories?audience=personal',
        '/api/benefits/categories?street=tianshan-road',
        `/api/benefits/${model.id('f-library')}`,
        `/api/benefits/${model.id('f-metro')}`,
      ].map(etagOf))
      expect(new Set(tags).size).toBe(tags.length)
      // The old ETag of another filter never validates this one.
      const culture = await etagOf('/api/benefits?category=culture')
      expect((await fetch('/api/benefits?category=life', { 'if-none-match': culture })).statusCode).toBe(200)
    })

    it('should keep the same ETag whether or not the response is compressed', async () => {
      const url = '/api/benefits?pageSize=50'
      const plain = await fetch(url)
      const gzip = await fetch(url, { 'accept-encoding': 'gzip' })
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(gzip.headers.etag).toBe(plain.headers.etag)
      const revalidated = await fetch(url, { 'accept-encoding': 'br, gzip', 'if-none-match': plain.headers.etag as string })
      expect(revalidated.statusCode).toBe(304)
      expect(revalidated.rawPayload.length).toBe(0)
    })

    it('should no longer answer 304 to the old ETag once a measure has been edited', async () => {
      const id = model.id('f-library')
      const listUrl = '/api/benefits?category=culture'
      const detailUrl = `/api/benefits/${id}`
      const oldList = await etagOf(listUrl)
      const oldDetail = await etagOf(detailUrl)
      expect((await fetch(listUrl, { 'if-none-match': oldList })).statusCode).toBe(304)

      await t.app.db.updateTable('benefits')
        .set({ title: '区图书馆信用免押借阅(修订)', updated_at: '2026-04-01T02:00:00.000Z' })
        .where('id', '=', id)
        .execute()

      const list = await fetch(listUrl, { 'if-none-match': oldList })
      expect(list.statusCode).toBe(200)
      expect(list.headers.etag).not.toBe(oldList)
      expect(list.json<BenefitList>().items[0]).toMatchObject({ id, title: '区图书馆信用免押借阅(修订)' })
      const detail = await fetch(detailUrl, { 'if-none-match': oldDetail })
      expect(detail.statusCode).toBe(200)
      expect(detail.headers.etag).not.toBe(oldDetail)
      expect(detail.json<Benefit>().updatedAt).toBe('2026-04-01T02:00:00.000Z')
      // And the new ETag validates again.
      expect((await fetch(detailUrl, { 'if-none-match': detail.headers.etag as string })).statusCode).toBe(304)
    })

    it('should change the categories ETag when a measure is withdrawn and answer 404 for its old detail', async () => {
      const id = model.id('f-rent')
      const url = '/api/benefits/categories'
      const before = await fetch(url)
      const oldTag = before.headers.etag as string
      const oldDetail = await etagOf(`/api/benefits/${id}`)
      await t.app.db.updateTable('benefits').set({ status: 'archived' }).where('id', '=', id).execute()
      const after = await fetch(url, { 'if-none-match': oldTag })
      expect(after.statusCode).toBe(200)
      expect(after.headers.etag).not.toBe(oldTag)
      expect(after.json<BenefitCategoryCounts>().total).toBe(before.json<BenefitCategoryCounts>().total - 1)
      const detail = await fetch(`/api/benefits/${id}`, { 'if-none-match': oldDetail })
      expect(detail.statusCode).toBe(404)
    })
  })

  describe('with the demo seed', () => {
    let t: TestApp

    beforeAll(async () => {
      t = await buildTestApp()
    })
    afterAll(async () => {
      await t?.close()
    })

    const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

    async function listAll(query = ''): Promise<Summary[]> {
      const items: Summary[] = []
      for (let page = 1; page < 100; page++) {
        const body = await get<BenefitList>(`/api/benefits?pageSize=50&page=${page}${query}`)
        items.push(...body.items)
        if (items.length >= body.total || body.items.length === 0)
          return items
      }
      throw new Error('too many pages')
    }

    it('should offer at least 48 published, current measures when the demo data is loaded', async () => {
      const body = await get<BenefitList>('/api/benefits')
      expect(body.total).toBeGreaterThanOrEqual(48)
      const today = shanghaiDate(0)
      const rows = await t.app.db.selectFrom('benefits')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'published')
        .where(eb => eb.or([
          eb('valid_to', 'is', null),
          eb('valid_to', '>=', today),
        ]))
        .executeTakeFirstOrThrow()
      expect(body.total).toBe(Number(rows.n))
    })

    it('should give every listed measure a known category and list them newest first', async () => {
      const items = await listAll()
      expect(items.length).toBeGreaterThanOrEqual(48)
      expect(new Set(items.map(b => b.id)).size).toBe(items.length)
      for (const item of items)
        expect(BENEFIT_CATEGORIES, `${item.id} ${item.title}`).toContain(item.category)
      const stamps = items.map(b => b.updatedAt)
      expect(stamps).toEqual([...stamps].sort().reverse())
    })

    it('should count all 8 categories, summing to the list total, when the demo data is loaded', async () => {
      const body = await get<BenefitCategoryCounts>('/api/benefits/categories')
      expect(body.items.map(i => i.category).sort()).toEqual([...BENEFIT_CATEGORIES].sort())
      expect(body.items.every(i => i.count > 0)).toBe(true)
      expect(body.total).toBe(body.items.reduce((n, i) => n + i.count, 0))
      expect(body.total).toBe((await get<BenefitList>('/api/benefits')).total)
      for (const audience of ['personal', 'enterprise', 'both']) {
        const counts = await get<BenefitCategoryCounts>(`/api/benefits/categories?audience=${audience}`)
        expect(counts.total, audience).toBe((await get<BenefitList>(`/api/benefits?audience=${audience}`)).total)
      }
    })

    it('should show how to claim and where when a seeded measure with venues is opened', async () => {
      const withVenues = await t.app.db.selectFrom('benefits')
        .innerJoin('benefit_venues', 'benefit_venues.benefit_id', 'benefits.id')
        .select('benefits.id')
        .where('benefits.status', '=', 'published')
        .where(eb => eb.or([
          eb('benefits.valid_to', 'is', null),
          eb('benefits.valid_to', '>=', shanghaiDate(0)),
        ]))
        .groupBy('benefits.id')
        .having(eb => eb.fn.countAll(), '>', 0)
        .execute()
      expect(withVenues.length).toBeGreaterThan(0)
      for (const { id } of withVenues) {
        const benefit = await get<Benefit>(`/api/benefits/${id}`)
        expect(benefit.claimSteps.length, benefit.title).toBeGreaterThan(0)
        expect(benefit.venues.length, benefit.title).toBeGreaterThan(0)
        const stored = await t.app.db.selectFrom('benefit_venues').select(['name', 'lat', 'lng']).where('benefit_id', '=', id).orderBy('sort_order').execute()
        expect(benefit.venues.map(v => ({ name: v.name, lat: v.lat, lng: v.lng })), benefit.title).toEqual(stored)
        for (const v of benefit.venues) {
          // Venues are in or near 长宁区.
          expect(v.lat, v.name).toBeGreaterThan(31.1)
          expect(v.lat, v.name).toBeLessThan(31.3)
          expect(v.lng, v.name).toBeGreaterThan(121.3)
          expect(v.lng, v.name).toBeLessThan(121.5)
        }
        expect(benefit.contact.length, benefit.title).toBeGreaterThan(0)
        expect(benefit.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }
    })

    it('should order the seeded measures by distance with those without venues last when sort=nearest', async () => {
      const lat = 31.2200
      const lng = 121.4300
      const items = await listAll(`&sort=nearest&lat=${lat}&lng=${lng}`)
      expect(items.length).toBe((await get<BenefitList>('/api/benefits')).total)
      const distances = items.map(b => b.distanceM)
      const firstNull = distances.indexOf(null)
      const known = (firstNull === -1
        ? distances
        : distances.slice(0, firstNull)) as number[]
      expect(known.length).toBeGreaterThan(0)
      expect(known).toEqual([...known].sort((a, b) => a - b))
      if (firstNull !== -1)
        expect(distances.slice(firstNull).every(d => d === null)).toBe(true)
    })
  })
})

// Near me looks in circles around the resident before measuring every benefit: in a crowded neighbourhood the pages
// must be exactly the ones measuring everything gives.
describe('near me in a crowded neighbourhood', () => {
  let t: TestApp
  const CENTRE = { lat: 31.2105, lng: 121.4102 }
  beforeAll(async () => {
    t = await buildTestApp()
    let seed = 7
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    // More than a catalogue measured whole (NEAR_MEASURE_ALL), a few without venues.
    for (let i = 0; i < NEAR_MEASURE_ALL + 40; i++) {
      const id = await insertBenefit(t.app.db, { key: `crowded-${i}` })
      const venues = i < NEAR_MEASURE_ALL + 30
        ? 1 + (i % 2)
        : 0
      for (let v = 0; v < venues; v++) {
        await t.app.db.insertInto('benefit_venues').values({
          benefit_id: id,
          sort_order: v,
          name: `网点 ${i}-${v}`,
          address: '长宁区',
          hours: '9:00–17:00',
          phone: null,
          lat: CENTRE.lat + (next() - 0.5) * 0.02,
          lng: CENTRE.lng + (next() - 0.5) * 0.02,
        }).execute()
      }
    }
  })
  afterAll(async () => {
    await t.close()
  })

  it('should page every visible benefit by its nearest venue, as measuring them all would', async () => {
    const visible = (await listAllPages<BenefitList['items'][number]>(t.app, '/api/benefits?sort=newest')).map(b => b.id)
    const venues = await t.app.db.selectFrom('benefit_venues').select(['benefit_id', 'lat', 'lng']).execute()
    const k = Math.cos(CENTRE.lat * Math.PI / 180)
    const nearness = (id: number) => Math.min(...venues.filter(v => v.benefit_id === id)
      .map(v => (v.lat - CENTRE.lat) ** 2 + ((v.lng - CENTRE.lng) * k) ** 2), 1e9)
    // The newest order breaks ties (venue-less benefits last, newest first among them).
    const expected = visible.map((id, i) => ({
      id,
      i,
      n: nearness(id),
    })).sort((a, b) => a.n - b.n || a.i - b.i).map(x => x.id)
    expect(expected.length).toBeGreaterThan(NEAR_MEASURE_ALL + 40)
    const seen: number[] = []
    for (let page = 1; seen.length < expected.length; page++) {
      const body = await getOk<BenefitList>(t.app, `/api/benefits?sort=nearest&lat=${CENTRE.lat}&lng=${CENTRE.lng}&pageSize=20&page=${page}`)
      expect(body.items.length, `page ${page}`).toBeGreaterThan(0)
      seen.push(...body.items.map(b => b.id))
    }
    expect(seen).toEqual(expected)
    const distances = (await getOk<BenefitList>(t.app, `/api/benefits?sort=nearest&lat=${CENTRE.lat}&lng=${CENTRE.lng}&pageSize=20`)).items.map(b => b.distanceM!)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(distances[19]).toBeLessThan(1500)
  })
})
