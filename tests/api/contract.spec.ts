// The endpoint contract: every declaration in schemas/endpoints.ts is a route of the server with the access its
// declaration names, no API route exists without one, and the app's bundle gets only the route table.
import type { EndpointSpec } from '#schemas/endpoint'
import type { TestApp } from './helpers'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE, routeTable } from '#schemas/endpoint'
import * as declarations from '#schemas/endpoints'
import { requireDeclaredRoutes, serve } from '../../server/lib/serve'
import { buildTestApp, signIn } from './helpers'

const endpoints: [string, EndpointSpec][] = Object.entries(declarations as Record<string, unknown>).filter((entry): entry is [string, EndpointSpec] =>
  typeof entry[1] === 'object' && entry[1] !== null && 'access' in entry[1])

/** Example values for path parameters, valid in shape (the answer may still be a 404). */
const EXAMPLE_PARAMS: Record<string, string> = {
  id: '1',
  key: 'jiangsu-road',
  uscc: '91310105MA1FW0XX2B',
  name: `${'a'.repeat(32)}.jpg`,
  kind: 'activities',
}

function urlOf(spec: EndpointSpec): string {
  return `/api${spec.path.replace(/:([a-z]\w*)/gi, (_, name: string) => EXAMPLE_PARAMS[name] ?? 'x')}`
}

const SIGNED_IN = new Set(['session', 'staff', 'street', 'admin'])

