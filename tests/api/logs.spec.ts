import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { loadSeedData } from '../../server/seed/data/load'
import { makeTempDir } from './helpers'
import { serve } from './served'

// What the server writes to its log, read from a real process: request lines name the path, never the query string
// (search terms, the near-me position), so nothing a resident looked for sits beside their address.
describe('request logs', () => {
  const dir = makeTempDir()
  let server: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    server = await serve(join(dir, 'credit.db'), dir)
  }, 90_000)
  afterAll(async () => {
    server.child.kill('SIGTERM')
    await server.exited
    rmSync(dir, { recursive: true, force: true })
  })

  it('should log the path of a near-me or search request but neither the position nor the search terms', async () => {
    const near = await fetch(`${server.url}/api/benefits?sort=distance&lat=31.2207&lng=121.4246`)
    const search = await fetch(`${server.url}/api/search?q=${encodeURIComponent('助老餐厅')}`)
    expect(near.status).toBeLessThan(500)
    expect(search.status).toBe(200)
    // pino writes asynchronously: wait until both request lines are there.
    await expect.poll(() => server.output().split('\n').filter(l => l.includes('"url":"/api/')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2)
    const log = server.output()
    expect(log).toContain('"url":"/api/benefits"')
    expect(log).toContain('"url":"/api/search"')
    for (const secret of [
      '31.2207',
      '121.4246',
      '助老餐厅',
      encodeURIComponent('助老餐厅'),
    ])
      expect(log).not.toContain(secret)
  })

  it('should log neither a person\'s name and ID number nor a password that was typed', async () => {
    const person = loadSeedData().persons[0]!
    const challenge = await fetch(`${server.url}/api/personal/challenges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
      body: JSON.stringify({ name: person.name, idNumber: person.idNumber, consent: true }),
    })
    expect(challenge.status).toBeLessThan(300)
    const password = 'a-password-nobody-should-log-7429'
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
      body: JSON.stringify({ username: 'demo-admin', password }),
    })
    expect(login.status).toBe(401)
    await expect.poll(() => server.output().includes('"url":"/api/auth/login"'), { timeout: 5000 }).toBe(true)
    const log = server.output()
    for (const secret of [
      person.idNumber,
      person.idNumber.slice(0, 14),
      person.name,
      password,
    ])
      expect(log).not.toContain(secret)
  })
})
