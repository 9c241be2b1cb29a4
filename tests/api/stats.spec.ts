// The district office's statistics: who may see them, what they count, and the CSV exports.
import type { Stats } from '#schemas/stats'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvField } from '../../server/routes/stats'
import { buildTestApp, shanghaiDate, signIn } from './helpers'

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
    '/api/admin/stats/certificates.csv',
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

  it('should count firms\' certificates per Shanghai day and channel, in the figures and the CSV', async () => {
    const firm = await t.app.db.selectFrom('enterprises').select(['id', 'name']).executeTakeFirstOrThrow()
    const kiosk = await t.app.db.selectFrom('kiosks').select('id').executeTakeFirstOrThrow()
    const today = shanghaiDate()
    // 15:30 UTC is 23:30 in Shanghai: still the day before there.
    const yesterday = shanghaiDate(-1)
    const issued = [
      { at: `${yesterday}T15:30:00.000Z`, channel: 'app' as const },
      { at: `${today}T01:00:00.000Z`, channel: 'app' as const },
      { at: `${today}T02:00:00.000Z`, channel: 'kiosk' as const },
      { at: `${today}T03:00:00.000Z`, channel: 'kiosk' as const },
    ]
    for (const [i, c] of issued.entries()) {
      await t.app.db.insertInto('firm_certificates').values({
        number: `FC-TEST-${i}`,
        verification_hash: 'x',
        enterprise_id: firm.id,
        firm_name: firm.name,
        applicant_role: 'representative',
        applicant_name_masked: '周**',
        applicant_id_hash: 'h',
        period_from: '2023-12-01',
        period_to: today,
        result: 'clean',
        channel: c.channel,
        kiosk_id: c.channel === 'kiosk'
          ? kiosk.id
          : null,
        issued_at: c.at,
        valid_until: today,
      }).execute()
    }
    const stats = (await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats',
      headers: { cookie: admin },
    })).json<Stats>()
    expect(stats.certificates).toEqual([
      { day: yesterday, channel: 'app', count: 1 },
      { day: today, channel: 'app', count: 1 },
      { day: today, channel: 'kiosk', count: 2 },
    ])
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/admin/stats/certificates.csv',
      headers: { cookie: admin },
    })
    expect(csv.body).toBe(`\uFEFF日期,渠道,企业专用信用报告数\r\n${yesterday},应用,1\r\n${today},应用,1\r\n${today},自助终端,2\r\n`)
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
