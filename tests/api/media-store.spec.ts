// Where stored files live (server/media/store.ts): the folder store (MEDIA_DIR, the default) and the database store
// (MEDIA_STORE=database) keep the same promises — and a server on the database store keeps pictures and their sizes
// out of its folder entirely, so several nodes need nothing shared but the database.
import type { MediaStore } from '../../server/media/store'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { createDatabaseStore, createFolderStore } from '../../server/media/store'
import { demoStaffUsername } from '../../server/seed/data/accounts'
import { buildTestApp, signIn } from './helpers'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({
    env: { MEDIA_STORE: 'database' },
  })
})
afterAll(() => t?.close())

const stores: [string, () => Promise<MediaStore>][] = [
  [
    'folder',
    () => createFolderStore(join(t.dir, 'folder-store')),
  ],
  [
    'database',
    async () => createDatabaseStore(t.app.db),
  ],
]

describe.each(stores)('the %s store', (_kind, make) => {
  it('should give back what was written, the same bytes, and nothing for a name never written', async () => {
    const store = await make()
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251))
    await store.write('a.jpg', data)
    expect((await store.read('a.jpg'))?.equals(data)).toBe(true)
    expect(await store.has('a.jpg')).toBe(true)
    expect(await store.read('never.jpg')).toBeNull()
    expect(await store.has('never.jpg')).toBe(false)
  })

  it('should replace what a name held when it is written again, and list each name once', async () => {
    const store = await make()
    await store.write('b.webp', Buffer.from('first'))
    await store.write('b.webp', Buffer.from('second'))
    expect((await store.read('b.webp'))?.toString()).toBe('second')
    expect((await store.names()).filter(n => n === 'b.webp')).toHaveLength(1)
  })

  it('should forget a removed name, and take the removal of a missing one calmly', async () => {
    const store = await make()
    await store.write('c.pdf', Buffer.from('%PDF-'))
    await store.remove('c.pdf')
    expect(await store.has('c.pdf')).toBe(false)
    expect(await store.names()).not.toContain('c.pdf')
    await expect(store.remove('c.pdf')).resolves.toBeUndefined()
  })
})

describe('a server with MEDIA_STORE=database', () => {
  it('should serve an uploaded photo and its sizes from the database, writing nothing into its folder', async () => {
    const { cookie } = await signIn(t.app, demoStaffUsername('jiangsu-road'))
    const jpeg = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 3,
        background: '#357',
      },
    }).jpeg().toBuffer()
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/staff/media',
      headers: { cookie, [CSRF_HEADER]: CSRF_VALUE, 'content-type': 'image/jpeg' },
      payload: jpeg,
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const { url } = upload.json<{ url: string }>()
    const name = url.replace('/api/media/', '')

    const original = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie },
    })
    expect(original.statusCode).toBe(200)
    expect(original.rawPayload.equals((await t.app.mediaStore.read(name))!)).toBe(true)
    const size = await t.app.inject({
      method: 'GET',
      url: `${url}/288.webp`,
      headers: { cookie },
    })
    expect(size.statusCode).toBe(200)
    expect((await sharp(size.rawPayload).metadata()).width).toBe(288)

    const row = await t.app.db.selectFrom('media_files').select('bytes').where('name', '=', name).executeTakeFirst()
    expect(row?.bytes).toBe(original.rawPayload.length)
    // The folder is never even made.
    expect(existsSync(t.config.mediaDir)
      ? readdirSync(t.config.mediaDir)
      : []).toEqual([])
  })

  it('should draw a demo picture on its first request into the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/articles?pageSize=50' })
    const cover = res.json<{ items: { cover: { url: string } | null }[] }>().items.find(a => a.cover)?.cover
    expect(cover).toBeDefined()
    const picture = await t.app.inject({ method: 'GET', url: cover!.url })
    expect(picture.statusCode).toBe(200)
    expect(await t.app.mediaStore.has(cover!.url.replace('/api/media/', ''))).toBe(true)
  })
})
