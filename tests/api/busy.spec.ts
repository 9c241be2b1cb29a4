import type { TestApp } from './helpers'
import SQLite from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildTestApp, expectError, signIn } from './helpers'

// A second process holding SQLite's write lock (a command-line tool, a copy made with the sqlite3 shell): the
// server keeps answering reads and its health check, and a write it cannot make answers 503 with Retry-After — not a
// 500 after seconds of a blocked server. Once the lock is gone the same write goes through.
describe('a second writer holding the database', () => {
  let t: TestApp
  let cookie = ''
  let other: SQLite.Database | null = null

  const write = (title: string) => t.app.inject({
    method: 'POST',
    url: '/api/staff/activities',
    headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
    payload: {
      title,
      category: 'publicity',
      startsAt: '2026-05-10T09:00:00+08:00',
      endsAt: '2026-05-10T11:30:00+08:00',
      place: '社区文化活动中心',
      summary: '锁测试。',
      body: '',
      photoIds: [],
    },
  })
  const titles = () => t.app.db.selectFrom('activities').select('title').where('title', 'like', '锁测试%').execute()

  /** Another connection (as another process would) takes the write lock and keeps it. */
  function holdWriteLock() {
    other = new SQLite(t.config.databasePath)
    other.pragma('busy_timeout = 0')
    other.exec('begin immediate')
    other.prepare(`insert into admin_audit (at, actor_id, action, target, detail) values ('2026-01-01T00:00:00.000Z', null, 'test.lock', 'lock', null)`).run()
  }

  beforeAll(async () => {
    t = await buildTestApp()
    cookie = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  })
  afterEach(() => {
    if (other?.inTransaction)
      other.exec('rollback')
    other?.close()
    other = null
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer a write with 503 DATABASE_BUSY and Retry-After, store nothing, and take it once the lock is released', async () => {
    holdWriteLock()
    const refused = await write('锁测试 一')
    expectError(refused, 503, 'DATABASE_BUSY')
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.headers['cache-control']).toBe('no-store')
    other!.exec('rollback')
    expect(await titles()).toEqual([])
    const accepted = await write('锁测试 一')
    expect(accepted.statusCode, accepted.body).toBe(201)
    expect(await titles()).toEqual([
      { title: '锁测试 一' },
    ])
  })

  it('should keep answering the health check and public reads while the lock is held', async () => {
    holdWriteLock()
    const health = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json<{ database: boolean }>().database).toBe(true)
    const benefits = await t.app.inject({ method: 'GET', url: '/api/benefits' })
    expect(benefits.statusCode).toBe(200)
  })

  it('should refuse a sign-in with 503 rather than letting it through uncounted while the lock is held', async () => {
    holdWriteLock()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { [CSRF_HEADER]: CSRF_VALUE },
      payload: { username: 'staff-xinhua-road', password: 'not-the-password' },
    })
    expectError(res, 503, 'DATABASE_BUSY')
  })
})
