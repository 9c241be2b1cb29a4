import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers'

describe('unexpected server errors', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({
      // A handler that fails the way a bug or a broken disk would, with internals in its message.
      beforeReady: app => app.get('/api/__boom', async () => {
        throw new Error('SQLITE_CORRUPT at /var/lib/credit/secret-path.db')
      }),
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer a generic 500 envelope without internals when a handler throws', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/__boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({
      error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试。' },
    })
    expect(res.body).not.toMatch(/SQLITE|secret-path|stack|at /)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('should name the request so a report can be matched to the log when a handler throws', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/__boom',
      headers: { 'accept-language': 'en' },
    })
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.json<{ error: { message: string } }>().error.message).toBe('The service is temporarily unavailable. Please try again later.')
  })
})
