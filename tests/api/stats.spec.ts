// The district office's statistics: who may see them, what they count, and the CSV exports.
import type { Stats } from '#schemas/stats'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvField } from '../../server/routes/stats'
import { buildTestApp, signIn } from './helpers'

describe('statistics', () => {
  let t: TestApp
  let admin: string
  let staff: string
  beforeAll(async () => {
    t = await buildTestApp()
    admin = (await signIn(t.app, 'demo-admin')).cookie
    staff = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  it.each([
    '/api/admin/stats',
    '/api/admin/stats/activities.csv',
    '/api/admin/stats/reports.csv',
    '/api/admin/stats/benefits.csv',
  ])('should answer 401 to anonymous callers and 403 to street staff at %s', async (url) => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401)
    expect((await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: staff },
    })).statusCode).toBe(403)
    expect((await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: admin },
    })).statusCode).toBe(200)
  })

  it('should count published activities per street and month, matching the database', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats',
      headers: { cookie: admin },
    })
    const stats = res.json<Stats>()
    expect(res.headers['cache-control']).toBe('no-store')
    const total = stats.activities.reduce((n, r) => n + r.count, 0)
    const rows = await t.app.db.selectFrom('activities').select(['starts_at']).where('status', '=', 'published').execute()
    expect(total).toBe(rows.filter(r => r.starts_at.slice(0, 7) >= stats.fromMonth).length)
    expect(total).toBeGreaterThan(0)
  })

  it('should count the opening of a benefit page and rank the benefits by it', async () => {
    for (const id of [3, 3, 3, 5])
      expect((await t.app.inject({ method: 'GET', url: `/api/benefits/${id}` })).statusCode).toBe(200)
    const stats = (await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats',
      headers: { cookie: admin },
    })).json<Stats>()
    expect(stats.benefits[0]).toMatchObject({ id: 3, views: 3 })
    expect(stats.benefits.find(b => b.id === 5)?.views).toBe(1)
  })

  it('should export CSV with a BOM, a header row and one row per benefit', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats/benefits.csv',
      headers: { cookie: admin },
    })
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="benefits-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(res.body.startsWith('\uFEFF惠民措施,打开次数\r\n')).toBe(true)
    expect(res.body.trim().split('\r\n').length).toBeGreaterThan(1)
  })

  it('should quote CSV fields with commas or quotes and defuse formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvField(42)).toBe('42')
  })

  it('should answer 400 to an unknown export', async () => {
    expect((await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats/users.csv',
      headers: { cookie: admin },
    })).statusCode).toBe(400)
  })
})
