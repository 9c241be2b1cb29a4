// What an outside review found holding, kept as tests: malformed requests of every kind to every endpoint, from a
// stranger, a kiosk-less browser and a signed-in admin, never get a 5xx and always get the JSON error envelope.
import type { InjectOptions } from 'fastify'
import type { EndpointSpec } from '#schemas/endpoint'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import * as declarations from '#schemas/endpoints'
import { buildTestApp, signIn } from './helpers'

const endpoints: [string, EndpointSpec][] = Object.entries(declarations as Record<string, unknown>).filter((entry): entry is [string, EndpointSpec] =>
  typeof entry[1] === 'object' && entry[1] !== null && 'access' in entry[1])

/** Path parameters that are wrong in every way a path can be. */
const BAD_PARAMS = [
  '0',
  '-1',
  '99999999999999999999',
  '1e3',
  '0x10',
  'NaN',
  '%00',
  '%E4%B8',
  '..%2F..%2Fsecret.key',
  'a'.repeat(300),
  '%F0%9F%98%80',
  '1;drop table users',
]

/** JSON bodies of the wrong shape, type or size. */
const BAD_BODIES: unknown[] = [
  null,
  [],
  'text',
  42,
  {
    title: { $ne: 1 },
  },
  {
    __proto__: { admin: true },
    constructor: {
      prototype: { admin: true },
    },
  },
  {
    title: '\u0000'.repeat(20),
    body: '\uD800',
    summary: 'x'.repeat(100_000),
  },
  {
    username: ['a'],
    password: { a: 1 },
    name: 1e308,
    idNumber: -0,
    page: Number.MAX_SAFE_INTEGER,
  },
  Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])),
]

/** Raw bodies that are not what their content type says. */
const BAD_RAW: { payload: string, type: string }[] = [
  { payload: '{"title": ', type: 'application/json' },
  { payload: '{"a":1}{"b":2}', type: 'application/json' },
  { payload: '\u0000\u0001\u0002', type: 'application/json' },
  { payload: '<x/>', type: 'application/xml' },
  { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { payload: 'not a picture', type: 'image/jpeg' },
  { payload: '', type: 'application/json' },
]

const BAD_QUERIES = [
  '?page=-1',
  '?page=abc&pageSize=100000',
  '?q=%00',
  '?q=%E4',
  `?q=${'字'.repeat(500)}`,
  '?sort=__proto__&category[]=x&category[]=y',
  '?lat=91&lng=abc',
]

function urlOf(spec: EndpointSpec, param = '1'): string {
  return `/api${spec.path.replace(/:([a-z]\w*)/gi, () => param)}`
}

describe('malformed requests to every endpoint', () => {
  let t: TestApp
  let admin = ''
  const callers = () => ({
    stranger: {},
    admin: { cookie: admin },
  })

  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
    })
    admin = (await signIn(t.app, 'demo-admin')).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  /** Sends one request and checks the answer is no 5xx and, when an error, the envelope in JSON. */
  async function probe(options: InjectOptions, caller: Record<string, string>): Promise<number> {
    const res = await t.app.inject({
      ...options,
      headers: {
        [CSRF_HEADER]: CSRF_VALUE,
        ...caller,
        ...options.headers,
      },
    })
    const where = `${options.method} ${String(options.url)} → ${res.statusCode}: ${res.body.slice(0, 200)}`
    expect(res.statusCode, where).toBeLessThan(500)
    if (res.statusCode >= 400) {
      expect(res.headers['content-type'], where).toMatch(/^application\/json/)
      const body = res.json<{ error?: { code?: unknown, message?: unknown } }>()
      expect(typeof body.error?.code, where).toBe('string')
      expect(typeof body.error?.message, where).toBe('string')
    }
    return res.statusCode
  }

  it.each(endpoints)('should answer every malformed request to %s without a 5xx and with the error envelope', async (_name, spec) => {
    // A fresh session each time: the sweep of POST /auth/logout ends the one before.
    admin = (await signIn(t.app, 'demo-admin')).cookie
    let sent = 0
    for (const caller of Object.values(callers())) {
      if (spec.path.includes(':')) {
        for (const param of BAD_PARAMS) {
          await probe({
            method: spec.method,
            url: urlOf(spec, param),
            ...(spec.method === 'GET'
              ? {}
              : { payload: {} }),
          }, caller)
          sent++
        }
      }
      for (const query of BAD_QUERIES) {
        await probe({ method: spec.method, url: `${urlOf(spec)}${query}` }, caller)
        sent++
      }
      if (spec.method !== 'GET') {
        for (const payload of BAD_BODIES) {
          await probe({
            method: spec.method,
            url: urlOf(spec),
            payload: JSON.stringify(payload),
            headers: { 'content-type': 'application/json' },
          }, caller)
          sent++
        }
        for (const { payload, type } of BAD_RAW) {
          await probe({
            method: spec.method,
            url: urlOf(spec),
            payload,
            headers: { 'content-type': type },
          }, caller)
          sent++
        }
      }
      // The wrong method on the same path.
      await probe({
        method: spec.method === 'DELETE'
          ? 'PUT'
          : 'DELETE',
        url: urlOf(spec),
      }, caller)
      sent++
    }
    expect(sent).toBeGreaterThan(0)
  })

  it('should still serve a health check and the catalogue after the sweep', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/benefits' })).statusCode).toBe(200)
  })
})
