import type { TestApp } from './helpers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, packageVersion } from './helpers'

describe('health endpoint (GET /api/health)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('should report ok with a working database when the app has started', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json<{ status: string, database: boolean, version: string, time: string }>()
    expect(body.status).toBe('ok')
    expect(body.database).toBe(true)
  })

  it('should report the package.json version when asked for health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.json<{ version: string }>().version).toBe(packageVersion())
  })

  it('should report the current server time as an ISO timestamp when asked for health', async () => {
    const before = Date.now()
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    const time = Date.parse(res.json<{ time: string }>().time)
    expect(Number.isNaN(time)).toBe(false)
    expect(time).toBeGreaterThanOrEqual(before - 1000)
    expect(time).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('should forbid caching when a monitor polls health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('should report the database as down with 503 when the database has been closed', async () => {
    const broken = await buildTestApp()
    try {
      await broken.app.db.destroy()
      const res = await broken.app.inject({ method: 'GET', url: '/api/health' })
      expect(res.statusCode).toBe(503)
      const body = res.json<{ status: string, database: boolean }>()
      expect(body).toMatchObject({ status: 'degraded', database: false })
      expect(res.headers['cache-control']).toBe('no-store')
    }
    finally {
      await broken.close()
    }
  })
})
