// Shared setup for the API tests: every app gets its own temporary directory, database and (optionally) a fake build.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Me } from '#schemas/accounts'
import type { ErrorBody } from '#schemas/common'
import type { Config } from '../../server/config'
import type { DB } from '../../server/db/database'
import type { ErrorCode } from '../../server/errors'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { bodyColumns } from '../../server/lib/markdown'
import { DEMO_PASSWORD } from '../../server/seed/data/accounts'
import { demoDateShift } from '../../server/seed/index'
import { createDatabase, databaseEnv, dropDatabase } from './engine'

export const TEST_SECRET = 'x'.repeat(64)

const HOUR_MS = 3_600_000

/** The hour of day (0–23) in Asia/Shanghai, where the app's calendar days begin and end. */
function shanghaiHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(at))
}

/**
 * The app's dates are Shanghai calendar days, so a spec file that starts shortly before midnight there would see
 * "today" change under it (its test clocks also run ahead of real time, a second per request). Such a file runs
 * four hours behind instead: the offset is fixed when the file loads, so no date changes while it runs.
 */
const STEADY_OFFSET_MS = shanghaiHour(new Date()) >= 21
  ? -4 * HOUR_MS
  : 0

/** Now, for tests: real time, or four hours earlier when this spec file started late in the Shanghai evening. */
export function steadyNow(): Date {
  return new Date(Date.now() + STEADY_OFFSET_MS)
}

export interface BuildTestAppOptions {
  /** Write a fake built front end into <dir>/dist so the static plugin serves it. */
  withDist?: boolean
  /** Reuse an existing temporary directory (and so its database) instead of creating a new one. */
  dir?: string
  /** Extra environment variables for loadConfig (e.g. SEED_DEMO_DATA). */
  env?: Record<string, string>
  /** Adds routes or hooks to the app before it starts (e.g. a handler that fails on purpose). */
  beforeReady?: (app: FastifyInstance) => void
  /** The server's clock (demo data is seeded relative to it at first start); tests move it to check expiries. Default: steadyNow. */
  clock?: () => Date
}

export interface TestApp {
  app: FastifyInstance
  dir: string
  config: Config
  /** Closes the app and removes the temporary directory. */
  close: () => Promise<void>
}

/** A hashed asset name as Vite would produce it, served with an immutable cache policy. */
export const ASSET_PATH = '/assets/index-AbCd1234.js'

/** The fake app shell; tests compare served bodies against these. */
export const FAKE_INDEX_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>信用长宁 · Credit Changning</title>
  <link rel="manifest" href="/manifest.webmanifest">
  <script type="module" crossorigin src="${ASSET_PATH}"></script>
