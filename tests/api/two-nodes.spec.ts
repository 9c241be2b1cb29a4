// Two server processes on one PostgreSQL database, files stored in it (MEDIA_STORE=database), as a district runs them
// behind a load balancer: what one node acknowledges, the other knows — sessions, sign-in limits, uploaded photos. Runs in the
// PostgreSQL pass of the API suite only (vitest.config.ts), over real HTTP.
import type { Served } from './served'
import { Buffer } from 'node:buffer'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE, KIOSK_HEADER } from '#schemas/endpoint'
import { EXIT_LIMIT } from '../../server/routes/kiosk'
import { DEMO_PASSWORD, demoStaffUsername } from '../../server/seed/data/accounts'
import { DEMO_KIOSKS } from '../../server/seed/data/kiosks'
import { loadSeedData } from '../../server/seed/data/load'
import { LIMITS } from '../../server/services/one-time-codes'
import { createDatabase, databaseEnv, dropDatabase, endConnections, ENGINE } from './engine'
import { makeTempDir, TEST_SECRET } from './helpers'
import { serve } from './served'

const { persons } = loadSeedData()
const DEMO_KIOSK = DEMO_KIOSKS[0]!
const dir = makeTempDir()
let a: Served
let b: Served

async function stop(node: Served | undefined) {
  if (!node || node.child.exitCode !== null)
    return
  node.child.kill('SIGTERM')
  await node.exited
}

beforeAll(async () => {
  expect(ENGINE).toBe('postgres')
  await createDatabase(dir)
  // Files in the database (MEDIA_STORE=database): each node has a folder of its own, and shares nothing else.
  const env = (node: string) => ({
    ...databaseEnv(dir),
    MEDIA_STORE: 'database',
    MEDIA_DIR: join(dir, node, 'media'),
    APP_SECRET: TEST_SECRET,
  })
  // One node first: it migrates and seeds; the second finds the database ready.
  a = await serve(join(dir, 'a.db'), join(dir, 'a'), env('a'), 'node')
  b = await serve(join(dir, 'b.db'), join(dir, 'b'), env('b'), 'node')
}, 120_000)

afterAll(async () => {
  await Promise.all([
    stop(a),
    stop(b),
  ])
  await dropDatabase(dir)
  rmSync(dir, { recursive: true, force: true })
}, 30_000)

function post(node: Served, path: string, body: unknown, cookie?: string, contentType = 'application/json') {
  return fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: {
      [CSRF_HEADER]: CSRF_VALUE,
      'content-type': contentType,
      ...(cookie
        ? { cookie }
        : {}),
    },
    body: Buffer.isBuffer(body)
      ? new Uint8Array(body)
      : JSON.stringify(body),
  })
}

async function signIn(node: Served, username: string): Promise<string> {
  const res = await post(node, '/api/auth/login', { username, password: DEMO_PASSWORD })
  expect(res.status, await res.clone().text()).toBe(200)
  const cookie = res.headers.getSetCookie().find(c => c.startsWith('session='))
  expect(cookie).toBeDefined()
  return cookie!.split(';')[0]!
}

