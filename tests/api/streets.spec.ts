import type { Activity, ActivityList, StreetDetail, StreetList } from '#schemas/resources'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyColumns } from '../../server/lib/markdown'
import { loadSeedData } from '../../server/seed/data/load'
import { buildTestApp, getOk, listAllPages, steadyNow } from './helpers'

const { activities: seedActivities, streets: seedStreets } = loadSeedData()

// Street profiles (figures, demonstration practices) and each street's activity feed with its photos.
// Pictures are never drawn here: only their references are checked (media.spec.ts fetches them).

type ActivitySummary = ActivityList['items'][number]

const MEDIA_URL = /^\/api\/media\/[0-9a-f]{32}\.jpg$/
const DEMONSTRATION = ['jiangsu-road', 'xinhua-road', 'xianxia-xincun']

describe('streets and their activities', () => {
  let t: TestApp

  const get = <T>(url: string): Promise<T> => getOk<T>(t.app, url)

  const listAll = (path: string): Promise<ActivitySummary[]> => listAllPages<ActivitySummary>(t.app, path)

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  describe('profiles', () => {
    it('should return at least 3 labelled figures for every street when each street is opened', async () => {
      const { items } = await get<StreetList>('/api/streets')
      expect(items).toHaveLength(10)
      for (const { key } of items) {
        const street = await get<StreetDetail>(`/api/streets/${key}`)
        expect(street.key).toBe(key)
        expect(street.figures.length, key).toBeGreaterThanOrEqual(3)
        for (const f of street.figures) {
          expect(f.label.trim().length, key).toBeGreaterThan(0)
          expect(f.value.trim().length, key).toBeGreaterThan(0)
        }
      }
    })

    it('should carry the same figures in the list as on each street\'s page when streets are listed', async () => {
      const { items } = await get<StreetList>('/api/streets')
      for (const listed of items) {
        expect(listed.figures.length, listed.key).toBeGreaterThanOrEqual(3)
        const detail = await get<StreetDetail>(`/api/streets/${listed.key}`)
        expect(listed.figures, listed.key).toEqual(detail.figures)
        expect('practices' in listed, listed.key).toBe(false)
      }
    })

    it('should list 江苏路 first among the demonstration streets and give it at least 5 practices in their set order', async () => {
      const { items } = await get<StreetList>('/api/streets')
      expect(items.filter(s => s.isDemonstration).map(s => s.key)).toEqual(DEMONSTRATION)
      const street = await get<StreetDetail>('/api/streets/jiangsu-road')
      expect(street.practices.length).toBeGreaterThanOrEqual(5)
      const seeded = seedStreets.find(s => s.key === 'jiangsu-road')!.practices!
      expect(street.practices.map(p => p.title)).toEqual(seeded.map(p => p.title))
      expect(street.practices[0]?.title).toBe('诚信商户联盟')
    })

    it('should give each practice a title, what is done and results when a demonstration street is opened', async () => {
      for (const key of DEMONSTRATION) {
        const street = await get<StreetDetail>(`/api/streets/${key}`)
        expect(street.isDemonstration, key).toBe(true)
        expect(street.practices.length, key).toBeGreaterThanOrEqual(3)
        for (const p of street.practices) {
          expect(Object.keys(p).sort(), key).toEqual(['en', 'results', 'title', 'what'])
          expect(p.title.length, key).toBeGreaterThan(0)
          expect(p.what.length, key).toBeGreaterThan(p.title.length)
          expect(p.results.length, key).toBeGreaterThan(0)
        }
        expect(new Set(street.practices.map(p => p.title)).size, key).toBe(street.practices.length)
      }
    })

    it('should return an empty practices list when the street is not a demonstration street', async () => {
      const { items } = await get<StreetList>('/api/streets')
      const others = items.filter(s => !s.isDemonstration)
      expect(others).toHaveLength(7)
      for (const { key } of others)
        expect((await get<StreetDetail>(`/api/streets/${key}`)).practices, key).toEqual([])
    })

    it('should answer 404 NOT_FOUND when a well-formed key names no street', async () => {
      for (const key of [
        'no-such-street',
        'a',
        '0',
        'x'.repeat(40),
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/streets/${key}` })
        expect(res.statusCode, key).toBe(404)
        expect(res.json<ErrorEnvelope>().error.code, key).toBe('NOT_FOUND')
      }
    })

    it('should answer 400 VALIDATION_FAILED when the key has uppercase letters, is too long or has symbols', async () => {
      for (const key of [
        'Jiangsu-Road',
        'JIANGSU-ROAD',
        'x'.repeat(41),
        'jiangsu_road',
        'jiangsu.road',
        'jiangsu%20road',
        '%E6%B1%9F%E8%8B%8F%E8%B7%AF', // 江苏路
        'jiangsu-road%00',
        '%27%20or%201%3D1',
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/streets/${key}` })
        expect(res.statusCode, key).toBe(400)
        expect(res.json<ErrorEnvelope>().error.code, key).toBe('VALIDATION_FAILED')
      }
    })
  })

  describe('activity feeds', () => {
    it('should return only that street\'s activities, newest start first, each with its first photo as cover, when a street is chosen', async () => {
      const { items: streets } = await get<StreetList>('/api/streets')
      for (const street of streets) {
        const feed = await listAll(`/api/activities?street=${street.key}`)
        const seeded = seedActivities.filter(a => a.streetKey === street.key)
        expect(feed.length, street.key).toBe(seeded.length)
        expect(feed.every(a => a.street.key === street.key && a.street.name === street.name), street.key).toBe(true)
        const starts = feed.map(a => Date.parse(a.startsAt))
        expect(starts, street.key).toEqual([...starts].sort((a, b) => b - a))
        for (const item of feed) {
          const detail = await get<Activity>(`/api/activities/${item.id}`)
          expect(item.cover, item.title).toEqual(detail.photos[0] ?? null)
        }
      }
    })

    it('should answer 400 VALIDATION_FAILED when the feed is asked for an unknown or malformed street', async () => {
      for (const street of [
        'no-such-street',
        'Jiangsu-Road',
        'x'.repeat(41),
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/activities?street=${street}` })
        expect(res.statusCode, street).toBe(400)
        expect(res.json<ErrorEnvelope>().error.code, street).toBe('VALIDATION_FAILED')
      }
    })

    it('should return every photo in its set order with its text alternative when a seeded activity is opened', async () => {
      const rows = await t.app.db.selectFrom('activities').select(['id', 'key']).where('key', 'is not', null).execute()
      expect(rows).toHaveLength(seedActivities.length)
      for (const seeded of seedActivities) {
        const id = rows.find(r => r.key === seeded.key)!.id
        const activity = await get<Activity>(`/api/activities/${id}`)
        expect(activity.photos.length, seeded.key).toBeGreaterThanOrEqual(2)
        expect(activity.photos.map(p => p.alt), seeded.key).toEqual((seeded.photos ?? []).map(p => p.alt))
        for (const p of activity.photos) {
          expect(p.url, seeded.key).toMatch(MEDIA_URL)
          expect(p.alt.trim().length, seeded.key).toBeGreaterThan(0)
          expect(p.width > 0 && p.height > 0, seeded.key).toBe(true)
        }
        expect(new Set(activity.photos.map(p => p.url)).size, seeded.key).toBe(activity.photos.length)
        expect(activity.cover, seeded.key).toEqual(activity.photos[0])
        expect(activity.bodyHtml.length, seeded.key).toBeGreaterThan(0)
        expect(activity.bodyHtml, seeded.key).not.toMatch(/<script|<img/i)
      }
    })

    it('should show photos in their sort order, not the order they were stored in, when an activity is opened', async () => {
      const { id } = await t.app.db.selectFrom('activities').select('id').where('key', '=', 'jiangsu-new-year-integrity-market').executeTakeFirstOrThrow()
      const before = await get<Activity>(`/api/activities/${id}`)
      expect(before.photos.length).toBeGreaterThanOrEqual(3)
      const rows = await t.app.db.selectFrom('activity_photos').select(['media_id', 'sort_order']).where('activity_id', '=', id).orderBy('sort_order').execute()
      // Reverse the order staff chose: the detail and the list cover follow it.
      const last = rows.length - 1
      try {
        for (const [i, r] of rows.entries())
          await t.app.db.updateTable('activity_photos').set({ sort_order: last - i }).where('activity_id', '=', id).where('media_id', '=', r.media_id).execute()
        const after = await get<Activity>(`/api/activities/${id}`)
        expect(after.photos).toEqual([...before.photos].reverse())
        const feed = await listAll('/api/activities?street=jiangsu-road')
        expect(feed.find(a => a.id === id)?.cover).toEqual(before.photos.at(-1))
      }
      finally {
        for (const r of rows)
          await t.app.db.updateTable('activity_photos').set({ sort_order: r.sort_order }).where('activity_id', '=', id).where('media_id', '=', r.media_id).execute()
      }
    })

    it('should send a null cover and no photos when an activity has no pictures', async () => {
      const street = await t.app.db.selectFrom('streets').select('id').where('key', '=', 'hongqiao').executeTakeFirstOrThrow()
      const now = steadyNow().toISOString()
      const result = await t.app.db.insertInto('activities').values({
        key: 'test-no-photos',
        street_id: street.id,
        title: '没有照片的活动',
        category: 'community',
        starts_at: '2019-03-01T09:00:00+08:00',
        ends_at: '2019-03-01T11:00:00+08:00',
        place: '测试地点',
        summary: '测试',
        ...bodyColumns('**测试**正文'),
        status: 'published',
        published_at: now,
        created_at: now,
        updated_at: now,
      }).returning('id').executeTakeFirstOrThrow()
      const id = result.id
      try {
        const activity = await get<Activity>(`/api/activities/${id}`)
        expect(activity).toMatchObject({ id, cover: null, photos: [] })
        expect(activity.bodyHtml).toContain('<strong>测试</strong>')
        const feed = await listAll('/api/activities?street=hongqiao')
        expect(feed.at(-1)).toMatchObject({ id, cover: null })
      }
      finally {
        await t.app.db.deleteFrom('activities').where('id', '=', id).execute()
      }
    })
  })
})
