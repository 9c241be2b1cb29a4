import type { TestApp } from './helpers'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CODE_LOADER } from '../../server/lib/page-code'
import { PERMISSIONS_POLICY } from '../../server/plugins/security'
import { ASSET_PATH, buildTestApp } from './helpers'

/** Parses a Content-Security-Policy header into directive → sources. */
function parseCsp(header: string | string[] | number | undefined): Map<string, string[]> {
  expect(typeof header, 'content-security-policy header').toBe('string')
  const directives = new Map<string, string[]>()
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name)
      directives.set(name.toLowerCase(), sources)
  }
  return directives
}

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ withDist: true })
  })
  afterAll(async () => {
    await t.close()
  })

  const responses = [
    ['the API health check', '/api/health', 200],
    ['an API list', '/api/benefits?pageSize=1', 200],
    ['an API error', '/api/benefits?page=0', 400],
    ['an unknown API route', '/api/nope', 404],
    ['the SPA page', '/', 200],
    ['a deep SPA route', '/benefits', 200],
    ['a hashed asset', ASSET_PATH, 200],
    ['a missing asset', '/assets/missing-XyZ12345.js', 404],
  ] as const

  describe.each(responses)('on %s (%s)', (_label, url, status) => {
    it('should send a strict content security policy when the response is served', async () => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(status)
      const csp = parseCsp(res.headers['content-security-policy'])
      expect(csp.get('default-src')).toEqual(['\'self\''])
      // Scripts from this origin, and one inline script (a rendered page's code loader) by the hash of its text.
      expect(csp.get('script-src')).toEqual(['\'self\'', `'sha256-${createHash('sha256').update(CODE_LOADER).digest('base64')}'`])
      expect(csp.get('frame-ancestors')).toEqual(['\'none\''])
      expect(csp.get('object-src')).toEqual(['\'none\''])
      for (const [directive, sources] of csp) {
        expect(sources, directive).not.toContain('\'unsafe-inline\'')
        expect(sources, directive).not.toContain('\'unsafe-eval\'')
        expect(sources, directive).not.toContain('*')
        for (const source of sources)
          expect(source, `${directive} must not allow an external host`).not.toMatch(/^(https?:|wss?:|\/\/)|\.[a-z]{2,}(:\d+)?(\/|$)/i)
      }
    })

    it('should forbid sniffing, framing and referrers when the response is served', async () => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      // Other windows and origins kept apart, and powerful features off but location for this origin.
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
      expect(res.headers['x-permitted-cross-domain-policies']).toBe('none')
      expect(res.headers['permissions-policy']).toBe(PERMISSIONS_POLICY)
    })

    it('should name the request with a unique x-request-id when the response is served', async () => {
      const a = await t.app.inject({ method: 'GET', url })
      const b = await t.app.inject({ method: 'GET', url })
      expect(a.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id'])
    })

    it('should not advertise the server software when the response is served', async () => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.headers['x-powered-by']).toBeUndefined()
      expect(res.headers.server).toBeUndefined()
    })
  })

  it('should ignore a client-supplied request id when one is sent', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'attacker-chosen<script>' },
    })
    expect(res.headers['x-request-id']).not.toBe('attacker-chosen<script>')
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('should not reflect HTML from the query into an error when a script tag is sent', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/benefits?category=${encodeURIComponent('<script>alert(1)</script>')}` })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.body).not.toContain('<script>')
  })

  it('should not serve files outside the build directory when the path climbs up', async () => {
    for (const url of [
      '/../credit.db',
      '/%2e%2e/credit.db',
      '/assets/..%2f..%2fcredit.db',
      '/..%5ccredit.db',
    ]) {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).not.toBe(500)
      expect(res.body, url).not.toContain('SQLite format')
      expect(res.headers['content-type'] ?? '', url).not.toMatch(/octet-stream/)
    }
  })
})
