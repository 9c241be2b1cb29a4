import type { ErrorEnvelope, TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, constants as zlib } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ASSET_PATH, buildTestApp, FAKE_ASSET_JS, FAKE_INDEX_HTML } from './helpers'

describe('serving the built app', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ withDist: true })
  })
  afterAll(async () => {
    await t.close()
  })

  describe('app shell', () => {
    it.each([
      '/',
      '/benefits',
      '/benefits/12',
      '/streets/jiangsu-road',
      '/query/enterprise?q=知岚',
      '/index.html',
    ])(
      'should serve index.html revalidated on every load when %s is opened',
      async (url) => {
        const res = await t.app.inject({ method: 'GET', url })
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toMatch(/^text\/html/)
        expect(res.headers['cache-control']).toBe('no-cache')
        expect(res.body).toBe(FAKE_INDEX_HTML)
      },
    )

    it('should answer the new index.html once a new build is written into dist/ under the running server', async () => {
      /** What /benefits answers once it answers `html` (the shell is reloaded shortly after the file changes). */
      async function shellBecomes(html: string): Promise<string> {
        writeFileSync(join(t.dir, 'dist', 'index.html'), html)
        let body = ''
        for (let tries = 0; tries < 40 && body !== html; tries++) {
          await new Promise(resolve => setTimeout(resolve, 50))
          body = (await t.app.inject({ method: 'GET', url: '/benefits' })).body
        }
        return body
      }
      const rebuilt = FAKE_INDEX_HTML.replace('</head>', '<meta name="build" content="2">\n</head>')
      expect(await shellBecomes(rebuilt)).toBe(rebuilt)
      expect(await shellBecomes(FAKE_INDEX_HTML)).toBe(FAKE_INDEX_HTML)
    })

    it('should answer 304 when the browser revalidates an unchanged index.html', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/' })
      const etag = first.headers.etag
      expect(typeof etag).toBe('string')
      const again = await t.app.inject({
        method: 'GET',
        url: '/',
        headers: {
          'if-none-match': String(etag),
        },
      })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
    })

    it.each([
      '/.git/config',
      '/.env',
      '/staff/.htpasswd',
      '/wp-login.php',
      '/backup.sql',
    ])('should answer a plain 404, not the app, when %s (a file or dot-folder) is asked for', async (url) => {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html' },
      })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.body).not.toBe(FAKE_INDEX_HTML)
    })

    it.each([
      '/assets/..%5c..%5csecret.key',
      '/assets/%00',
      '/assets/..%2f..%2fsecret.key',
      '/../../etc/passwd',
    ])('should answer 404, never 403 or a file outside the app, when a path-traversal attempt %s is made', async (url) => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(404)
      expect(res.body).not.toContain('BAD_REQUEST')
      expect(res.body).not.toContain(t.config.secret)
    })

    it('should answer the app with 404 when the path is outside every page section, so it can say "not found"', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/no-such-section/page' })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toBe(FAKE_INDEX_HTML)
    })

    it('should not fall back to index.html when a page route is POSTed to', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/benefits', payload: {} })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
    })
  })

  describe('cache policy', () => {
    it.each([
      ['/sw.js', /javascript/],
      ['/registerSW.js', /javascript/],
      ['/manifest.webmanifest', /manifest\+json|json/],
    ])('should make the browser revalidate %s on every load when a deploy must reach users', async (url, type) => {
      const res = await t.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(type)
      expect(res.headers['cache-control']).toBe('no-cache')
    })

    it('should let browsers keep a hashed asset for a year when it is served', async () => {
      const res = await t.app.inject({ method: 'GET', url: ASSET_PATH })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/javascript/)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(res.body).toBe(FAKE_ASSET_JS)
    })

    it('should cache an unhashed file for a day only when it is served', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/logo.svg' })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
      expect(res.headers['cache-control']).toBe('public, max-age=86400')
    })
  })

  describe('missing files', () => {
    it.each([
      '/assets/missing-XyZ12345.js',
      '/assets/missing-XyZ12345.css',
      '/favicon-missing.png',
      '/assets/',
    ])(
      'should answer a JSON 404 and never the app shell when %s does not exist',
      async (url) => {
        const res = await t.app.inject({ method: 'GET', url })
        expect(res.statusCode).toBe(404)
        expect(res.headers['content-type']).toMatch(/^application\/json/)
        expect(res.body).not.toContain('<!doctype html>')
        expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
        expect(res.headers['cache-control']).toBe('no-store')
      },
    )
  })

  describe('paths under /api', () => {
    it.each([
      '/api/whatever',
      '/api/whatever.html',
      '/api/benefits/abc/def',
      '/api',
    ])(
      'should never answer with index.html when %s is requested',
      async (url) => {
        const res = await t.app.inject({
          method: 'GET',
          url,
          headers: { accept: 'text/html,application/xhtml+xml' },
        })
        expect(res.statusCode).toBe(404)
        expect(res.headers['content-type']).toMatch(/^application\/json/)
        expect(res.body).not.toContain('<!doctype html>')
        expect(res.json<ErrorEnvelope>().error.code).toBe('ROUTE_NOT_FOUND')
      },
    )

    it('should keep answering the API with JSON when the app is also served', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/streets' })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
    })
  })

  describe('compression', () => {
    it('should gzip a JS asset when the browser accepts gzip', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: ASSET_PATH,
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe('gzip')
      expect(res.headers.vary).toMatch(/accept-encoding/i)
      expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(FAKE_ASSET_JS))
      expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(FAKE_ASSET_JS)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    })

    it('should prefer brotli for a JS asset when the browser accepts br and gzip', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: ASSET_PATH,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(FAKE_ASSET_JS)
    })

    it('should send the asset uncompressed when the browser accepts no encoding', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: ASSET_PATH,
        headers: { 'accept-encoding': 'identity' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.body).toBe(FAKE_ASSET_JS)
    })

    it.each(['/', '/benefits/12', '/no-such-section'])('should send the app shell for %s brotli-compressed when the browser accepts it', async (url) => {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      })
      expect(res.statusCode).toBe(url === '/no-such-section'
        ? 404
        : 200)
      expect(res.headers['content-encoding']).toBe('br')
      expect(res.headers.vary).toMatch(/accept-encoding/i)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(FAKE_INDEX_HTML)
    })

    it('should send the compressed copy the build wrote beside a hashed asset as it is, not compress it again', async () => {
      // A copy compressed at the lowest quality: recompressing on request would give other bytes.
      const copy = brotliCompressSync(FAKE_ASSET_JS, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 1 },
      })
      writeFileSync(join(t.dir, 'dist', `${ASSET_PATH}.br`), copy)
      const res = await t.app.inject({
        method: 'GET',
        url: ASSET_PATH,
        headers: { 'accept-encoding': 'br' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe('br')
      expect(res.headers['content-type']).toMatch(/javascript/)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(Buffer.compare(res.rawPayload, copy)).toBe(0)
      rmSync(join(t.dir, 'dist', `${ASSET_PATH}.br`))
    })

    it('should compress a large API list when the client accepts gzip', async () => {
      const plain = await t.app.inject({ method: 'GET', url: '/api/benefits?pageSize=50' })
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/benefits?pageSize=50',
        headers: { 'accept-encoding': 'gzip' },
      })
      expect(Buffer.byteLength(plain.body)).toBeGreaterThan(1024)
      expect(res.headers['content-encoding']).toBe('gzip')
      expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toEqual(plain.json())
    })
  })
})

describe('running without a built app', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it.each(['/', '/benefits', ASSET_PATH])('should answer a JSON 404 when %s is requested and there is no dist', async (url) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json<ErrorEnvelope>().error.code).toBe('NOT_FOUND')
  })

  it('should still serve the API when there is no dist', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
  })
})