</head>
<body><div id="app"></div></body>
</html>
`

/** A few KB of JavaScript, well above the 1 KB compression threshold. */
export const FAKE_ASSET_JS = Array.from({ length: 120 }, (_, i) =>
  `export function benefit${i}(list) { return list.filter(item => item.category === 'c${i % 8}').map(item => item.title) }\n`).join('')

export function writeFakeDist(distDir: string): void {
  mkdirSync(join(distDir, 'assets'), { recursive: true })
  writeFileSync(join(distDir, 'index.html'), FAKE_INDEX_HTML)
  writeFileSync(join(distDir, 'sw.js'), 'self.addEventListener(\'install\', () => self.skipWaiting())\n')
  writeFileSync(join(distDir, 'registerSW.js'), 'if (\'serviceWorker\' in navigator) navigator.serviceWorker.register(\'/sw.js\')\n')
  writeFileSync(join(distDir, 'manifest.webmanifest'), JSON.stringify({
    name: '信用长宁',
    short_name: '信用长宁',
    start_url: '/',
    display: 'standalone',
  }))
  writeFileSync(join(distDir, 'assets', 'index-AbCd1234.js'), FAKE_ASSET_JS)
  writeFileSync(join(distDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n')
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'credit-api-test-'))
}

export function testConfig(dir: string, env: Record<string, string> = {}, clock?: () => Date): Config {
  return loadConfig({
    NODE_ENV: 'test',
    ...databaseEnv(dir),
    LOG_LEVEL: 'silent',
    PASSWORD_HASH_COST: 'fast',
    DIST_DIR: join(dir, 'dist'),
    // No server-side rendering unless a test asks for it (render.spec.ts builds on the real renderer).
    SSR_DIR: join(dir, 'dist-server'),
    // Tests change the database and move the clock between reads; the cache of public answers has its own tests.
    PUBLIC_CACHE_SECONDS: '0',
    ...env,
  }, { secret: TEST_SECRET, clock: clock ?? steadyNow })
}

export async function buildTestApp(options: BuildTestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? makeTempDir()
  if (options.withDist)
    writeFakeDist(join(dir, 'dist'))
  const config = testConfig(dir, options.env, options.clock)
  let app: FastifyInstance
  try {
    await createDatabase(dir)
    app = await buildApp(config)
    options.beforeReady?.(app)
    await app.ready()
  }
  catch (err) {
    if (!options.dir) {
      await dropDatabase(dir)
      rmSync(dir, { recursive: true, force: true })
    }
    throw err
  }
  let closed = false
  return {
    app,
    dir,
    config,
    close: async () => {
      if (closed)
        return
      closed = true
      await app.close()
      await dropDatabase(dir)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The version in package.json, which /api/health must report. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
  return pkg.version
}

/** Asserts the error envelope (status, stable code, a message and nothing else) and returns its error. */
export function expectError(res: LightMyRequestResponse, status: number, code: ErrorCode): ErrorBody['error'] {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  const body = res.json<ErrorBody>()
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body.error
}

/** Signs in (the demo password by default) and returns the `cookie` header to send and the user's id. */
export async function signIn(app: FastifyInstance, username: string, password: string = DEMO_PASSWORD): Promise<{ cookie: string, id: number }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { [CSRF_HEADER]: CSRF_VALUE },
    payload: { username, password },
  })
  expect(res.statusCode, `${username}: ${res.body}`).toBe(200)
  const header = res.headers['set-cookie']
  const first = Array.isArray(header)
    ? header[0]
    : header
  const pair = first?.split(';')[0] ?? ''
  expect(pair).toMatch(/^session=./)
  return { cookie: pair, id: res.json<Me>().id }
}

export interface ErrorEnvelope {
  error: { code: string, message: string, details?: { field?: string, reason?: string }[] }
}

/** Today's Shanghai calendar date shifted by `days`, as YYYY-MM-DD (the app compares dates in Asia/Shanghai). */
export function shanghaiDate(days = 0, now: Date = steadyNow()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date(now.getTime() + days * 86_400_000))
}

/**
 * A date of the demo content (benefits, articles, activities) as seeded today: seeding moves those dates on by the
 * months since the content was written (server/seed/index.ts, demoDateShift).
 */
export function seededDate<T extends string | null>(date: T): T {
  return demoDateShift(shanghaiDate(0))(date)
}

/** A test article written straight into the database; returns its id. Defaults: a published news item. */
export async function insertArticle(db: DB, values: {
  key: string
  kind?: 'policy' | 'honour' | 'exposure' | 'case' | 'week' | 'news'
  title?: string
  summary?: string
  body?: string
  publishedAt?: string
  disclosureUntil?: string | null
  status?: 'draft' | 'published' | 'archived'
}): Promise<number> {
  const result = await db.insertInto('articles').values({
    key: values.key,
    kind: values.kind ?? 'news',
    title: values.title ?? `测试文章 ${values.key}`,
    summary: values.summary ?? '测试用的文章。',
    ...bodyColumns(values.body ?? '测试正文。'),
    source: '测试来源',
    street_id: null,
    published_at: values.publishedAt ?? '2020-01-01T09:00:00+08:00',
    disclosure_until: values.disclosureUntil ?? null,
    tags: '[]',
    status: values.status ?? 'published',
    updated_at: steadyNow().toISOString(),
  }).returning('id').executeTakeFirstOrThrow()
  return result.id
}

/** A test benefit written straight into the database; returns its id. Defaults: published, open-ended, district-wide. */
export async function insertBenefit(db: DB, values: {
  key: string
  title?: string
  provider?: string
  validTo?: string | null
  status?: 'draft' | 'published' | 'archived'
  tags?: string[]
}): Promise<number> {
  const now = steadyNow().toISOString()
  const result = await db.insertInto('benefits').values({
    key: values.key,
    title: values.title ?? `测试惠民措施 ${values.key}`,
    summary: '测试用的措施。',
    category: 'life',
    audience: 'personal',
    provider: values.provider ?? '测试提供方',
    street_id: null,
    offer: '测试优惠',
    eligibility: '测试条件',
    valid_from: '2020-01-01',
    valid_to: values.validTo ?? null,
    tags: JSON.stringify(values.tags ?? []),
    status: values.status ?? 'published',
    created_at: now,
    updated_at: now,
  }).returning('id').executeTakeFirstOrThrow()
  return result.id
}

/** GET that must succeed: fails the test with the body when the status is not 200. */
export async function getOk<T>(app: FastifyInstance, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url })
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res.json<T>()
}

/** Every item of a paginated list endpoint, fetched page by page (50 at a time). */
export async function listAllPages<T>(app: FastifyInstance, path: string): Promise<T[]> {
  const sep = path.includes('?')
    ? '&'
    : '?'
  const items: T[] = []
  for (let page = 1; page < 100; page++) {
    const body = await getOk<{ items: T[], total: number }>(app, `${path}${sep}page=${page}&pageSize=50`)
    items.push(...body.items)
    if (items.length >= body.total || body.items.length === 0)
      return items
  }
  throw new Error('too many pages')
}