describe('two nodes on one PostgreSQL database', () => {
  it('should accept a session made on one node on the other, and end it on both when signed out through one', async () => {
    const cookie = await signIn(a, 'demo-admin')
    const onB = await fetch(`${b.url}/api/auth/me`, {
      headers: { cookie },
    })
    expect(onB.status).toBe(200)
    expect((await onB.json() as { username: string }).username).toBe('demo-admin')

    const out = await post(b, '/api/auth/logout', {}, cookie)
    expect(out.status).toBe(204)
    expect((await fetch(`${a.url}/api/auth/me`, {
      headers: { cookie },
    })).status).toBe(401)
  })

  it('should count failed sign-ins on both nodes together: past the free tries, either node refuses', async () => {
    const username = demoStaffUsername('xinhua-road')
    const tries = [a, b, a, b, a]
    for (const node of tries) {
      const res = await post(node, '/api/auth/login', { username, password: 'not-the-password' })
      expect(res.status).toBe(401)
    }
    for (const node of [b, a]) {
      const res = await post(node, '/api/auth/login', { username, password: DEMO_PASSWORD })
      expect(res.status).toBe(429)
      expect((await res.json() as { error: { code: string } }).error.code).toBe('TOO_MANY_REQUESTS')
    }
  })

  it('should count one person\'s codes on both nodes together, even when they are asked for at once', async () => {
    const person = persons.find(p => p.key === 'lu-xiaoping')!
    const answers = await Promise.all(Array.from({ length: LIMITS.subjectSendsPerHour + 6 }, (_, i) =>
      post(i % 2 === 0
        ? a
        : b, '/api/personal/challenges', { name: person.name, idNumber: person.idNumber, consent: true })))
    const statuses = answers.map(res => res.status)
    expect(statuses.filter(s => s === 201)).toHaveLength(LIMITS.subjectSendsPerHour)
    expect(statuses.filter(s => s === 429)).toHaveLength(6)
  })

  it('should count a kiosk\'s wrong exit codes on both nodes together, even when they are tried at once', async () => {
    const answers = await Promise.all(Array.from({ length: EXIT_LIMIT.attempts + 6 }, (_, i) =>
      fetch(`${(i % 2 === 0
        ? a
        : b).url}/api/kiosk/exit`, {
        method: 'POST',
        headers: {
          [CSRF_HEADER]: CSRF_VALUE,
          [KIOSK_HEADER]: DEMO_KIOSK.token,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          exitCode: String(20_000_000 + i),
        }),
      })))
    const statuses = answers.map(res => res.status)
    expect(statuses.filter(s => s === 400)).toHaveLength(EXIT_LIMIT.attempts)
    expect(statuses.filter(s => s === 429)).toHaveLength(6)
  })

  it('should serve a photo uploaded through one node from the other, the same bytes, and its sizes', async () => {
    const cookie = await signIn(a, demoStaffUsername('jiangsu-road'))
    const jpeg = await sharp({
      create: {
        width: 320,
        height: 240,
        channels: 3,
        background: '#3a7',
      },
    }).jpeg().toBuffer()
    const res = await post(a, '/api/staff/media', jpeg, cookie, 'image/jpeg')
    expect(res.status, await res.clone().text()).toBe(201)
    const { url } = await res.json() as { url: string }

    const fromA = await fetch(`${a.url}${url}`, {
      headers: { cookie },
    })
    const fromB = await fetch(`${b.url}${url}`, {
      headers: { cookie },
    })
    expect(fromA.status).toBe(200)
    expect(fromB.status).toBe(200)
    expect(fromB.headers.get('content-type')).toMatch(/^image\//)
    expect(Buffer.from(await fromB.arrayBuffer()).equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true)
    const size = await fetch(`${b.url}${url}/192.webp`, {
      headers: { cookie },
    })
    expect(size.status).toBe(200)
    expect(size.headers.get('content-type')).toBe('image/webp')
  })

  it('should go on answering on both nodes when the database ends their connections (a restart, an administrator)', async () => {
    // Both nodes hold idle connections after the tests above.
    expect(await endConnections(dir)).toBeGreaterThan(0)
    for (const node of [a, b]) {
      // The health check asks the database itself (public answers could come from the node's memory).
      await expect.poll(async () => ((await (await fetch(`${node.url}/api/health`)).json()) as { database: boolean }).database, { timeout: 10_000 }).toBe(true)
      expect(node.child.exitCode).toBeNull()
    }
  })

  it('should show content published through one node on the other (within the public cache\'s few seconds)', async () => {
    const cookie = await signIn(a, 'demo-admin')
    const before = await (await fetch(`${b.url}/api/articles?pageSize=1`)).json() as { total: number }
    const res = await post(a, '/api/admin/articles', {
      kind: 'news',
      title: '两个节点之间的测试文章',
      summary: '在一个节点发布，在另一个节点读取。',
      body: '正文。',
      source: '测试',
      street: null,
      tags: [],
      disclosureUntil: null,
      status: 'published',
    }, cookie)
    expect(res.status, await res.clone().text()).toBe(201)
    await expect.poll(async () => ((await (await fetch(`${b.url}/api/articles?pageSize=1`)).json()) as { total: number }).total, { timeout: 15_000 })
      .toBe(before.total + 1)
  })
})
