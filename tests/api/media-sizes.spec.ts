// Pictures at the size they are shown (common/media.ts): every cover and photo is also served at 192, 288, 480, 960
// px wide (those not wider than it), as WebP and JPEG, with the same access as the original. Uploads write them at
// once; seeded pictures when drawn; a missing one is made from the original on request.
import type { LightMyRequestResponse } from 'fastify'
import type { ArticleList, MediaRef } from '#schemas/resources'
import type { StaffPhoto } from '#schemas/staff'
import type { TestApp } from './helpers'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaSrcset } from '#common/media'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildTestApp, signIn } from './helpers'

const IMMUTABLE = 'public, max-age=31536000, immutable'

let t: TestApp
let staff = ''
let otherStaff = ''
let cover: MediaRef

async function get(url: string, cookie?: string): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'GET',
    url,
    headers: cookie
      ? { cookie }
      : {},
  })
}

async function upload(width: number, height: number): Promise<StaffPhoto> {
  const body = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#3a7bd5',
    },
  })
    .composite([
      { input: await sharp({
        create: {
          width: Math.round(width / 2),
          height: Math.round(height / 2),
          channels: 3,
          background: '#f5c518',
        },
      }).png().toBuffer() },
    ])
    .jpeg({ quality: 90 })
    .toBuffer()
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/staff/media?alt=test',
    headers: { [CSRF_HEADER]: CSRF_VALUE, 'cookie': staff, 'content-type': 'image/jpeg' },
    payload: body,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<StaffPhoto>()
}

const fileOf = (url: string) => url.replace('/api/media/', '')

beforeAll(async () => {
  t = await buildTestApp()
  staff = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  otherStaff = (await signIn(t.app, 'staff-xinhua-road')).cookie
  const list = (await get('/api/articles?pageSize=1')).json<ArticleList>()
  cover = list.items[0]!.cover!
})
afterAll(async () => {
  await t.close()
})

describe('picture sizes', () => {
  it('should list the widths a seeded cover is served at', () => {
    expect(cover.width).toBe(960)
    expect(cover.widths).toEqual([192, 288, 480, 960])
    expect(mediaSrcset(cover, 'webp')).toBe(`${cover.url}/192.webp 192w, ${cover.url}/288.webp 288w, ${cover.url}/480.webp 480w, ${cover.url}/960.webp 960w`)
  })

  for (const [variant, type, format, width] of [
    ['192.webp', 'image/webp', 'webp', 192],
    ['480.jpg', 'image/jpeg', 'jpeg', 480],
    ['960.webp', 'image/webp', 'webp', 960],
  ] as const) {
    it(`should serve ${variant} of a seeded cover as a ${width} px ${format}, cached for a year`, async () => {
      const res = await get(`${cover.url}/${variant}`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.headers['cache-control']).toBe(IMMUTABLE)
      expect(res.headers['x-media-access']).toBe('public')
      const meta = await sharp(res.rawPayload).metadata()
      expect(meta.format).toBe(format)
      expect(meta.width).toBe(width)
      expect(meta.height).toBe(Math.round(width * cover.height / cover.width))
    })
  }

  it('should make a thumbnail a small fraction of the original\'s bytes', async () => {
    const original = await get(cover.url)
    const thumb = await get(`${cover.url}/192.webp`)
    expect(thumb.rawPayload.length * 8).toBeLessThan(original.rawPayload.length)
  })

  it('should write every size when a photo is uploaded, and list only those not wider than it', async () => {
    const photo = await upload(600, 400)
    expect(photo.widths).toEqual([192, 288, 480])
    const base = fileOf(photo.url).replace(/\.jpg$/, '')
    const files = readdirSync(t.config.mediaDir).filter(f => f.startsWith(base)).sort()
    expect(files).toEqual([
      `${base}.jpg`,
      `${base}.w192.jpg`,
      `${base}.w192.webp`,
      `${base}.w288.jpg`,
      `${base}.w288.webp`,
      `${base}.w480.jpg`,
      `${base}.w480.webp`,
    ])
    expect((await get(`${photo.url}/960.webp`, staff)).statusCode).toBe(404)
  })

  it('should show the sizes of a photo that belongs to nothing yet only to its street\'s staff, never cached', async () => {
    const photo = await upload(500, 500)
    expect((await get(`${photo.url}/192.webp`)).statusCode).toBe(404)
    expect((await get(`${photo.url}/192.webp`, otherStaff)).statusCode).toBe(404)
    const own = await get(`${photo.url}/192.webp`, staff)
    expect(own.statusCode).toBe(200)
    expect(own.headers['cache-control']).toBe('private, no-store')
    expect(own.headers['x-media-access']).toBe('staff')
  })

  it('should make a missing size again from the original when it is asked for', async () => {
    const photo = await upload(800, 600)
    const path = join(t.config.mediaDir, `${fileOf(photo.url).replace(/\.jpg$/, '')}.w480.webp`)
    rmSync(path)
    const res = await get(`${photo.url}/480.webp`, staff)
    expect(res.statusCode).toBe(200)
    expect((await sharp(res.rawPayload).metadata()).width).toBe(480)
    expect(existsSync(path)).toBe(true)
  })

  for (const variant of [
    '100.webp',
    '480.png',
    '480',
    '480.webp.jpg',
    '..%2F480.webp',
  ]) {
    it(`should answer 400 or 404 in JSON, never a file, for the size ${variant}`, async () => {
      const res = await get(`${cover.url}/${variant}`)
      expect([400, 404]).toContain(res.statusCode)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
    })
  }
})
