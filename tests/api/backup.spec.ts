import type { FastifyInstance } from 'fastify'
import type { StaffPhoto } from '#schemas/staff'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import sharp from 'sharp'
import { extract } from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildApp } from '../../server/app'
import { ROOT_DIR } from '../../server/config'
import { makeTempDir, signIn, TEST_SECRET, testConfig } from './helpers'

const run = promisify(execFile)

/** `npm run db:backup|db:restore -- <file>` as an operator runs it, on this test's database. */
function db(dir: string, command: 'backup' | 'restore', file: string) {
  return run('npm', ['run', `db:${command}`, '--', file], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_PATH: join(dir, 'credit.db'),
      APP_SECRET: TEST_SECRET,
    },
    timeout: 60_000,
  })
}

/**
 * Every row of every table (the search indexes' own tables included), in rowid order, or by primary key where a table
 * has no rowid: what "identical rows" means.
 */
function dump(path: string): Record<string, unknown[]> {
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true })
  try {
    const tables = sqlite.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string, sql: string }[]
    return Object.fromEntries(tables.map(({ name, sql }) => [
      name,
      sqlite.prepare(`select * from "${name}"${/WITHOUT ROWID/i.test(sql)
        ? ''
        : ' order by rowid'}`).all(),
    ]))
  }
  finally {
    sqlite.close()
  }
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map(name => [
    name,
    createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'),
  ]))
}

// Online backup under write load, then a wipe and a restore: the same rows and the same pictures come back.
describe('backup and restore', () => {
  const dir = makeTempDir()
  const out = makeTempDir()
  const archive = join(out, 'credit-backup.tar.gz')
  const config = testConfig(dir)
  let app: FastifyInstance
  let cookie = ''
  let photo: StaffPhoto
  const acknowledgedBefore: number[] = []
  let writesDuring = 0

  const createActivity = (n: number, photoIds: number[] = []) => app.inject({
    method: 'POST',
    url: '/api/staff/activities',
    headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
    payload: {
      title: `备份测试 ${n}`,
      category: 'publicity',
      startsAt: '2026-05-10T09:00:00+08:00',
      endsAt: '2026-05-10T11:30:00+08:00',
      place: '社区文化活动中心',
      summary: '备份测试。',
      body: '',
      photoIds,
    },
  })

  beforeAll(async () => {
    app = await buildApp(config)
    await app.ready()
    cookie = (await signIn(app, 'staff-jiangsu-road')).cookie
    const picture = await sharp({
      create: {
        width: 320,
        height: 200,
        channels: 3,
        background: '#2a6',
      },
    }).jpeg().toBuffer()
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/staff/media',
      headers: { cookie, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'image/jpeg' },
      payload: picture,
    })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    photo = uploaded.json<StaffPhoto>()
    for (let i = 0; i < 3; i++) {
      const res = await createActivity(i, i === 0
        ? [photo.id]
        : [])
      expect(res.statusCode).toBe(201)
      acknowledgedBefore.push(res.json<{ id: number }>().id)
    }
  }, 60_000)
  afterAll(async () => {
    await app.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  it('should write a backup while the server keeps accepting writes, none of them failing', async () => {
    const state = { stop: false }
    // The district office writing articles (staff accounts have daily quotas; the office's content has none).
    const admin = (await signIn(app, 'demo-admin')).cookie
    const writer = (async () => {
      let n = 100
      while (!state.stop) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/admin/articles',
          headers: { cookie: admin, [CSRF_HEADER]: CSRF_VALUE },
          payload: {
            kind: 'news',
            title: `备份期间写入的文章 ${n++}`,
            summary: '备份期间写入。',
            body: '正文',
            source: '长宁区信用办',
            street: null,
            tags: [],
            disclosureUntil: null,
            status: 'draft',
          },
        })
        expect(res.statusCode, res.body).toBe(201)
        writesDuring++
        await new Promise(resolve => setTimeout(resolve, 5))
      }
    })()
    const { stdout } = await db(dir, 'backup', archive).finally(() => {
      state.stop = true
    })
    await writer
    expect(stdout).toContain('backup written to')
    expect(existsSync(archive)).toBe(true)
    expect(writesDuring).toBeGreaterThan(0)
    // Nothing half-written is left beside it.
    expect(readdirSync(out)).toEqual(['credit-backup.tar.gz'])
  }, 90_000)

  it('should bring back exactly the rows and pictures of the backup after the data is wiped', async () => {
    // What the backup holds, unpacked on the side.
    const unpacked = join(out, 'unpacked')
    mkdirSync(unpacked)
    await extract({ file: archive, cwd: unpacked })
    const snapshot = dump(join(unpacked, 'credit.db'))
    const pictures = hashes(join(unpacked, 'media'))
    const ids = (snapshot.activities as { id: number }[]).map(a => a.id)
    expect(ids).toEqual(expect.arrayContaining(acknowledgedBefore))
    expect(Object.keys(pictures)).toContain(photo.url.split('/').pop())
    // Originals only: the sizes made from them are made again when first asked for.
    expect(Object.keys(pictures).filter(name => /\.w\d+\./.test(name))).toEqual([])

    await app.close()
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${config.databasePath}${suffix}`, { force: true })
    rmSync(config.mediaDir, { recursive: true, force: true })

    const { stdout } = await db(dir, 'restore', archive)
    expect(stdout).toContain('restored the backup')
    expect(dump(config.databasePath)).toEqual(snapshot)
    expect(hashes(config.mediaDir)).toEqual(pictures)

    // The restored server signs staff in and serves the restored picture, byte for byte.
    app = await buildApp(config)
    await app.ready()
    cookie = (await signIn(app, 'staff-jiangsu-road')).cookie
    const served = await app.inject({
      method: 'GET',
      url: photo.url,
      headers: { cookie },
    })
    expect(served.statusCode).toBe(200)
    expect(createHash('sha256').update(served.rawPayload).digest('hex')).toBe(pictures[photo.url.split('/').pop()!])
    const size = await app.inject({
      method: 'GET',
      url: `${photo.url}/${photo.widths[0]}.webp`,
      headers: { cookie },
    })
    expect(size.statusCode).toBe(200)
    expect(size.headers['content-type']).toBe('image/webp')
  }, 90_000)

  it('should refuse a damaged backup with a clear message and leave the database as it was', async () => {
    const damaged = join(out, 'damaged.tar.gz')
    writeFileSync(damaged, readFileSync(archive).subarray(0, 2000))
    const before = dump(config.databasePath)
    await app.close()
    const error = await db(dir, 'restore', damaged).then(() => null, (e: { stderr: string }) => e)
    expect(error?.stderr).toMatch(/db:restore failed/)
    expect(dump(config.databasePath)).toEqual(before)
  }, 90_000)
})
