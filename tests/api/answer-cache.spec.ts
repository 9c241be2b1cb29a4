import type { ArticleInput } from '#schemas/content'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildTestApp, signIn } from './helpers'

// Public answers kept in memory (server/plugins/answer-cache.ts): the same bytes as a fresh answer in every
// encoding, gone as soon as a change through this server may alter them, and never longer than
// PUBLIC_CACHE_SECONDS for a change made elsewhere. The other API tests run with it off (they edit the database
// directly and move the clock); here it is on, as in production.
describe('kept public answers', () => {
  let t: TestApp
  let admin = ''
  let staff = ''

  beforeAll(async () => {
    t = await buildTestApp({
      env: { PUBLIC_CACHE_SECONDS: '60' },
    })
    admin = (await signIn(t.app, 'demo-admin')).cookie
    staff = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

  async function firstArticle(): Promise<{ id: number, title: string }> {
    const res = await get('/api/articles?pageSize=1')
    return res.json<{ items: { id: number, title: string }[] }>().items[0] as { id: number, title: string }
  }

  it('should send the same answer, ETag and headers when a public list is read again, in every encoding', async () => {
    const fresh = await get('/api/benefits')
    expect(fresh.statusCode).toBe(200)
    expect(t.app.answers.size).toBeGreaterThan(0)
    for (const encoding of ['br', 'gzip', 'identity']) {
      const again = await get('/api/benefits', { 'accept-encoding': encoding })
      expect(again.statusCode).toBe(200)
      expect(again.headers.etag).toBe(fresh.headers.etag)
      expect(again.headers['cache-control']).toBe('public, no-cache')
      expect(again.headers['content-type']).toBe(fresh.headers['content-type'])
      expect(again.headers.vary).toMatch(/accept-encoding/i)
      const bytes = again.rawPayload
      const text = encoding === 'br'
        ? brotliDecompressSync(bytes).toString()
        : encoding === 'gzip'
          ? gunzipSync(bytes).toString()
          : bytes.toString()
      expect(again.headers['content-encoding']).toBe(encoding === 'identity'
        ? undefined
        : encoding)
      expect(text).toBe(fresh.body)
    }
  })

  it('should answer 304 when a kept answer is revalidated with its ETag', async () => {
    const first = await get('/api/streets')
    await get('/api/streets')
    const again = await get('/api/streets', {
      'if-none-match': String(first.headers.etag),
    })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })

  it('should show an admin\'s change on the very next read of a kept list and detail', async () => {
    const { id, title } = await firstArticle()
    await get(`/api/articles/${id}`)
    expect((await firstArticle()).title).toBe(title)

    const current = (await t.app.inject({
      method: 'GET',
      url: `/api/admin/articles/${id}`,
      headers: { cookie: admin },
    })).json<ArticleInput & { id: number }>()
    const input: ArticleInput = {
      kind: current.kind,
      title: `${title}（更新）`,
      summary: current.summary,
      body: current.body,
      source: current.source,
      street: current.street,
      tags: current.tags,
      disclosureUntil: current.disclosureUntil,
      status: current.status,
    }
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/articles/${id}`,
      headers: { [CSRF_HEADER]: CSRF_VALUE, cookie: admin },
      payload: input,
    })
    expect(put.statusCode, put.body).toBe(200)

    expect((await firstArticle()).title).toBe(`${title}（更新）`)
    expect((await get(`/api/articles/${id}`)).json<{ title: string }>().title).toBe(`${title}（更新）`)
  })

  it('should keep public answers when a change fails or cannot alter them (a refused edit, a staff draft)', async () => {
    await get('/api/benefits')
    const kept = t.app.answers.size
    expect(kept).toBeGreaterThan(0)
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/articles/1',
      headers: { [CSRF_HEADER]: CSRF_VALUE, cookie: admin },
      payload: { title: '' },
    })
    expect(refused.statusCode).toBe(400)
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/staff/activities',
      headers: { [CSRF_HEADER]: CSRF_VALUE, cookie: staff },
      payload: {
        title: '缓存测试草稿',
        category: 'publicity',
        startsAt: '2026-05-10T09:00:00+08:00',
        endsAt: '2026-05-10T11:30:00+08:00',
        place: '社区文化活动中心',
        summary: '草稿不会公开。',
        body: '',
        photoIds: [],
      },
    })
    expect(draft.statusCode, draft.body).toBe(201)
    expect(t.app.answers.size).toBe(kept)
  })

  it('should never keep an answer computed from a position', async () => {
    t.app.answers.clear()
    for (let i = 0; i < 2; i++) {
      const res = await get('/api/benefits?lat=31.22&lng=121.42&sort=nearest')
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
    }
    expect(t.app.answers.size).toBe(0)
  })

  it('should count every opening of a benefit page, kept or not', async () => {
    t.app.answers.clear()
    const before = await views(3)
    for (let i = 0; i < 3; i++)
      expect((await get('/api/benefits/3')).statusCode).toBe(200)
    expect(await views(3)).toBe(before + 3)
  })

  async function views(id: number): Promise<number> {
    const rows = await t.app.db.selectFrom('benefit_views').select(eb => eb.fn.sum<number>('views').as('n')).where('benefit_id', '=', id).executeTakeFirst()
    return Number(rows?.n ?? 0)
  }
})

describe('kept public answers and changes made elsewhere', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({
      env: { PUBLIC_CACHE_SECONDS: '1' },
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should show a change made outside this server (another node, a command) once PUBLIC_CACHE_SECONDS have passed', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/streets' })
    const [street] = list.json<{ items: { key: string, name: string }[] }>().items
    expect(street).toBeDefined()
    await t.app.db.updateTable('streets').set({ name: '缓存测试街道' }).where('key', '=', street?.key ?? '').execute()
    await new Promise(resolve => setTimeout(resolve, 1200))
    const later = await t.app.inject({ method: 'GET', url: '/api/streets' })
    expect(later.json<{ items: { key: string, name: string }[] }>().items.find(s => s.key === street?.key)?.name).toBe('缓存测试街道')
    expect(Buffer.byteLength(later.body)).toBeGreaterThan(0)
  })
})