describe('endpoint contract', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should declare every endpoint once (one method and path each)', () => {
    const keys = endpoints.map(([, spec]) => `${spec.method} ${spec.path}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(endpoints.length).toBeGreaterThanOrEqual(50)
  })

  it.each(endpoints)('should register %s as a route of the server', (_name, spec) => {
    expect(t.app.hasRoute({ method: spec.method, url: `/api${spec.path}` })).toBe(true)
  })

  const bodiless = endpoints.filter(([, spec]) => !spec.body && !spec.upload && !spec.query)

  it.each(bodiless.filter(([, spec]) => SIGNED_IN.has(spec.access)))('should answer 401 UNAUTHENTICATED, never stored, to an anonymous call of %s', async (_name, spec) => {
    const res = await t.app.inject({
      method: spec.method,
      url: urlOf(spec),
      headers: { [CSRF_HEADER]: CSRF_VALUE },
    })
    expect(res.statusCode).toBe(401)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  // Who calls is settled before the input is read: a stranger learns nothing of a signed-in endpoint's schema.
  it.each(endpoints.filter(([, spec]) => SIGNED_IN.has(spec.access)))('should answer 401 UNAUTHENTICATED, not a validation error, to an anonymous call of %s with malformed input', async (_name, spec) => {
    const res = await t.app.inject({
      method: spec.method,
      url: `${urlOf(spec).replace(/\/1(?=\/|$)/, '/not-a-number')}?page=-1&unexpected=1`,
      headers: { [CSRF_HEADER]: CSRF_VALUE },
      ...(spec.method === 'GET'
        ? {}
        : spec.upload
          ? {
              payload: 'not a picture',
              headers: { [CSRF_HEADER]: CSRF_VALUE, 'content-type': spec.upload[0]! },
            }
          : {
              payload: { unexpected: '\u0000', title: 42 },
            }),
    })
    expect(res.statusCode, res.body).toBe(401)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED')
  })

  it.each(bodiless.filter(([, spec]) => spec.access === 'admin'))('should answer 403 FORBIDDEN to street staff calling %s', async (_name, spec) => {
    const { cookie } = await signIn(t.app, 'staff-jiangsu-road')
    const res = await t.app.inject({
      method: spec.method,
      url: urlOf(spec),
      headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN')
  })

  it.each(endpoints.filter(([, spec]) => spec.access !== 'public' && spec.method !== 'GET'))('should refuse %s without the CSRF header when its level checks it, and never store the answer', async (_name, spec) => {
    const res = await t.app.inject({
      method: spec.method,
      url: urlOf(spec),
      payload: {},
    })
    expect(res.headers['cache-control']).toBe('no-store')
    // Personal and kiosk calls carry no cookie; a source is a department's system, known by its token.
    if (spec.access !== 'personal' && spec.access !== 'kiosk' && spec.access !== 'source')
      expect(res.json<{ error: { code: string } }>().error.code).toBe('CSRF_REJECTED')
  })

  it.each(endpoints.filter(([, spec]) => spec.access === 'source'))('should answer 401 SOURCE_UNKNOWN when %s is called without a registered source\'s token, whatever the body', async (_name, spec) => {
    for (const authorization of [undefined, 'Bearer not-a-registered-token-at-all', 'Basic abc']) {
      const res = await t.app.inject({
        method: spec.method,
        url: urlOf(spec),
        headers: authorization
          ? { authorization }
          : {},
        payload: { nonsense: true },
      })
      expect(res.statusCode).toBe(401)
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.json<{ error: { code: string } }>().error.code).toBe('SOURCE_UNKNOWN')
    }
  })

  it.each(endpoints.filter(([, spec]) => spec.access === 'kiosk'))('should answer 401 KIOSK_UNKNOWN when %s is called by anything but a registered kiosk', async (_name, spec) => {
    const res = await t.app.inject({
      method: spec.method,
      url: urlOf(spec),
      payload: spec.body
        ? { exitCode: '12345678' }
        : undefined,
    })
    expect(res.statusCode).toBe(401)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('KIOSK_UNKNOWN')
  })

  it('should describe every declared endpoint, its schemas and how a caller proves who it is, at /api/openapi.json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const doc = res.json<{ openapi: string, info: { version: string }, paths: Record<string, Record<string, { tags: string[], security?: Record<string, string[]>[], requestBody?: unknown }>> }>()
    expect(doc.openapi).toBe('3.0.3')
    for (const [name, spec] of endpoints) {
      // OpenAPI writes path parameters as {name}.
      const path = `/api${spec.path.replace(/:([a-z]\w*)/gi, '{$1}')}`
      const operation = doc.paths[path]?.[spec.method.toLowerCase()]
      expect(operation, name).toBeDefined()
      expect(operation!.tags, name).toEqual([spec.access])
      if (spec.body)
        expect(operation!.requestBody, name).toBeDefined()
    }
    expect(doc.paths['/api/intake/penalties']?.post?.security).toEqual([
      { sourceToken: [] },
    ])
    expect(doc.paths['/api/admin/intake/imports']?.get?.security).toEqual([
      { session: [] },
    ])
  })

  it('should refuse to start when an API route is registered without a declaration', async () => {
    const app = Fastify()
    void app.register(async (api) => {
      requireDeclaredRoutes(api)
      api.get('/undeclared', async () => ({ ok: true }))
    }, { prefix: '/api' })
    await expect(app.ready()).rejects.toThrow(/declared in server\/schemas\/endpoints\.ts/)
    await app.close()
  })

  it('should accept a route registered from its declaration', async () => {
    const app = Fastify()
    await app.register(async (api) => {
      requireDeclaredRoutes(api)
      serve(api, declarations.streets, async () => ({
        items: [],
        page: 1,
        pageSize: 20,
        total: 0,
      }))
    }, { prefix: '/api' })
    await app.ready()
    const res = await app.inject({ method: 'GET', url: '/api/streets' })
    expect(res.json()).toEqual({
      items: [],
      page: 1,
      pageSize: 20,
      total: 0,
    })
    expect(res.headers['cache-control']).toBe('public, no-cache')
    await app.close()
  })
})

describe('handlers that send their own reply', () => {
  it('should answer once, with what the handler sent, and log no warning', async () => {
    const lines: string[] = []
    const app = Fastify({
      logger: {
        level: 'warn',
        stream: {
          write: (line: string) => void lines.push(line),
        },
      },
    })
    await app.register(async (api) => {
      serve(api, declarations.health, async (_request, reply) => reply.status(503).send({
        status: 'degraded',
        version: 'x',
        database: false,
        time: 'now',
      }))
    }, { prefix: '/api' })
    const res = await app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'degraded', database: false })
    expect(lines).toEqual([])
    await app.close()
  })
})

describe('route table for the app bundle', () => {
  const table = routeTable(declarations, name => `virtual:${name}`)

  it('should re-export every declaration from its own module', () => {
    for (const [name] of endpoints)
      expect(table.index).toContain(`export { ${name} } from "virtual:${name}"`)
  })

  it.each(endpoints)('should give %s only its method, path and upload types, never a schema', async (name, spec) => {
    const source = table.modules.get(name)!
    const module = await import(`data:text/javascript,${encodeURIComponent(source)}`) as Record<string, unknown>
    expect(module[name]).toEqual({
      method: spec.method,
      path: spec.path,
      ...(spec.upload
        ? {
            upload: [...spec.upload],
          }
        : {}),
    })
  })

  it('should keep plain constants as they are', async () => {
    const module = await import(`data:text/javascript,${encodeURIComponent(table.modules.get('UPLOAD_TYPES')!)}`) as Record<string, unknown>
    expect(module.UPLOAD_TYPES).toEqual([...declarations.UPLOAD_TYPES])
  })
})
