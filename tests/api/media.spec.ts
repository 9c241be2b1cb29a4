import type { LightMyRequestResponse } from 'fastify'
import type { Activity, ArticleList } from '#schemas/resources'
import type { ErrorEnvelope, TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyColumns } from '../../server/lib/markdown'
import { MEDIA_ACCESS_HEADER } from '../../server/routes/media'
import { buildTestApp, shanghaiDate, signIn, steadyNow } from './helpers'

// GET /api/media/:name — covers and activity photos, and who may see them. Demo pictures are drawn on their first
// request (60–100 ms each), so this file draws only a few.

const IMMUTABLE = 'public, max-age=31536000, immutable'
const NAME = /^\/api\/media\/([0-9a-f]{32}\.jpg)$/
const OUTSIDE_MARKER = 'OUTSIDE-MEDIA-DIR-SECRET'

describe('media', () => {
  let t: TestApp

  async function get(url: string): Promise<LightMyRequestResponse> {
    return t.app.inject({ method: 'GET', url })
  }

  function nameOf(url: string): string {
    const match = NAME.exec(url)
    expect(match, url).not.toBeNull()
    return match![1]!
  }

  async function mediaRow(name: string) {
    return t.app.db.selectFrom('media').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
  }

  /** A picture row; by default a photo of a published (seeded) activity, so residents may see it. */
  async function insertMedia(name: string, values: { scene?: string | null, seed?: string | null, attached?: boolean } = {}): Promise<number> {
    const { id } = await t.app.db.insertInto('media').values({
      name,
      content_type: 'image/jpeg',
      width: 960,
      height: 640,
      bytes: null,
      alt: '测试图片',
      scene: values.scene ?? null,
      seed: values.seed ?? null,
      created_at: steadyNow().toISOString(),
    }).returning('id').executeTakeFirstOrThrow()
    if (values.attached ?? true) {
      const activity = await t.app.db.selectFrom('activities').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()
      await t.app.db.insertInto('activity_photos').values({ activity_id: activity.id, media_id: id, sort_order: 100 + id }).execute()
    }
    return id
  }

  function expectJsonError(res: LightMyRequestResponse, label: string): void {
    expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500)
    expect([400, 404], label).toContain(res.statusCode)
    expect(res.headers['content-type'], label).toMatch(/^application\/json/)
    expect(res.json<ErrorEnvelope>().error.code, label).toMatch(/^(?:BAD_REQUEST|VALIDATION_FAILED|NOT_FOUND|ROUTE_NOT_FOUND)$/)
    expect(res.headers['cache-control'], label).not.toContain('immutable')
    expect(res.body, label).not.toContain(OUTSIDE_MARKER)
  }

  let coverUrl: string
  let coverSize: { width: number, height: number }
  let firstBody: Buffer

  beforeAll(async () => {
    t = await buildTestApp()
    const list = (await t.app.inject({ method: 'GET', url: '/api/articles?pageSize=1' })).json<ArticleList>()
    const cover = list.items[0]!.cover!
    coverUrl = cover.url
    coverSize = { width: cover.width, height: cover.height }
  })
  afterAll(async () => {
    await t.close()
  })

  describe('seeded pictures', () => {
    it('should draw nothing before a picture is first requested', async () => {
      const name = nameOf(coverUrl)
      expect(existsSync(join(t.config.mediaDir, name))).toBe(false)
      expect((await mediaRow(name)).bytes).toBeNull()
    })

    it('should serve a JPEG of the advertised size, cached for a year and shown inline, when a seeded cover URL is requested', async () => {
      const res = await get(coverUrl)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/jpeg')
      expect(res.headers['cache-control']).toBe(IMMUTABLE)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-disposition']).toBe('inline')
      firstBody = res.rawPayload
      expect([
        ...firstBody.subarray(0, 3),
      ]).toEqual([0xFF, 0xD8, 0xFF])
      expect([
        ...firstBody.subarray(-2),
      ]).toEqual([0xFF, 0xD9])
      const meta = await sharp(firstBody).metadata()
      expect(meta.format).toBe('jpeg')
      expect({ width: meta.width, height: meta.height }).toEqual(coverSize)
    })

    it('should send the same bytes again, from a file in the media directory with its size recorded, when the picture is requested a second time', async () => {
      const name = nameOf(coverUrl)
      const again = await get(coverUrl)
      expect(again.statusCode).toBe(200)
      expect(again.headers['cache-control']).toBe(IMMUTABLE)
      expect(Buffer.compare(again.rawPayload, firstBody)).toBe(0)
      const path = join(t.config.mediaDir, name)
      expect(existsSync(path)).toBe(true)
      expect(Buffer.compare(readFileSync(path), firstBody)).toBe(0)
      expect((await mediaRow(name)).bytes).toBe(firstBody.length)
    })

    it('should answer every one of several simultaneous first requests with the same picture when nobody has asked for it before', async () => {
      const { id } = await t.app.db.selectFrom('activities').select('id').where('key', '=', 'jiangsu-integrity-week-quiz').executeTakeFirstOrThrow()
      const activity = (await get(`/api/activities/${id}`)).json<Activity>()
      const photo = activity.photos[1]!
      const name = nameOf(photo.url)
      expect(existsSync(join(t.config.mediaDir, name))).toBe(false)

      const answers = await Promise.all([
        get(photo.url),
        get(photo.url),
        get(photo.url),
      ])
      for (const res of answers) {
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
        expect(res.headers['content-type']).toBe('image/jpeg')
        expect([
          ...res.rawPayload.subarray(0, 3),
        ]).toEqual([0xFF, 0xD8, 0xFF])
      }
      expect(Buffer.compare(answers[1]!.rawPayload, answers[0]!.rawPayload)).toBe(0)
      expect(Buffer.compare(answers[2]!.rawPayload, answers[0]!.rawPayload)).toBe(0)
      const path = join(t.config.mediaDir, name)
      expect(Buffer.compare(readFileSync(path), answers[0]!.rawPayload)).toBe(0)
      expect((await mediaRow(name)).bytes).toBe(answers[0]!.rawPayload.length)
      // A different seed draws a different picture.
      expect(Buffer.compare(answers[0]!.rawPayload, firstBody)).not.toBe(0)
    })
  })

  describe('missing pictures', () => {
    it('should answer 404 in the JSON envelope, not cached for a year, when a well-formed name is unknown', async () => {
      const name = `${'0123456789abcdef'.repeat(2)}.jpg`
      const res = await get(`/api/media/${name}`)
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
      expect(res.headers['cache-control']).toBe('no-store')
      expect(existsSync(join(t.config.mediaDir, name))).toBe(false)
    })

    it('should answer 404 when a picture has no file and nothing to draw it from', async () => {
      const plain = `${'a'.repeat(32)}.jpg`
      const unknownScene = `${'b'.repeat(32)}.jpg`
      const noSeed = `${'c'.repeat(32)}.jpg`
      await insertMedia(plain)
      await insertMedia(unknownScene, { scene: 'fireworks', seed: 'x' })
      await insertMedia(noSeed, { scene: 'park', seed: null })
      for (const name of [plain, unknownScene, noSeed]) {
        const res = await get(`/api/media/${name}`)
        expect(res.statusCode, name).toBe(404)
        expect(res.json<ErrorEnvelope>().error.code, name).toBe('NOT_FOUND')
        expect(existsSync(join(t.config.mediaDir, name)), name).toBe(false)
        expect((await mediaRow(name)).bytes, name).toBeNull()
      }
    })

    it('should serve a stored file as it is when its picture has no scene to draw from', async () => {
      const name = `${'d'.repeat(32)}.jpg`
      await insertMedia(name)
      writeFileSync(join(t.config.mediaDir, name), firstBody)
      const res = await get(`/api/media/${name}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/jpeg')
      expect(Buffer.compare(res.rawPayload, firstBody)).toBe(0)
    })

    it('should answer 404 when a file lies in the media directory but no picture of that name is recorded', async () => {
      const name = `${'e'.repeat(32)}.jpg`
      writeFileSync(join(t.config.mediaDir, name), firstBody)
      const res = await get(`/api/media/${name}`)
      expect(res.statusCode).toBe(404)
      expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
    })
  })

  describe('who may see a picture', () => {
    const drawable = { scene: 'park', seed: 'who-may-see' }

    async function activityWithPhoto(status: 'draft' | 'submitted' | 'returned' | 'withdrawn' | 'published', name: string): Promise<number> {
      const media = await insertMedia(name, { ...drawable, attached: false })
      const street = await t.app.db.selectFrom('streets').select('id').orderBy('id').executeTakeFirstOrThrow()
      const at = steadyNow().toISOString()
      const { id } = await t.app.db.insertInto('activities').values({
        key: `media-test-${name.slice(0, 8)}`,
        street_id: street.id,
        title: '测试活动',
        category: 'community',
        starts_at: '2026-12-01T09:00:00+08:00',
        ends_at: '2026-12-01T11:00:00+08:00',
        place: '测试地点',
        summary: '测试',
        ...bodyColumns('测试'),
        status,
        published_at: status === 'published'
          ? at
          : null,
        created_at: at,
        updated_at: at,
      }).returning('id').executeTakeFirstOrThrow()
      await t.app.db.insertInto('activity_photos').values({ activity_id: id, media_id: media, sort_order: 0 }).execute()
      return id
    }

    it.each([
      'draft',
      'submitted',
      'returned',
      'withdrawn',
    ] as const)('should answer 404 to residents, and serve uncached to signed-in staff, a photo of a %s activity', async (status) => {
      const name = `${randomBytes(16).toString('hex')}.jpg`
      await activityWithPhoto(status, name)
      const anonymous = await get(`/api/media/${name}`)
      expect(anonymous.statusCode).toBe(404)
      expect(anonymous.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
      expect(anonymous.headers['cache-control']).not.toContain('public')

      const staff = await t.app.inject({
        method: 'GET',
        url: `/api/media/${name}`,
        headers: { cookie: (await signIn(t.app, 'demo-admin')).cookie },
      })
      expect(staff.statusCode).toBe(200)
      expect(staff.headers['content-type']).toBe('image/jpeg')
      expect(staff.headers['cache-control']).toBe('private, no-store')
      expect(staff.headers[MEDIA_ACCESS_HEADER]).toBe('staff')
    })

    it('should make a photo public when its activity is published and hide it again when the activity is withdrawn', async () => {
      const name = `${randomBytes(16).toString('hex')}.jpg`
      const id = await activityWithPhoto('submitted', name)
      expect((await get(`/api/media/${name}`)).statusCode).toBe(404)
      await t.app.db.updateTable('activities').set({
        status: 'published',
        published_at: steadyNow().toISOString(),
      }).where('id', '=', id).execute()
      const shown = await get(`/api/media/${name}`)
      expect(shown.statusCode).toBe(200)
      expect(shown.headers[MEDIA_ACCESS_HEADER]).toBe('public')
      expect(shown.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      await t.app.db.updateTable('activities').set({ status: 'withdrawn' }).where('id', '=', id).execute()
      expect((await get(`/api/media/${name}`)).statusCode).toBe(404)
    })

    it('should hide an uploaded picture that belongs to nothing yet from residents', async () => {
      const name = `${randomBytes(16).toString('hex')}.jpg`
      await insertMedia(name, { ...drawable, attached: false })
      expect((await get(`/api/media/${name}`)).statusCode).toBe(404)
    })

    it('should hide the cover of an exposure case from residents once its disclosure period has ended', async () => {
      const disclosed = await t.app.db.selectFrom('articles')
        .innerJoin('media', 'media.id', 'articles.cover_media_id')
        .select(['articles.id', 'media.name'])
        .where('articles.kind', '=', 'exposure')
        .where('articles.disclosure_until', '>=', shanghaiDate(0))
        .orderBy('articles.id')
        .executeTakeFirstOrThrow()
      expect((await get(`/api/media/${disclosed.name}`)).statusCode).toBe(200)
      await t.app.db.updateTable('articles').set({
        disclosure_until: shanghaiDate(-1),
      }).where('id', '=', disclosed.id).execute()
      expect((await get(`/api/media/${disclosed.name}`)).statusCode).toBe(404)
    })
  })

  describe('malformed names', () => {
    it('should answer 400 or 404 in JSON, never 5xx nor a file\'s bytes, when the name is not a media name', async () => {
      // Files a path trick could reach: one beside the media directory, one inside it under a non-media name.
      writeFileSync(join(t.dir, 'x.jpg'), OUTSIDE_MARKER)
      writeFileSync(join(t.dir, 'x.svg'), OUTSIDE_MARKER)
      writeFileSync(join(t.config.mediaDir, 'abc.jpg'), OUTSIDE_MARKER)
      const hex = '0123456789abcdef'.repeat(2)
      const before = readdirSync(t.config.mediaDir).sort()
      for (const path of [
        '../x.jpg',
        '..%2Fx.jpg',
        '%2E%2E%2Fx.jpg',
        '..%5Cx.jpg',
        '%2e%2e/%2e%2e/x.jpg',
        'abc.jpg',
        `${hex.toUpperCase()}.jpg`,
        `${hex.slice(0, 31)}.jpg`,
        `${hex}0.jpg`,
        `${hex}.svg`,
        `${hex}.JPG`,
        `${hex}.jpg.svg`,
        `${hex}.jpg%00.svg`,
        `${hex}.jpg%2F..%2F..%2Fx.jpg`,
        `${hex}`,
        `%2F${hex}.jpg`,
        `${'g'.repeat(32)}.jpg`,
        '%E0%A4%A',
      ]) {
        const res = await get(`/api/media/${path}`)
        expectJsonError(res, path)
      }
      // Longer than the router takes for a parameter: 414, still in the envelope.
      const long = await get(`/api/media/${'a'.repeat(300)}.jpg`)
      expect(long.statusCode).toBe(414)
      expect(long.json<ErrorEnvelope>().error.code).toBe('BAD_REQUEST')
      expect(readdirSync(t.config.mediaDir).sort()).toEqual(before)
    })

    it('should answer 400 VALIDATION_FAILED for names of the wrong shape that reach the route', async () => {
      const hex = '0123456789abcdef'.repeat(2)
      for (const name of [
        'abc.jpg',
        `${hex.toUpperCase()}.jpg`,
        `${hex.slice(0, 31)}.jpg`,
        `${hex}.svg`,
        '..%2Fx.jpg',
      ]) {
        const res = await get(`/api/media/${name}`)
        expect(res.statusCode, name).toBe(400)
        expect(res.json<ErrorEnvelope>().error.code, name).toBe('VALIDATION_FAILED')
      }
    })
  })
})
