import type { LightMyRequestResponse } from 'fastify'
import type { ErrorCode } from '../../server/errors'
import type { ErrorEnvelope, TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '#schemas/errors'
import { buildTestApp } from './helpers'

const HAN = /\p{Script=Han}/u

/** Asserts the `{ error: { code, message } }` envelope and returns it. */
function expectEnvelope(res: LightMyRequestResponse, status: number, code: ErrorCode): ErrorEnvelope['error'] {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json<ErrorEnvelope>()
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  return body.error
}

describe('api errors', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  describe('unknown routes', () => {
    it.each([
      '/api/nope',
      '/api',
      '/api/',
      '/api/benefits/1/extra',
      '/api/v2/benefits',
    ])('should answer 404 ROUTE_NOT_FOUND when GET %s does not exist', async (url) => {
      const res = await t.app.inject({ method: 'GET', url })
      expectEnvelope(res, 404, 'ROUTE_NOT_FOUND')
    })

    it('should answer 404 ROUTE_NOT_FOUND when a JSON body is POSTed to an unknown /api path', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/nope',
        payload: { hello: 'world' },
      })
      expectEnvelope(res, 404, 'ROUTE_NOT_FOUND')
    })

    it('should answer 404 ROUTE_NOT_FOUND when a read-only resource receives POST, PUT or DELETE', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const res = await t.app.inject({ method, url: '/api/benefits', payload: {} })
        expectEnvelope(res, 404, 'ROUTE_NOT_FOUND')
      }
    })

    it('should answer a 400 envelope without parser internals when a malformed JSON body is POSTed to an /api path', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/nope',
        payload: '{"title": "诚信", broken',
        headers: { 'content-type': 'application/json' },
      })
      const error = expectEnvelope(res, 400, 'BAD_REQUEST')
      expect(res.body).not.toMatch(/Unexpected|SyntaxError|JSON at position|FST_/i)
      expect(error.message).toBe(ERROR_MESSAGES.BAD_REQUEST.zh)
    })
  })

  describe('validation', () => {
    it.each([
      ['page=0', '/api/benefits?page=0', 'querystring.page'],
      ['page is not a number', '/api/benefits?page=abc', 'querystring.page'],
      ['page is given twice', '/api/benefits?page=1&page=2', 'querystring.page'],
      ['pageSize=10000', '/api/benefits?pageSize=10000', 'querystring.pageSize'],
      ['pageSize=0', '/api/articles?pageSize=0', 'querystring.pageSize'],
      ['the category is unknown', '/api/benefits?category=casino', 'querystring.category'],
      ['the audience is unknown', '/api/benefits?audience=everyone', 'querystring.audience'],
      ['the article kind is unknown', '/api/articles?kind=gossip', 'querystring.kind'],
      ['the activity category is unknown', '/api/activities?category=party', 'querystring.category'],
      ['q is empty', '/api/benefits?q=', 'querystring.q'],
      ['q is longer than 50 characters', `/api/benefits?q=${encodeURIComponent('诚'.repeat(51))}`, 'querystring.q'],
      ['the street key has upper-case letters', '/api/benefits?street=JIANGSU', 'querystring.street'],
    ])('should answer 400 VALIDATION_FAILED naming the field when %s', async (_label, url, field) => {
      const res = await t.app.inject({ method: 'GET', url })
      const error = expectEnvelope(res, 400, 'VALIDATION_FAILED')
      expect(error.details?.map(d => d.field)).toContain(field)
    })

    it('should answer 400 VALIDATION_FAILED when the query has an unknown parameter', async () => {
      for (const url of [
        '/api/benefits?sort=nearest',
        '/api/articles?category=policy',
        '/api/enterprises?name=知岚',
        '/api/activities?q=诚信',
      ]) {
        const res = await t.app.inject({ method: 'GET', url })
        expectEnvelope(res, 400, 'VALIDATION_FAILED')
      }
    })

    it('should answer 400 quickly when q is a 2 KB string', async () => {
      const q = encodeURIComponent('信用'.repeat(1024))
      for (const path of ['/api/benefits', '/api/enterprises']) {
        const res = await t.app.inject({ method: 'GET', url: `${path}?q=${q}` })
        expectEnvelope(res, 400, 'VALIDATION_FAILED')
      }
    })

    it('should answer 400 VALIDATION_FAILED when the street filter names a street that does not exist', async () => {
      for (const path of ['/api/benefits', '/api/activities']) {
        const res = await t.app.inject({ method: 'GET', url: `${path}?street=unknown-street` })
        const error = expectEnvelope(res, 400, 'VALIDATION_FAILED')
        expect(error.details?.map(d => d.field)).toContain('querystring.street')
      }
    })

    it.each([
      ['not an integer', '/api/benefits/abc'],
      ['a decimal', '/api/articles/1.5'],
      ['negative', '/api/benefits/-1'],
      ['zero', '/api/activities/0'],
      ['beyond 32 bits', '/api/benefits/99999999999'],
    ])('should answer 400 VALIDATION_FAILED when the id is %s', async (_label, url) => {
      const res = await t.app.inject({ method: 'GET', url })
      const error = expectEnvelope(res, 400, 'VALIDATION_FAILED')
      expect(error.details?.map(d => d.field)).toContain('params.id')
    })

    it('should answer 400 INVALID_USCC when an enterprise code is malformed or fails its check character', async () => {
      for (const code of [
        '123',
        '91310105MA1G4TK83',
        '91310105MA1G4TK83I',
        '91310105MA1G4TK8345',
        '91310105MA1G4TK835', // wrong check character
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${code}` })
        expectEnvelope(res, 400, 'INVALID_USCC')
      }
    })

    it('should accept a valid code typed in lowercase or with spaces', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${encodeURIComponent('91310105 ma1g4tk834')}` })
      expect(res.statusCode).toBe(200)
      expect(res.json<{ enterprise: { uscc: string } }>().enterprise.uscc).toBe('91310105MA1G4TK834')
    })

    it('should answer 400 INVALID_USCC when a search is a full code with a wrong check character, and search code prefixes', async () => {
      expectEnvelope(await t.app.inject({ method: 'GET', url: '/api/enterprises?q=91310105MA1G4TK835' }), 400, 'INVALID_USCC')
      const prefix = await t.app.inject({ method: 'GET', url: '/api/enterprises?q=91310105MA1G4' })
      expect(prefix.statusCode).toBe(200)
    })
  })

  describe('missing resources', () => {
    it.each([
      '/api/benefits/999999',
      '/api/articles/999999',
      '/api/activities/999999',
      '/api/streets/no-such-street',
    ])(
      'should answer 404 NOT_FOUND when %s does not exist',
      async (url) => {
        const res = await t.app.inject({ method: 'GET', url })
        expectEnvelope(res, 404, 'NOT_FOUND')
      },
    )
  })

  describe('language of messages', () => {
    it('should answer in Chinese when the request has no Accept-Language', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/benefits/999999' })
      const error = expectEnvelope(res, 404, 'NOT_FOUND')
      expect(error.message).toMatch(HAN)
      expect(error.message).toBe(ERROR_MESSAGES.NOT_FOUND.zh)
    })

    it('should answer in English when the browser prefers English', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/benefits?page=0',
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      })
      const error = expectEnvelope(res, 400, 'VALIDATION_FAILED')
      expect(error.message).not.toMatch(HAN)
      expect(error.message).toMatch(/[a-z]/i)
      expect(error.message).toBe(ERROR_MESSAGES.VALIDATION_FAILED.en)
    })

    it.each([
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
      ['en;q=0.5,zh-TW;q=0.8', 'zh'],
      ['fr-FR,fr;q=0.9', 'zh'],
      ['*', 'zh'],
      ['fr-FR,en-GB;q=0.7', 'en'],
      ['en', 'en'],
      ['zh;q=0,en', 'en'],
    ] as const)('should pick %s → %s when both languages are weighed', async (acceptLanguage, lang) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/nope',
        headers: { 'accept-language': acceptLanguage },
      })
      const error = expectEnvelope(res, 404, 'ROUTE_NOT_FOUND')
      expect(error.message).toBe(ERROR_MESSAGES.ROUTE_NOT_FOUND[lang])
    })
  })

  describe('robustness', () => {
    // Every one of these is a client mistake or an attack: each must be a clear 4xx in the envelope, never a 5xx.
    const badRequests: { method?: 'GET' | 'POST' | 'HEAD', url: string, payload?: string, headers?: Record<string, string> }[] = [
      { url: '/api/benefits?page=-5' },
      { url: '/api/benefits?page=1e9' },
      { url: '/api/benefits?pageSize=50.5' },
      { url: '/api/benefits?category[]=medical' },
      { url: `/api/benefits?${'x'.repeat(4000)}=1` },
      { url: '/api/benefits/%20' },
      { url: '/api/benefits/0x10' },
      { url: '/api/benefits/1;drop table benefits' },
      { url: `/api/enterprises/${'A'.repeat(300)}` },
      { url: '/api/enterprises/%27%20OR%201=1--' },
      { url: '/api/streets/..%2F..%2Fetc%2Fpasswd' },
      { url: '/api/activities?street=%27;--' },
      { url: '/api/benefits/%E0%A4%A' },
      { url: '/api/benefits?q=%E0%A4%A&page=0' },
      {
        method: 'POST',
        url: '/api/benefits',
        payload: 'not json',
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'POST',
        url: '/api/nope',
        payload: '<xml/>',
        headers: { 'content-type': 'application/xml' },
      },
      {
        method: 'POST',
        url: '/api/nope',
        payload: 'x'.repeat(1024 * 1024 + 10),
        headers: { 'content-type': 'application/json' },
      },
    ]

    it.each(badRequests)('should answer a 4xx error envelope when $url is requested', async (req) => {
      const res = await t.app.inject({
        method: req.method ?? 'GET',
        url: req.url,
        payload: req.payload,
        headers: req.headers,
      })
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, res.body).toBeLessThan(500)
      const body = res.json<ErrorEnvelope>()
      expect(Object.keys(body)).toEqual(['error'])
      expect(Object.keys(ERROR_MESSAGES)).toContain(body.error.code)
      expect(body.error.message).toBe(ERROR_MESSAGES[body.error.code as ErrorCode].zh)
      expect(res.body).not.toMatch(/FST_|stack|node_modules|SqliteError|at [\w.]+ \(/)
    })

    it('should answer 400 BAD_REQUEST in the envelope with a request id when the URL has broken percent-encoding', async () => {
      for (const url of ['/api/benefits/%E0%A4%A', '/api/%zz', '/%E0%A4%A']) {
        const res = await t.app.inject({
          method: 'GET',
          url,
          headers: { 'accept-language': 'en' },
        })
        const error = expectEnvelope(res, 400, 'BAD_REQUEST')
        expect(error.message).toBe(ERROR_MESSAGES.BAD_REQUEST.en)
        expect(res.body).not.toContain('%E0')
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
        expect(res.headers['x-content-type-options']).toBe('nosniff')
      }
    })

    it('should answer 414 BAD_REQUEST in the envelope when a path parameter is longer than 200 characters', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/enterprises/${'A'.repeat(300)}` })
      expectEnvelope(res, 414, 'BAD_REQUEST')
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it('should still answer normally when a request follows a run of bad requests', async () => {
      for (const req of badRequests) {
        await t.app.inject({
          method: req.method ?? 'GET',
          url: req.url,
          payload: req.payload,
          headers: req.headers,
        })
      }
      const res = await t.app.inject({ method: 'GET', url: '/api/benefits' })
      expect(res.statusCode).toBe(200)
    })

    it('should answer 413 PAYLOAD_TOO_LARGE when a body over 1 MB is POSTed', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/nope',
        payload: JSON.stringify({
          text: 'x'.repeat(1024 * 1024),
        }),
        headers: { 'content-type': 'application/json' },
      })
      expectEnvelope(res, 413, 'PAYLOAD_TOO_LARGE')
    })
  })

  describe('caching of errors', () => {
    it.each([
      '/api/nope',
      '/api/benefits?page=0',
      '/api/benefits/999999',
      '/api/enterprises/91310105MA1G4TK83',
      '/api/streets/no-such-street',
      '/api/benefits/%E0%A4%A',
      '/not-an-app-route',
    ])('should send cache-control no-store when GET %s fails', async (url) => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.headers['cache-control']).toBe('no-store')
    })
  })
})
