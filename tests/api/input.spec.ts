import type { StaffActivity } from '#schemas/staff'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { cleanText } from '../../server/lib/validation'
import { buildTestApp, expectError, signIn } from './helpers'

// What the server accepts as input: JSON bodies are taken as typed (no coercion), text is cleaned (NFC, trimmed)
// and refused when it holds control characters or broken UTF-16; query strings are still read as numbers.
describe('input: types and text in request bodies', () => {
  let t: TestApp
  let cookie = ''
  const activity = (overrides: Record<string, unknown> = {}) => ({
    title: '诚信宣传进社区',
    category: 'publicity',
    startsAt: '2026-05-10T09:00:00+08:00',
    endsAt: '2026-05-10T11:30:00+08:00',
    place: '社区文化活动中心',
    summary: '现场讲解信用修复政策。',
    body: '正文',
    photoIds: [],
    ...overrides,
  })
  const create = (payload: object) => t.app.inject({
    method: 'POST',
    url: '/api/staff/activities',
    headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
    payload,
  })
  const count = async () => Number((await t.app.db.selectFrom('activities').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    t = await buildTestApp()
    cookie = (await signIn(t.app, 'staff-jiangsu-road')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  it.each([
    [
      'a number for the title',
      { title: 42 },
      'body.title',
    ],
    [
      'a boolean for the place',
      { place: true },
      'body.place',
    ],
    [
      'a string for a photo id',
      {
        photoIds: ['7'],
      },
      'body.photoIds.0',
    ],
    [
      'a string for submit',
      { submit: 'true' },
      'body.submit',
    ],
  ])('should answer 400 VALIDATION_FAILED and store nothing when the body has %s (no coercion)', async (_what, overrides, field) => {
    const before = await count()
    const error = expectError(await create(activity(overrides)), 400, 'VALIDATION_FAILED')
    expect(error.details?.[0]?.field).toBe(field)
    expect(await count()).toBe(before)
  })

  it.each([
    ['only NUL characters', '\u0000\u0000\u0000', 'control characters'],
    ['a NUL inside', '诚信\u0000宣传', 'control characters'],
    ['an escape sequence', '诚信\u001B[31m宣传', 'control characters'],
    ['a C1 control', '诚信\u0085宣传', 'control characters'],
    ['a right-to-left override', '诚信\u202E传宣', 'control characters'],
    ['an unpaired high surrogate', '诚信\uD83D宣传', 'unpaired surrogates'],
    ['an unpaired low surrogate', '\uDE00诚信宣传', 'unpaired surrogates'],
  ])('should answer 400 VALIDATION_FAILED naming the field and store nothing when a title has %s', async (_what, title, reason) => {
    const before = await count()
    const error = expectError(await create(activity({ title })), 400, 'VALIDATION_FAILED')
    expect(error.details?.[0]).toEqual({ field: 'body.title', reason: `must not contain ${reason}` })
    expect(await count()).toBe(before)
  })

  it('should refuse a title of spaces and full-width spaces, which is empty once trimmed', async () => {
    const before = await count()
    expectError(await create(activity({ title: ' \u3000 \t ' })), 400, 'VALIDATION_FAILED')
    expect(await count()).toBe(before)
  })

  it('should store text trimmed and in NFC, with its emoji and line breaks kept', async () => {
    const res = await create(activity({
      title: '  Cafe\u0301 诚信日 🎉  ',
      body: '第一段\n\n第二段\n',
    }))
    expect(res.statusCode, res.body).toBe(201)
    const saved = res.json<StaffActivity>()
    expect(saved.title).toBe('Café 诚信日 🎉')
    expect(saved.title).toBe(saved.title.normalize('NFC'))
    expect(saved.body).toBe('第一段\n\n第二段')
  })

  it('should still read numbers from query strings', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/benefits?page=2&pageSize=5' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<{ page: number }>().page).toBe(2)
  })

  it('should take a password exactly as typed, spaces and decomposed letters included', async () => {
    // Set through the admin's reset, then signed in with the exact text; the trimmed or composed text fails.
    const admin = (await signIn(t.app, 'demo-admin')).cookie
    const user = await t.app.db.selectFrom('users').select('id').where('username', '=', 'staff-xinhua-road').executeTakeFirstOrThrow()
    const password = '  Cafe\u0301 长宁 诚信 2026 绿色  '
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${user.id}/password`,
      headers: { cookie: admin, [CSRF_HEADER]: CSRF_VALUE },
      payload: { password },
    })
    expect(reset.statusCode, reset.body).toBeLessThan(300)
    const login = (value: string) => t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { [CSRF_HEADER]: CSRF_VALUE },
      payload: { username: 'staff-xinhua-road', password: value },
    })
    expect((await login(password.trim().normalize('NFC'))).statusCode).toBe(401)
    expect((await login(password)).statusCode).toBe(200)
  })
})

describe('cleanText', () => {
  it('should leave strings the schema marks secret untouched and clean the others beside them', () => {
    const schema = {
      properties: {
        password: { secret: true },
        name: {},
      },
    }
    expect(cleanText({ password: ' a\u0000b ', name: ' 王 ' }, schema)).toEqual({
      value: { password: ' a\u0000b ', name: '王' },
    })
  })

  it('should follow arrays and nested objects and name the path of the first problem', () => {
    expect(cleanText({
      steps: ['ok', 'bad\u0007'],
    }, undefined)).toEqual({
      problem: expect.objectContaining({ instancePath: '/steps/1', message: 'must not contain control characters' }),
    })
  })

  it('should not change the value it was given', () => {
    const input = { title: ' x ' }
    cleanText(input, undefined)
    expect(input.title).toBe(' x ')
  })
})
