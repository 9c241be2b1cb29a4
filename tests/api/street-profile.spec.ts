// Street staff publish their own street's profile and demonstration practices; admins may edit any street.
import type { StreetDetail } from '#schemas/resources'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, signIn } from './helpers'

const CSRF = { 'x-requested-with': 'credit-changning' }
function profile(intro: string) {
  return {
    intro,
    address: '上海市长宁区江苏路 1 号',
    phone: '021-62510000',
    figures: [
      { label: '诚信商户', value: '120 家' },
    ],
    practices: [
      { title: '信用积分进楼组', what: '楼组长记录邻里互助。', results: '参与居民 800 余人。' },
    ],
  }
}

describe('street profile editing', () => {
  let t: TestApp
  const cookies: Record<string, string> = {}
  beforeAll(async () => {
    t = await buildTestApp()
    for (const username of ['demo-admin', 'staff-jiangsu-road', 'staff-xinhua-road'])
      cookies[username] = (await signIn(t.app, username)).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  const put = (key: string, as: string | null, body: object = profile('新的介绍')) => t.app.inject({
    method: 'PUT',
    url: `/api/staff/streets/${key}`,
    headers: {
      ...CSRF,
      ...(as
        ? { cookie: cookies[as]! }
        : {}),
    },
    payload: body,
  })

  it('should publish a street\'s new profile and practices when its own staff save them', async () => {
    const res = await put('jiangsu-road', 'staff-jiangsu-road', profile('江苏路街道的新介绍'))
    expect(res.statusCode, res.body).toBe(200)
    const street = (await t.app.inject({ method: 'GET', url: '/api/streets/jiangsu-road' })).json<StreetDetail>()
    expect(street.intro).toBe('江苏路街道的新介绍')
    expect(street.figures).toEqual([
      { label: '诚信商户', value: '120 家' },
    ])
    expect(street.practices.map(p => p.title)).toEqual(['信用积分进楼组'])
    const audit = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'street.update').execute()
    expect(audit.at(-1)?.target).toBe('street:jiangsu-road')
  })

  it('should answer 403 to staff of another street and change nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/streets/jiangsu-road' })).json<StreetDetail>()
    expect((await put('jiangsu-road', 'staff-xinhua-road', profile('不该出现'))).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/streets/jiangsu-road' })).json<StreetDetail>()).toEqual(before)
  })

  it('should let an admin edit any street, and refuse anonymous callers, missing CSRF headers, unknown streets and bad bodies', async () => {
    expect((await put('xinhua-road', 'demo-admin', profile('新华路街道介绍'))).statusCode).toBe(200)
    expect((await put('xinhua-road', null)).statusCode).toBe(401)
    const noCsrf = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/streets/xinhua-road',
      headers: { cookie: cookies['demo-admin']! },
      payload: profile('x'),
    })
    expect(noCsrf.statusCode).toBe(403)
    expect((await put('no-such-street', 'demo-admin')).statusCode).toBe(404)
    expect((await put('xinhua-road', 'demo-admin', {
      ...profile('x'),
      intro: '   ',
    })).statusCode).toBe(400)
    expect((await put('xinhua-road', 'demo-admin', {
      ...profile('x'),
      figures: Array.from({ length: 9 }, () => ({ label: 'a', value: 'b' })),
    })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/streets/xinhua-road' })).json<StreetDetail>().intro).toBe('新华路街道介绍')
  })

  it('should list who did what in the audit log for admins only, newest first', async () => {
    expect((await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: { cookie: cookies['staff-jiangsu-road']! },
    })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/audit' })).statusCode).toBe(401)
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: { cookie: cookies['demo-admin']! },
    })
    expect(res.statusCode).toBe(200)
    const { items } = res.json<{ items: { id: number, action: string, target: string | null, actor: { username: string } | null }[] }>()
    const update = items.find(i => i.action === 'street.update' && i.target === 'street:xinhua-road')
    expect(update?.actor?.username).toBe('demo-admin')
    expect(items.map(i => i.id)).toEqual([
      ...items.map(i => i.id),
    ].sort((a, b) => b - a))
  })
})
