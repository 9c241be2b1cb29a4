import { rmSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { DEMO_PASSWORD } from '../../server/seed/data/accounts'
import { makeTempDir, TEST_SECRET } from './helpers'
import { serve } from './served'

// Power cuts: the server process killed with SIGKILL in the middle of a stream of writes, again and again. Every
// write it acknowledged is still there after each restart, and the database passes SQLite's integrity check. The
// server runs through the entry point documented for process managers (node --import tsx server/server.ts).
describe('durability under kill -9', () => {
  const dir = makeTempDir()
  const database = join(dir, 'credit.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** The server through its node entry point, on the same database each time. */
  const start = () => serve(database, dir, { APP_SECRET: TEST_SECRET, STAFF_ACTIVITIES_PER_DAY: '10000' }, 'node')

  it('should keep every acknowledged write and an intact database through repeated SIGKILLs during writes', async () => {
    const acknowledged: number[] = []
    let cookie = ''
    for (let cycle = 0; cycle < 3; cycle++) {
      const { child, url, exited } = await start()
      if (!cookie) {
        const res = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
          body: JSON.stringify({ username: 'staff-jiangsu-road', password: DEMO_PASSWORD }),
        })
        expect(res.status).toBe(200)
        cookie = res.headers.get('set-cookie')!.split(';')[0]!
      }
      // The session made before a kill still holds after it: it lives in the database.
      const me = await fetch(`${url}/api/auth/me`, {
        headers: { cookie },
      })
      expect(me.status).toBe(200)

      let n = 0
      const writer = (async () => {
        for (;;) {
          let res: Response
          try {
            res = await fetch(`${url}/api/staff/activities`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: CSRF_VALUE },
              body: JSON.stringify({
                title: `断电测试 ${cycle}-${n++}`,
                category: 'publicity',
                startsAt: '2026-05-10T09:00:00+08:00',
                endsAt: '2026-05-10T11:30:00+08:00',
                place: '社区文化活动中心',
                summary: '断电测试。',
                body: '',
                photoIds: [],
              }),
            })
          }
          catch {
            return // the server is gone
          }
          if (res.status === 201)
            acknowledged.push((await res.json() as { id: number }).id)
        }
      })()
      await new Promise(resolve => setTimeout(resolve, 800 + cycle * 300))
      child.kill('SIGKILL')
      await exited
      await writer
    }
    expect(acknowledged.length).toBeGreaterThan(10)

    const sqlite = new SQLite(database)
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = new Set(sqlite.prepare(`select id from activities where title like '断电测试 %'`).pluck().all() as number[])
      const lost = acknowledged.filter(id => !stored.has(id))
      expect(lost).toEqual([])
    }
    finally {
      sqlite.close()
    }
  }, 120_000)
})
