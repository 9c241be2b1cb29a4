import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { readdirSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { MAX_INPUT_PIXELS } from '../../server/media/upload'
import { buildTestApp, expectError, signIn, steadyNow } from './helpers'

// What one staff account may add: uploads per hour and new activities per day are capped, so a compromised account
// cannot fill the disk or the review queue; pictures that declare more pixels than allowed are refused from their
// header, before any decoding.
describe('staff quotas and picture size', () => {
  let t: TestApp
  let now = steadyNow().getTime()
  const cookies: Record<string, string> = {}
  let small: Buffer

  const call = (as: string, method: 'POST', url: string, payload: unknown, contentType?: string): Promise<LightMyRequestResponse> => {
    now += 1000
    return t.app.inject({
      method,
      url,
      headers: {
        cookie: cookies[as]!,
        [CSRF_HEADER]: CSRF_VALUE,
        ...(contentType
          ? { 'content-type': contentType }
          : {}),
      },
      payload: payload as string,
    })
  }
  const upload = (as: string, data: Buffer, type = 'image/jpeg') => call(as, 'POST', '/api/staff/media', data, type)
  const createActivity = (as: string, n: number) => call(as, 'POST', '/api/staff/activities', {
    title: `配额测试 ${n}`,
    category: 'publicity',
    startsAt: '2026-05-10T09:00:00+08:00',
    endsAt: '2026-05-10T11:30:00+08:00',
    place: '社区文化活动中心',
    summary: '配额测试。',
    body: '',
    photoIds: [],
  })
  const files = () => readdirSync(t.config.mediaDir).length

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => new Date(now),
    })
    for (const username of ['staff-jiangsu-road', 'staff-huayang-road', 'staff-xinhua-road'])
      cookies[username] = (await signIn(t.app, username)).cookie
    small = await sharp({
      create: {
        width: 64,
        height: 48,
        channels: 3,
        background: '#3a7',
      },
    }).jpeg().toBuffer()
  })
  afterAll(async () => {
    await t.close()
  })

  it('should default to 60 pictures an hour and 30 new activities a day per account', () => {
    expect(t.config.quotas).toEqual({ uploadsPerHour: 60, activitiesPerDay: 30 })
  })

  it('should refuse a picture that declares more pixels than allowed with 413 IMAGE_TOO_LARGE, storing nothing', async () => {
    // 6300 × 6300 of one colour compresses to a few KB of PNG but would take hundreds of MB to decode.
    const bomb = await sharp({
      create: {
        width: 6300,
        height: 6300,
        channels: 3,
        background: '#fff',
      },
    }).png({ compressionLevel: 9 }).toBuffer()
    expect(bomb.length).toBeLessThan(1024 * 1024)
    expect(6300 * 6300).toBeGreaterThan(MAX_INPUT_PIXELS)
    const before = files()
    expectError(await upload('staff-jiangsu-road', bomb, 'image/png'), 413, 'IMAGE_TOO_LARGE')
    expect(files()).toBe(before)
  })

  it('should judge the size from the header alone: a huge declared size over undecodable pixels is "too large", not "unreadable"', async () => {
    const bomb = Buffer.from(await sharp({
      create: {
        width: 6300,
        height: 6300,
        channels: 3,
        background: '#fff',
      },
    }).png().toBuffer())
    // Keep the signature and the IHDR chunk that declares the size; overwrite the compressed pixels with noise, so
    // that decoding them could only fail.
    const idat = bomb.indexOf('IDAT')
    for (let i = idat + 4; i < bomb.length - 16; i++)
      bomb[i] = (i * 131) % 251
    expectError(await upload('staff-jiangsu-road', bomb, 'image/png'), 413, 'IMAGE_TOO_LARGE')
  })

  it('should accept uploads up to the hourly quota, then answer 429 QUOTA_EXCEEDED with Retry-After, and accept again an hour later', async () => {
    const limit = t.config.quotas.uploadsPerHour
    const minutes = 60
    for (let i = 0; i < limit; i++) {
      const res = await upload('staff-huayang-road', small)
      expect(res.statusCode, `upload ${i + 1}: ${res.body}`).toBe(201)
    }
    const before = files()
    const refused = await upload('staff-huayang-road', small)
    expectError(refused, 429, 'QUOTA_EXCEEDED')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(files()).toBe(before)
    // Another account is not affected.
    expect((await upload('staff-jiangsu-road', small)).statusCode).toBe(201)
    now += minutes * 60_000
    // (The idle session ended meanwhile: sign in again.)
    cookies['staff-huayang-road'] = (await signIn(t.app, 'staff-huayang-road')).cookie
    expect((await upload('staff-huayang-road', small)).statusCode).toBe(201)
  })

  it('should accept new activities up to the daily quota, then answer 429 QUOTA_EXCEEDED and create nothing', async () => {
    const limit = t.config.quotas.activitiesPerDay
    cookies['staff-xinhua-road'] = (await signIn(t.app, 'staff-xinhua-road')).cookie
    for (let i = 0; i < limit; i++) {
      const res = await createActivity('staff-xinhua-road', i)
      expect(res.statusCode, `activity ${i + 1}: ${res.body}`).toBe(201)
    }
    const count = async () => Number((await t.app.db.selectFrom('activities').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    expectError(await createActivity('staff-xinhua-road', limit), 429, 'QUOTA_EXCEEDED')
    expect(await count()).toBe(before)
  })

  // Requests sent at once all pass an early count together: the count that decides is made with the write.
  it('should accept no more pictures than the hourly quota when they are sent at once, and keep no file of those refused', async () => {
    const limit = t.config.quotas.uploadsPerHour
    cookies['staff-zhoujiaqiao'] = (await signIn(t.app, 'staff-zhoujiaqiao')).cookie
    const before = files()
    const answers = await Promise.all(Array.from({ length: limit + 8 }, () => upload('staff-zhoujiaqiao', small)))
    const accepted = answers.filter(res => res.statusCode === 201)
    expect(accepted).toHaveLength(limit)
    for (const res of answers.filter(res => res.statusCode !== 201))
      expectError(res, 429, 'QUOTA_EXCEEDED')
    const perPicture = (files() - before) / limit
    expect(Number.isInteger(perPicture)).toBe(true)
    const uploaded = await t.app.db.selectFrom('media').select('name').where('name', 'in', accepted.map(res => res.json<{ url: string }>().url.split('/').pop()!)).execute()
    expect(uploaded).toHaveLength(limit)
  })

  it('should create no more activities than the daily quota when they are sent at once', async () => {
    const limit = t.config.quotas.activitiesPerDay
    cookies['staff-tianshan-road'] = (await signIn(t.app, 'staff-tianshan-road')).cookie
    const count = async () => Number((await t.app.db.selectFrom('activities').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const answers = await Promise.all(Array.from({ length: limit + 8 }, (_, i) => createActivity('staff-tianshan-road', i)))
    expect(answers.filter(res => res.statusCode === 201)).toHaveLength(limit)
    for (const res of answers.filter(res => res.statusCode !== 201))
      expectError(res, 429, 'QUOTA_EXCEEDED')
    expect(await count() - before).toBe(limit)
  })
})
