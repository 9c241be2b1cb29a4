// The staff portal's activities (街镇活动): street staff write, illustrate, preview and submit their own street's
// activities; district admins approve them, return them with a note, or withdraw them, and every decision lands in
// the admin audit log. Covers the authorisation matrix over every endpoint, the CSRF header, the review workflow
// through to the public feed and back out, illegal transitions, input checks, idempotent creation from the device's
// outbox, photo uploads (type read from the bytes, scaled, EXIF gone, nothing stored on failure) and the Markdown
// preview. Every request goes through `call`, which moves the server's clock on by a second and checks that no staff
// answer may be cached.
import type { LightMyRequestResponse } from 'fastify'
import type { ActivityStatus } from '#schemas/domain'
import type { Activity, ActivityList, SearchResults, StreetDetail } from '#schemas/resources'
import type { ActivityInput, PreviewResult, StaffActivity, StaffActivityList, StaffPhoto } from '#schemas/staff'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { readdirSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PHOTOS } from '#schemas/domain'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { hashPassword } from '../../server/auth/password'
import { MAX_SIDE, MAX_UPLOAD_BYTES } from '../../server/media/upload'
import { isVariantFile } from '../../server/media/variants'
import { DEMO_ADMIN, DEMO_PASSWORD, demoStaffUsername } from '../../server/seed/data/accounts'
import { buildTestApp, expectError, signIn, steadyNow } from './helpers'

const ACTIVITIES = '/api/staff/activities'
const PREVIEW = '/api/staff/preview'
const MEDIA = '/api/staff/media'
const PUBLIC_ACTIVITIES = '/api/activities'

const STREET_A = 'jiangsu-road'
const STREET_B = 'xinhua-road'
/** An id no activity has. */
const MISSING_ID = 999_999

type Method = 'GET' | 'POST' | 'PUT'
type Actor = 'anonymous' | 'owner' | 'otherStreet' | 'admin'
type SignedIn = Exclude<Actor, 'anonymous'>
type Fixture = 'none' | 'draft' | 'submitted' | 'published' | 'withdrawn'

const ACTORS: Actor[] = [
  'anonymous',
  'owner',
  'otherStreet',
  'admin',
]
const USERNAMES: Record<SignedIn, string> = {
  owner: demoStaffUsername(STREET_A),
  otherStreet: demoStaffUsername(STREET_B),
  admin: DEMO_ADMIN.username,
}

let t: TestApp
/** The server's clock; `call` moves it on by a second per request, so every change gets its own timestamp. */
let now = steadyNow().getTime()
const sessions = { owner: '', otherStreet: '', admin: '' } satisfies Record<SignedIn, string>
const userIds = { owner: 0, otherStreet: 0, admin: 0 } satisfies Record<SignedIn, number>
let streetIds: { a: number, b: number }

/** Small pictures made once (tens of milliseconds each at full size). */
const pictures = {
  /** 64×48 JPEG: the cheapest valid upload. */
  small: Buffer.alloc(0),
  /** 2400×1800 JPEG with EXIF in IFD0 and a GPS IFD. */
  large: Buffer.alloc(0),
  webp: Buffer.alloc(0),
  png: Buffer.alloc(0),
}
const EXIF_MARKER = 'ChangningTestCopyright'

interface Call {
  as?: Actor
  payload?: object | string | Buffer
  contentType?: string
  /** Whether a non-GET request carries the CSRF header (default: it does). */
  csrf?: boolean
  headers?: Record<string, string>
}

/** One request; every staff or admin answer, error or not, must forbid caching. */
async function call(method: Method, url: string, { as = 'anonymous', payload, contentType, csrf = true, headers = {} }: Call = {}): Promise<LightMyRequestResponse> {
  now += 1000
  const res = await t.app.inject({
    method,
    url,
    headers: {
      ...(method !== 'GET' && csrf
        ? { [CSRF_HEADER]: CSRF_VALUE }
        : {}),
      ...(as === 'anonymous'
        ? {}
        : { cookie: sessions[as] }),
      ...(contentType === undefined
        ? {}
        : { 'content-type': contentType }),
      ...headers,
    },
    ...(payload === undefined
      ? {}
      : { payload }),
  })
  if (url.startsWith('/api/staff/') || url.startsWith('/api/admin/'))
    expect(res.headers['cache-control'], `${method} ${url} → ${res.statusCode}`).toBe('no-store')
  return res
}

let serial = 0
/** A valid activity; each call gets its own title. */
function input(overrides: Partial<ActivityInput> = {}): ActivityInput {
  serial++
  return {
    title: `诚信宣传进社区 第${serial}场`,
    category: 'publicity',
    startsAt: '2026-05-10T09:00:00+08:00',
    endsAt: '2026-05-10T11:30:00+08:00',
    place: '社区文化活动中心二楼',
    summary: '现场讲解信用修复政策，解答居民问题。',
    body: '## 活动安排\n\n- 诚信知识问答\n- 信用修复咨询',
    photoIds: [],
    ...overrides,
  }
}

/** Creates an activity (which must succeed) as a staff member. */
async function create(as: SignedIn = 'owner', body: object = input()): Promise<StaffActivity> {
  const res = await call('POST', ACTIVITIES, { as, payload: body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<StaffActivity>()
}

async function decide(id: number, action: 'approve' | 'return' | 'withdraw', note?: string): Promise<StaffActivity> {
  const res = await call('POST', `/api/admin/activities/${id}/${action}`, {
    as: 'admin',
    ...(note === undefined
      ? {}
      : {
          payload: { note },
        }),
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<StaffActivity>()
}

/** An activity of street A (by its staff member) in the given state. */
async function fixture(state: Exclude<Fixture, 'none'>): Promise<StaffActivity> {
  let activity = await create('owner', {
    ...input(),
    submit: state !== 'draft',
  })
  if (state === 'published' || state === 'withdrawn')
    activity = await decide(activity.id, 'approve')
  if (state === 'withdrawn')
    activity = await decide(activity.id, 'withdraw')
  expect(activity.status).toBe(state)
  return activity
}

async function upload(as: Actor, data: Buffer | string, contentType = 'image/jpeg', alt?: string): Promise<LightMyRequestResponse> {
  const query = alt === undefined
    ? ''
    : `?alt=${encodeURIComponent(alt)}`
  return call('POST', `${MEDIA}${query}`, { as, payload: data, contentType })
}

/** Uploads a photo (which must succeed). */
async function uploaded(as: SignedIn = 'owner', data: Buffer = pictures.small, contentType = 'image/jpeg', alt?: string): Promise<StaffPhoto> {
  const res = await upload(as, data, contentType, alt)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<StaffPhoto>()
}

/** The activity as stored, read without a request (so without moving the clock). */
async function current(id: number) {
  return t.app.repos.staffActivities.byId(id)
}

async function countRows(table: 'activities' | 'activity_photos' | 'media' | 'admin_audit'): Promise<number> {
  const row = await t.app.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Everything a request could have stored: rows and the files in MEDIA_DIR. */
async function stored() {
  return {
    activities: await countRows('activities'),
    photos: await countRows('activity_photos'),
    media: await countRows('media'),
    audit: await countRows('admin_audit'),
    /** Originals; the sizes made from them are checked where a picture is stored (media-sizes.spec.ts). */
    files: readdirSync(t.config.mediaDir).filter(name => !isVariantFile(name)).sort(),
    variants: readdirSync(t.config.mediaDir).filter(isVariantFile).length,
  }
}

async function staffList(as: SignedIn, query = ''): Promise<StaffActivity[]> {
  const res = await call('GET', `${ACTIVITIES}${query}`, { as })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<StaffActivityList>().items
}

async function publicFeed(street: string): Promise<ActivityList> {
  const res = await call('GET', `${PUBLIC_ACTIVITIES}?street=${street}&pageSize=50`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<ActivityList>()
}

/** The file name in a photo URL. */
function fileOf(url: string): string {
  const match = /^\/api\/media\/([0-9a-f]{32}\.(?:jpg|webp))$/.exec(url)
  expect(match, url).not.toBeNull()
  return match?.[1] ?? ''
}

function solid(width: number, height: number, background = '#33aa77') {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background,
    },
  })
}

beforeAll(async () => {
  t = await buildTestApp({
    clock: () => new Date(now),
    // This file writes far more than one account's daily quota (quotas.spec.ts tests the quotas).
    env: { STAFF_ACTIVITIES_PER_DAY: '10000', STAFF_UPLOADS_PER_HOUR: '10000' },
  })
  // The seed hashes the demo password at full cost; the test cost keeps the sign-ins fast.
  await t.app.db.updateTable('users')
    .set({ password_hash: await hashPassword(DEMO_PASSWORD, t.app.config.passwordHashCost) })
    .execute()
  for (const actor of ['owner', 'otherStreet', 'admin'] as const) {
    const { cookie, id } = await signIn(t.app, USERNAMES[actor])
    sessions[actor] = cookie
    userIds[actor] = id
  }
  const street = async (key: string) => (await t.app.db.selectFrom('streets').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id
  streetIds = { a: await street(STREET_A), b: await street(STREET_B) }
  const [small, large, webp, png] = await Promise.all([
    solid(64, 48).jpeg().toBuffer(),
    solid(2400, 1800)
      .withExif({
        IFD0: { Copyright: EXIF_MARKER, Make: 'TestCam', Model: 'X1' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '31/1 13/1 4/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '121/1 25/1 3/1',
        },
      })
      .jpeg()
      .toBuffer(),
    solid(2000, 1000, '#2255cc').webp().toBuffer(),
    solid(800, 600, '#cc5522').png().toBuffer(),
  ])
  Object.assign(pictures, { small, large, webp, png })
})
afterAll(async () => {
  await t?.close()
})

interface Endpoint {
  name: string
  method: Method
  path: (id: number) => string
  /** The state of street A's activity the request acts on. */
  fixture: Fixture
  body?: () => Pick<Call, 'payload' | 'contentType'>
  answers: Record<Actor, number>
  /** The activity's status after an allowed request. */
  after?: ActivityStatus
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/staff/activities',
    method: 'GET',
    path: () => ACTIVITIES,
    fixture: 'none',
    answers: {
      anonymous: 401,
      owner: 200,
      otherStreet: 200,
      admin: 200,
    },
  },
  {
    name: 'GET /api/staff/activities/:id',
    method: 'GET',
    path: id => `${ACTIVITIES}/${id}`,
    fixture: 'draft',
    answers: {
      anonymous: 401,
      owner: 200,
      otherStreet: 404,
      admin: 200,
    },
    after: 'draft',
  },
  {
    name: 'POST /api/staff/activities',
    method: 'POST',
    path: () => ACTIVITIES,
    fixture: 'none',
    body: () => ({
      payload: input(),
    }),
    answers: {
      anonymous: 401,
      owner: 201,
      otherStreet: 201,
      admin: 403,
    },
    after: 'draft',
  },
  {
    name: 'PUT /api/staff/activities/:id',
    method: 'PUT',
    path: id => `${ACTIVITIES}/${id}`,
    fixture: 'draft',
    body: () => ({
      payload: input({ title: '改过的标题' }),
    }),
    answers: {
      anonymous: 401,
      owner: 200,
      otherStreet: 404,
      admin: 200,
    },
    after: 'draft',
  },
  {
    name: 'POST /api/staff/activities/:id/submit',
    method: 'POST',
    path: id => `${ACTIVITIES}/${id}/submit`,
    fixture: 'draft',
    answers: {
      anonymous: 401,
      owner: 200,
      otherStreet: 404,
      admin: 200,
    },
    after: 'submitted',
  },
  {
    name: 'POST /api/staff/preview',
    method: 'POST',
    path: () => PREVIEW,
    fixture: 'none',
    body: () => ({
      payload: { body: '**诚信**' },
    }),
    answers: {
      anonymous: 401,
      owner: 200,
      otherStreet: 200,
      admin: 200,
    },
  },
  {
    name: 'POST /api/staff/media',
    method: 'POST',
    path: () => MEDIA,
    fixture: 'none',
    body: () => ({ payload: pictures.small, contentType: 'image/jpeg' }),
    answers: {
      anonymous: 401,
      owner: 201,
      otherStreet: 201,
      admin: 201,
    },
  },
  {
    name: 'POST /api/admin/activities/:id/approve',
    method: 'POST',
    path: id => `/api/admin/activities/${id}/approve`,
    fixture: 'submitted',
    answers: {
      anonymous: 401,
      owner: 403,
      otherStreet: 403,
      admin: 200,
    },
    after: 'published',
  },
  {
    name: 'POST /api/admin/activities/:id/return',
    method: 'POST',
    path: id => `/api/admin/activities/${id}/return`,
    fixture: 'submitted',
    body: () => ({
      payload: { note: '请补充活动现场照片。' },
    }),
    answers: {
      anonymous: 401,
      owner: 403,
      otherStreet: 403,
      admin: 200,
    },
    after: 'returned',
  },
  {
    name: 'POST /api/admin/activities/:id/withdraw',
    method: 'POST',
    path: id => `/api/admin/activities/${id}/withdraw`,
    fixture: 'published',
    answers: {
      anonymous: 401,
      owner: 403,
      otherStreet: 403,
      admin: 200,
    },
    after: 'withdrawn',
  },
]

describe('staff activities: who may do what', () => {
  const cases = ENDPOINTS.flatMap(endpoint => ACTORS.map(actor => ({
    endpoint: endpoint.name,
    actor,
    status: endpoint.answers[actor],
    spec: endpoint,
  })))

  it.each(cases)('should answer $status when $actor calls $endpoint', async ({ actor, status, spec }) => {
    const activity = spec.fixture === 'none'
      ? undefined
      : await fixture(spec.fixture)
    const before = await stored()
    const stateBefore = activity && await current(activity.id)
    const res = await call(spec.method, spec.path(activity?.id ?? 0), {
      as: actor,
      ...spec.body?.(),
    })
    expect(res.statusCode, res.body).toBe(status)
    if (status >= 400) {
      // Another street's activity does not exist for its staff (404, as for a missing id); roles answer 403.
      expectError(res, status, ({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const)[status as 401 | 403 | 404])
      expect(await stored()).toEqual(before)
      if (activity)
        expect(await current(activity.id)).toEqual(stateBefore)
      return
    }
    if (spec.after) {
      const body = res.json<StaffActivity>()
      expect(body.status).toBe(spec.after)
      if (activity)
        expect(body.id).toBe(activity.id)
    }
  })

  it.each([
    ['GET', `${ACTIVITIES}/:id`, 'owner'],
    ['GET', `${ACTIVITIES}/:id`, 'otherStreet'],
    ['GET', `${ACTIVITIES}/:id`, 'admin'],
    ['PUT', `${ACTIVITIES}/:id`, 'owner'],
    ['PUT', `${ACTIVITIES}/:id`, 'otherStreet'],
    ['PUT', `${ACTIVITIES}/:id`, 'admin'],
    ['POST', `${ACTIVITIES}/:id/submit`, 'owner'],
    ['POST', `${ACTIVITIES}/:id/submit`, 'otherStreet'],
    ['POST', '/api/admin/activities/:id/approve', 'admin'],
    ['POST', '/api/admin/activities/:id/return', 'admin'],
    ['POST', '/api/admin/activities/:id/withdraw', 'admin'],
  ] as const)('should answer 404 NOT_FOUND when %s %s is called by %s for an id that does not exist', async (method, path, actor) => {
    const before = await stored()
    const url = path.replace(':id', String(MISSING_ID))
    const res = await call(method, url, {
      as: actor,
      ...(method === 'PUT'
        ? {
            payload: input(),
          }
        : url.endsWith('/return')
          ? {
              payload: { note: '请补充。' },
            }
          : {}),
    })
    expectError(res, 404, 'NOT_FOUND')
    expect(await stored()).toEqual(before)
  })

  it.each(['approve', 'return', 'withdraw'] as const)('should answer 403 FORBIDDEN, not 404, when a staff member calls %s for an id that does not exist', async (action) => {
    const res = await call('POST', `/api/admin/activities/${MISSING_ID}/${action}`, {
      as: 'owner',
      ...(action === 'return'
        ? {
            payload: { note: '请补充。' },
          }
        : {}),
    })
    expectError(res, 403, 'FORBIDDEN')
  })

  it('should list only the staff member\'s own street, seeded activities included, when a staff member lists activities', async () => {
    const mine = await fixture('draft')
    const theirs = await create('otherStreet')
    const items = await staffList('owner')
    const seededA = await t.app.db.selectFrom('activities').select('id').where('street_id', '=', streetIds.a).where('key', 'is not', null).execute()
    expect(seededA.length).toBeGreaterThan(0)
    expect(items.every(a => a.street.key === STREET_A), JSON.stringify(items.map(a => a.street.key))).toBe(true)
    const ids = items.map(a => a.id)
    expect(ids).toContain(mine.id)
    expect(ids).not.toContain(theirs.id)
    for (const { id } of seededA)
      expect(ids).toContain(id)
    // The street's staff see their seeded, published activities, but nothing else of any other street.
    const seededB = await t.app.db.selectFrom('activities').select('id').where('street_id', '=', streetIds.b).execute()
    expect(seededB.length).toBeGreaterThan(0)
    for (const { id } of seededB)
      expect(ids).not.toContain(id)
  })

  it('should not include street A\'s activities when street B\'s staff member lists activities', async () => {
    const mine = await fixture('submitted')
    const items = await staffList('otherStreet')
    expect(items.length).toBeGreaterThan(0)
    expect(items.every(a => a.street.key === STREET_B)).toBe(true)
    expect(items.map(a => a.id)).not.toContain(mine.id)
  })

  it('should list every street\'s activities, drafts included, when an admin lists activities', async () => {
    const a = await fixture('draft')
    const b = await create('otherStreet')
    const items = await staffList('admin')
    const ids = items.map(i => i.id)
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]))
    expect(new Set(items.map(i => i.street.key)).size).toBeGreaterThan(2)
  })

  it('should list only activities in that status when the list is filtered by status', async () => {
    const draft = await fixture('draft')
    const submitted = await fixture('submitted')
    const drafts = await staffList('owner', '?status=draft')
    expect(drafts.length).toBeGreaterThan(0)
    expect(drafts.every(a => a.status === 'draft')).toBe(true)
    expect(drafts.map(a => a.id)).toContain(draft.id)
    expect(drafts.map(a => a.id)).not.toContain(submitted.id)
    const queue = await staffList('admin', '?status=submitted')
    expect(queue.map(a => a.id)).toContain(submitted.id)
    expect(queue.every(a => a.status === 'submitted')).toBe(true)
  })

  it('should read any street\'s activity, with its author, when an admin asks for one by id', async () => {
    const theirs = await create('otherStreet')
    const res = await call('GET', `${ACTIVITIES}/${theirs.id}`, { as: 'admin' })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<StaffActivity>()
    expect(body).toEqual(theirs)
    expect(body.author?.id).toBe(userIds.otherStreet)
    expect(body.street.key).toBe(STREET_B)
    // The server's own fields never leave it.
    expect(Object.keys(body)).not.toContain('streetId')
    expect(Object.keys(body)).not.toContain('authorId')
  })

  it('should show a photo not yet on any activity to its street\'s staff and admins, and answer 404 to another street\'s staff', async () => {
    const photo = await uploaded('owner')
    expect((await call('GET', photo.url, { as: 'owner' })).statusCode).toBe(200)
    expect((await call('GET', photo.url, { as: 'admin' })).statusCode).toBe(200)
    expectError(await call('GET', photo.url, { as: 'otherStreet' }), 404, 'NOT_FOUND')
    expectError(await call('GET', photo.url), 404, 'NOT_FOUND')
  })

  it('should answer 404 to another street\'s staff for a photo of a draft, and show it to the street\'s own staff', async () => {
    const photo = await uploaded('owner')
    await create('owner', input({
      photoIds: [photo.id],
    }))
    expect((await call('GET', photo.url, { as: 'owner' })).statusCode).toBe(200)
    expectError(await call('GET', photo.url, { as: 'otherStreet' }), 404, 'NOT_FOUND')
  })
})

describe('staff activities: the CSRF header', () => {
  const changing = ENDPOINTS.filter(e => e.method !== 'GET')

  it.each(changing.map(e => ({ endpoint: e.name, spec: e })))('should answer 403 CSRF_REJECTED and change nothing when $endpoint is called without the header', async ({ spec }) => {
    const activity = spec.fixture === 'none'
      ? undefined
      : await fixture(spec.fixture)
    const as = spec.answers.owner < 300
      ? 'owner'
      : 'admin'
    const before = await stored()
    const stateBefore = activity && await current(activity.id)
    const res = await call(spec.method, spec.path(activity?.id ?? 0), {
      as,
      csrf: false,
      ...spec.body?.(),
    })
    expectError(res, 403, 'CSRF_REJECTED')
    expect(await stored()).toEqual(before)
    if (activity)
      expect(await current(activity.id)).toEqual(stateBefore)
  })

  it.each([
    ['XMLHttpRequest'],
    [''],
    [
      CSRF_VALUE.toUpperCase(),
    ],
  ])('should answer 403 CSRF_REJECTED and create nothing when the header says %j', async (value) => {
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      csrf: false,
      headers: { [CSRF_HEADER]: value },
      payload: input(),
    })
    expectError(res, 403, 'CSRF_REJECTED')
    expect(await stored()).toEqual(before)
  })
})

describe('staff activities: from draft to the public feed and back out', () => {
  const NOTE = '  请补充活动现场照片，并写明参与人数。  '
  let photos: StaffPhoto[]
  let activity: StaffActivity
  /** Street A's published activities before this one. */
  let countBefore: number

  async function activityCount(street: string): Promise<number> {
    const res = await call('GET', `/api/streets/${street}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<StreetDetail>().activityCount
  }

  beforeAll(async () => {
    countBefore = await activityCount(STREET_A)
    photos = [
      await uploaded('owner', pictures.small, 'image/jpeg', '活动现场'),
      await uploaded('owner', pictures.webp, 'image/webp', '签到处'),
      await uploaded('owner', pictures.png, 'image/png', '宣传展板'),
    ]
  })

  it('should create a draft of the staff member\'s street, with its photos in order, when a staff member posts an activity without submit', async () => {
    const body = input({
      photoIds: [photos[1]!.id, photos[0]!.id],
    })
    const res = await call('POST', ACTIVITIES, { as: 'owner', payload: body })
    expect(res.statusCode, res.body).toBe(201)
    activity = res.json<StaffActivity>()
    expect(activity).toMatchObject({
      status: 'draft',
      title: body.title,
      category: body.category,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      place: body.place,
      summary: body.summary,
      body: body.body,
      street: { key: STREET_A },
      author: { id: userIds.owner },
      reviewNote: null,
      submittedAt: null,
      reviewedAt: null,
      publishedAt: null,
      updatedAt: new Date(now).toISOString(),
    })
    expect(activity.bodyHtml).toContain('<h2>活动安排</h2>')
    expect(activity.photos).toEqual([photos[1], photos[0]])
    const row = await t.app.db.selectFrom('activities').selectAll().where('id', '=', activity.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      street_id: streetIds.a,
      author_id: userIds.owner,
      status: 'draft',
      client_key: null,
    })
  })

  it('should keep the draft out of the public feed and its page when it is not published', async () => {
    expect((await publicFeed(STREET_A)).items.map(a => a.id)).not.toContain(activity.id)
    expectError(await call('GET', `${PUBLIC_ACTIVITIES}/${activity.id}`), 404, 'NOT_FOUND')
    expect(await activityCount(STREET_A)).toBe(countBefore)
  })

  it('should save the changes, photos replaced and reordered, when the owner edits the draft', async () => {
    const body = input({
      title: '诚信宣传进社区（改）',
      category: 'training',
      photoIds: [photos[0]!.id, photos[2]!.id],
    })
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, { as: 'owner', payload: body })
    expect(res.statusCode, res.body).toBe(200)
    const edited = res.json<StaffActivity>()
    expect(edited).toMatchObject({
      id: activity.id,
      status: 'draft',
      title: body.title,
      category: 'training',
      submittedAt: null,
    })
    expect(edited.photos).toEqual([photos[0], photos[2]])
    expect(edited.updatedAt).toBe(new Date(now).toISOString())
    expect(edited.updatedAt > activity.updatedAt).toBe(true)
    activity = edited
    // The photo taken off the activity may be used again.
    expect(await t.app.repos.staffActivities.usablePhotos([photos[1]!.id], { id: userIds.owner, role: 'staff' }, null)).toEqual([photos[1]!.id])
  })

  it('should move the draft to submitted, with the time it was sent, when the owner submits it', async () => {
    const res = await call('POST', `${ACTIVITIES}/${activity.id}/submit`, { as: 'owner' })
    expect(res.statusCode, res.body).toBe(200)
    activity = res.json<StaffActivity>()
    expect(activity.status).toBe('submitted')
    expect(activity.submittedAt).toBe(new Date(now).toISOString())
    expect((await publicFeed(STREET_A)).items.map(a => a.id)).not.toContain(activity.id)
  })

  it('should answer 409 ACTIVITY_LOCKED and keep the activity when the owner submits it a second time', async () => {
    const before = await current(activity.id)
    expectError(await call('POST', `${ACTIVITIES}/${activity.id}/submit`, { as: 'owner' }), 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(before)
  })

  it('should answer 409 ACTIVITY_LOCKED and keep the activity when the owner edits it while it is submitted', async () => {
    const before = await current(activity.id)
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, {
      as: 'owner',
      payload: input({ title: '审核中偷偷改' }),
    })
    expectError(res, 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(before)
  })

  it('should return it, with the note trimmed and the time of the review, when an admin returns it with a note', async () => {
    const returned = await decide(activity.id, 'return', NOTE)
    expect(returned).toMatchObject({
      id: activity.id,
      status: 'returned',
      reviewNote: NOTE.trim(),
      reviewedAt: new Date(now).toISOString(),
      publishedAt: null,
    })
    activity = returned
  })

  it('should show the returned activity and its note to its owner when the owner opens it', async () => {
    const res = await call('GET', `${ACTIVITIES}/${activity.id}`, { as: 'owner' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<StaffActivity>()).toMatchObject({
      status: 'returned',
      reviewNote: NOTE.trim(),
    })
    expect((await staffList('owner', '?status=returned')).map(a => a.id)).toContain(activity.id)
  })

  it('should save the changes, resubmit it and clear the note when the owner edits it with submit: true', async () => {
    const body = {
      ...input({
        title: '诚信宣传进社区（已补充照片）',
        photoIds: [photos[0]!.id, photos[2]!.id, photos[1]!.id],
      }),
      submit: true,
    }
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, { as: 'owner', payload: body })
    expect(res.statusCode, res.body).toBe(200)
    const resubmitted = res.json<StaffActivity>()
    expect(resubmitted).toMatchObject({
      id: activity.id,
      status: 'submitted',
      title: body.title,
      reviewNote: null,
      submittedAt: new Date(now).toISOString(),
    })
    expect(resubmitted.photos).toEqual([photos[0], photos[2], photos[1]])
    activity = resubmitted
  })

  it('should publish it, with the time of publication, when an admin approves it', async () => {
    const published = await decide(activity.id, 'approve')
    expect(published).toMatchObject({
      id: activity.id,
      status: 'published',
      publishedAt: new Date(now).toISOString(),
      reviewedAt: new Date(now).toISOString(),
      reviewNote: null,
    })
    activity = published
  })

  it('should show it in its street\'s public feed, with its first photo as the cover, when it is published', async () => {
    const feed = await publicFeed(STREET_A)
    const item = feed.items.find(a => a.id === activity.id)
    const { id: _id, ...cover } = photos[0]!
    expect(item).toEqual({
      id: activity.id,
      title: activity.title,
      category: activity.category,
      street: activity.street,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      place: activity.place,
      summary: activity.summary,
      cover,
      isDemo: false,
    })
    expect((await publicFeed(STREET_B)).items.map(a => a.id)).not.toContain(activity.id)
    expect(await activityCount(STREET_A)).toBe(countBefore + 1)
    const all = await call('GET', `${PUBLIC_ACTIVITIES}?pageSize=50`)
    expect(all.json<ActivityList>().total).toBeGreaterThan(feed.total)
  })

  it('should serve its public page with every photo in order, each one downloadable, when it is published', async () => {
    const res = await call('GET', `${PUBLIC_ACTIVITIES}/${activity.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const page = res.json<Activity>()
    expect(page).toMatchObject({
      id: activity.id,
      title: activity.title,
      body: activity.body,
      bodyHtml: activity.bodyHtml,
      publishedAt: activity.publishedAt,
    })
    expect(page.photos).toEqual(activity.photos.map(({ id: _id, ...ref }) => ref))
    for (const photo of page.photos) {
      const file = await call('GET', photo.url)
      expect(file.statusCode, photo.url).toBe(200)
      const meta = await sharp(file.rawPayload).metadata()
      expect({ width: meta.width, height: meta.height }).toEqual({ width: photo.width, height: photo.height })
    }
  })

  it.each([
    ['approves it again', 'approve', undefined],
    [
      'returns it',
      'return',
      { note: '请修改。' },
    ],
  ] as const)('should answer 409 ACTIVITY_LOCKED and keep it published when an admin %s', async (_what, action, payload) => {
    const before = await current(activity.id)
    const res = await call('POST', `/api/admin/activities/${activity.id}/${action}`, {
      as: 'admin',
      ...(payload
        ? { payload }
        : {}),
    })
    expectError(res, 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(before)
  })

  it.each([
    ['edits it', 'PUT', ''],
    ['submits it', 'POST', '/submit'],
  ] as const)('should answer 409 ACTIVITY_LOCKED and keep it published when the owner %s', async (_what, method, suffix) => {
    const before = await current(activity.id)
    const res = await call(method, `${ACTIVITIES}/${activity.id}${suffix}`, {
      as: 'owner',
      ...(method === 'PUT'
        ? {
            payload: input({ title: '发布后偷偷改' }),
          }
        : {}),
    })
    expectError(res, 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(before)
  })

  it('should take it out of the public feed and off its page, keeping it for staff, when an admin withdraws it', async () => {
    const withdrawn = await decide(activity.id, 'withdraw')
    expect(withdrawn).toMatchObject({
      id: activity.id,
      status: 'withdrawn',
      reviewedAt: new Date(now).toISOString(),
    })
    expect((await publicFeed(STREET_A)).items.map(a => a.id)).not.toContain(activity.id)
    expectError(await call('GET', `${PUBLIC_ACTIVITIES}/${activity.id}`), 404, 'NOT_FOUND')
    const search = await call('GET', `/api/search?q=${encodeURIComponent(activity.title)}`)
    expect(search.statusCode, search.body).toBe(200)
    expect(search.json<SearchResults>().activities.items.map(a => a.id)).not.toContain(activity.id)
    expect(await activityCount(STREET_A)).toBe(countBefore)
    expect((await staffList('owner', '?status=withdrawn')).map(a => a.id)).toContain(activity.id)
    activity = withdrawn
  })

  it.each([
    ['withdraws it again', 'withdraw'],
    ['approves it', 'approve'],
  ] as const)('should answer 409 ACTIVITY_LOCKED when an admin %s after it was withdrawn', async (_what, action) => {
    const before = await current(activity.id)
    expectError(await call('POST', `/api/admin/activities/${activity.id}/${action}`, { as: 'admin' }), 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(before)
  })

  it('should have recorded the return with its note, the approval and the withdrawal, each by the admin, in the admin audit log', async () => {
    const rows = await t.app.db.selectFrom('admin_audit').selectAll().where('target', '=', `activity:${activity.id}`).orderBy('id').execute()
    expect(rows.map(({ actor_id, action, detail }) => ({ actor_id, action, detail }))).toEqual([
      {
        actor_id: userIds.admin,
        action: 'activity.returned',
        detail: NOTE.trim(),
      },
      { actor_id: userIds.admin, action: 'activity.published', detail: null },
      { actor_id: userIds.admin, action: 'activity.withdrawn', detail: null },
    ])
    for (const row of rows)
      expect(Number.isNaN(Date.parse(row.at))).toBe(false)
    expect(rows[2]?.at).toBe(activity.reviewedAt)
  })
})

describe('staff activities: transitions that are not allowed', () => {
  it.each([
    ['approves a draft', 'draft', 'approve'],
    ['returns a draft', 'draft', 'return'],
    ['withdraws a draft', 'draft', 'withdraw'],
    ['withdraws a submitted activity', 'submitted', 'withdraw'],
    ['returns a published activity', 'published', 'return'],
    ['returns a withdrawn activity', 'withdrawn', 'return'],
  ] as const)('should answer 409 ACTIVITY_LOCKED, change nothing and audit nothing when an admin %s', async (_what, state, action) => {
    const activity = await fixture(state)
    const before = await stored()
    const stateBefore = await current(activity.id)
    const res = await call('POST', `/api/admin/activities/${activity.id}/${action}`, {
      as: 'admin',
      ...(action === 'return'
        ? {
            payload: { note: '请修改。' },
          }
        : {}),
    })
    expectError(res, 409, 'ACTIVITY_LOCKED')
    expect(await stored()).toEqual(before)
    expect(await current(activity.id)).toEqual(stateBefore)
  })

  it.each([
    ['edits', 'withdrawn', 'PUT', ''],
    [
      'submits',
      'withdrawn',
      'POST',
      '/submit',
    ],
    [
      'edits with submit: true',
      'submitted',
      'PUT',
      '',
    ],
  ] as const)('should answer 409 ACTIVITY_LOCKED and change nothing when the owner %s a %s activity', async (_what, state, method, suffix) => {
    const activity = await fixture(state)
    const stateBefore = await current(activity.id)
    const res = await call(method, `${ACTIVITIES}/${activity.id}${suffix}`, {
      as: 'owner',
      ...(method === 'PUT'
        ? {
            payload: {
              ...input(),
              submit: true,
            },
          }
        : {}),
    })
    expectError(res, 409, 'ACTIVITY_LOCKED')
    expect(await current(activity.id)).toEqual(stateBefore)
  })

  it('should create it straight into the review queue when a staff member posts it with submit: true', async () => {
    const activity = await create('owner', {
      ...input(),
      submit: true,
    })
    expect(activity.status).toBe('submitted')
    expect(activity.submittedAt).toBe(new Date(now).toISOString())
    expect((await staffList('admin', '?status=submitted')).map(a => a.id)).toContain(activity.id)
  })

  it.each([
    ['without a body', undefined],
    ['without a note', {}],
    [
      'with an empty note',
      { note: '' },
    ],
    [
      'with a 501-character note',
      {
        note: '改'.repeat(501),
      },
    ],
    [
      'with another field',
      { note: '请修改。', extra: 1 },
    ],
  ])('should answer 400 VALIDATION_FAILED, keep it submitted and audit nothing when an admin returns it %s', async (_what, payload) => {
    const activity = await fixture('submitted')
    const before = await stored()
    const stateBefore = await current(activity.id)
    const res = await call('POST', `/api/admin/activities/${activity.id}/return`, {
      as: 'admin',
      ...(payload === undefined
        ? {}
        : { payload }),
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
    expect(await current(activity.id)).toEqual(stateBefore)
  })

  it('should answer 400 VALIDATION_FAILED and keep it submitted when an admin returns it with a note of only spaces', async () => {
    const activity = await fixture('submitted')
    const res = await call('POST', `/api/admin/activities/${activity.id}/return`, {
      as: 'admin',
      payload: { note: '   \n\t ' },
    })
    expect((await current(activity.id))?.status).toBe('submitted')
    expectError(res, 400, 'VALIDATION_FAILED')
  })
})

describe('staff activities: checks on what is sent', () => {
  it('should answer 400 VALIDATION_FAILED on body.endsAt and create nothing when it ends before it starts', async () => {
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: input({ startsAt: '2026-05-10T09:00:00+08:00', endsAt: '2026-05-10T08:59:00+08:00' }),
    })
    const error = expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.details?.map(d => d.field)).toEqual(['body.endsAt'])
    expect(await stored()).toEqual(before)
  })

  it('should compare instants, not strings, when start and end are given in different time zones', async () => {
    // 10:00 in Shanghai is 02:00 UTC: the end below is an hour after the start although it sorts before it.
    const activity = await create('owner', input({ startsAt: '2026-05-10T10:00:00+08:00', endsAt: '2026-05-10T03:00:00Z' }))
    expect(activity.endsAt).toBe('2026-05-10T11:00:00+08:00') // stored the one way: Shanghai time
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: input({ startsAt: '2026-05-10T01:00:00Z', endsAt: '2026-05-10T08:30:00+08:00' }),
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
  })

  it('should accept an activity that ends when it starts', async () => {
    const activity = await create('owner', input({ startsAt: '2026-05-10T09:00:00+08:00', endsAt: '2026-05-10T09:00:00+08:00' }))
    expect(activity.status).toBe('draft')
  })

  it('should answer 400 VALIDATION_FAILED when the end is a leap second before the start', async () => {
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: input({ startsAt: '2026-07-02T09:00:00+08:00', endsAt: '2026-06-30T23:59:60Z' }),
    })
    expect(await stored()).toEqual(before)
    expectError(res, 400, 'VALIDATION_FAILED')
  })

  it('should list a later activity first in the public feed when the two starts are given in different offsets', async () => {
    const earlier = await create('owner', {
      ...input({ startsAt: '2030-05-10T09:00:00+08:00', endsAt: '2030-05-10T10:00:00+08:00' }),
      submit: true,
    })
    // 11:00 in Shanghai, two hours after the other one; 2030 puts both at the top of the feed.
    const later = await create('owner', {
      ...input({ startsAt: '2030-05-10T03:00:00Z', endsAt: '2030-05-10T04:00:00Z' }),
      submit: true,
    })
    await decide(earlier.id, 'approve')
    await decide(later.id, 'approve')
    const ids = (await publicFeed(STREET_A)).items.map(a => a.id)
    expect(ids.slice(0, 2)).toEqual([later.id, earlier.id])
  })

  it('should answer 400 and leave the draft as it was when an edit ends before it starts', async () => {
    const activity = await fixture('draft')
    const before = await current(activity.id)
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, {
      as: 'owner',
      payload: {
        ...input({ startsAt: '2026-06-01T10:00:00+08:00', endsAt: '2026-06-01T09:00:00+08:00' }),
        submit: true,
      },
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await current(activity.id)).toEqual(before)
  })

  it(`should answer 400 with more than ${MAX_PHOTOS} photos and accept exactly ${MAX_PHOTOS}`, async () => {
    const photos: StaffPhoto[] = []
    for (let i = 0; i <= MAX_PHOTOS; i++)
      photos.push(await uploaded('owner'))
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: input({
        photoIds: photos.map(p => p.id),
      }),
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
    const ids = photos.slice(0, MAX_PHOTOS).map(p => p.id).reverse()
    const activity = await create('owner', input({ photoIds: ids }))
    expect(activity.photos.map(p => p.id)).toEqual(ids)
  })

  it.each([
    [
      'lists the same photo twice',
      async () => {
        const photo = await uploaded('owner')
        return [photo.id, photo.id]
      },
    ],
    [
      'lists a photo another staff member uploaded',
      async () => [(await uploaded('otherStreet')).id],
    ],
    [
      'lists a photo an admin uploaded',
      async () => [(await uploaded('admin')).id],
    ],
    [
      'lists a photo that does not exist',
      async () => [(await uploaded('owner')).id, MISSING_ID],
    ],
    [
      'lists a photo already on another activity',
      async () => {
        const photo = await uploaded('owner')
        await create('owner', input({
          photoIds: [photo.id],
        }))
        return [photo.id]
      },
    ],
    [
      'lists a seeded demo picture',
      async () => {
        const row = await t.app.db.selectFrom('media').select('id').where('uploaded_by', 'is', null).executeTakeFirstOrThrow()
        return [row.id]
      },
    ],
  ])('should answer 400 VALIDATION_FAILED on body.photoIds and create nothing when a staff member %s', async (_what, photoIds) => {
    const ids = await photoIds()
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: input({ photoIds: ids }),
    })
    const error = expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.details?.map(d => d.field)).toEqual(['body.photoIds'])
    expect(await stored()).toEqual(before)
  })

  it('should answer 400 and leave the draft\'s photos as they were when an edit lists a photo of another staff member', async () => {
    const own = await uploaded('owner')
    const activity = await create('owner', input({
      photoIds: [own.id],
    }))
    const before = await current(activity.id)
    const foreign = await uploaded('otherStreet')
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, {
      as: 'owner',
      payload: input({
        photoIds: [own.id, foreign.id],
      }),
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await current(activity.id)).toEqual(before)
  })

  it.each([
    [
      'no title',
      { title: undefined },
    ],
    [
      'an empty title',
      { title: '' },
    ],
    [
      'an 81-character title',
      {
        title: '长'.repeat(81),
      },
    ],
    [
      'an unknown category',
      { category: 'party' },
    ],
    [
      'a start that is not a date-time',
      { startsAt: '2026-05-10' },
    ],
    [
      'an empty place',
      { place: '' },
    ],
    [
      'a 201-character summary',
      {
        summary: '长'.repeat(201),
      },
    ],
    [
      'a 20001-character body',
      {
        body: 'x'.repeat(20_001),
      },
    ],
    [
      'a photo id of 0',
      {
        photoIds: [0],
      },
    ],
    [
      'photoIds that are not a list',
      { photoIds: 'all' },
    ],
    [
      'an unknown field',
      { street: STREET_B },
    ],
    [
      'a street id',
      { streetId: 2 },
    ],
    [
      'a status',
      { status: 'published' },
    ],
  ])('should answer 400 VALIDATION_FAILED and create nothing when an activity has %s', async (_what, overrides) => {
    const before = await stored()
    const res = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input(),
        ...overrides,
      },
    })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
  })

  it('should answer 400 VALIDATION_FAILED when the id in the path is not a number', async () => {
    expectError(await call('GET', `${ACTIVITIES}/abc`, { as: 'owner' }), 400, 'VALIDATION_FAILED')
  })

  it('should keep its photos when a colleague of the same street edits an activity without changing them', async () => {
    const colleague = 'staff-jiangsu-road-2'
    await t.app.repos.accounts.create({
      username: colleague,
      display_name: '江苏路街道工作人员二',
      role: 'staff',
      street_id: streetIds.a,
      password_hash: await hashPassword(DEMO_PASSWORD, t.app.config.passwordHashCost),
      must_change_password: 0,
    }, new Date(now).toISOString())
    const { cookie } = await signIn(t.app, colleague)
    const photo = await uploaded('owner')
    const activity = await create('owner', input({
      photoIds: [photo.id],
    }))
    const res = await call('PUT', `${ACTIVITIES}/${activity.id}`, {
      headers: { cookie },
      payload: input({
        title: '同事修改的标题',
        photoIds: [photo.id],
      }),
    })
    expect(res.statusCode, res.body).toBe(200)
  })
})

describe('staff activities: replays from the device outbox', () => {
  async function rowsWithKey(clientKey: string) {
    return t.app.db.selectFrom('activities').select(['id', 'author_id', 'street_id']).where('client_key', '=', clientKey).execute()
  }

  it('should answer 200 with the first activity, creating nothing and changing nothing, when the same clientKey is posted again', async () => {
    const clientKey = 'outbox-0001-aaaa'
    const first = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input(),
        clientKey,
      },
    })
    expect(first.statusCode, first.body).toBe(201)
    const created = first.json<StaffActivity>()
    const before = await stored()
    const again = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input({ title: '重发时改了标题' }),
        clientKey,
        submit: true,
      },
    })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json<StaffActivity>()).toEqual(created)
    expect(await stored()).toEqual(before)
    expect(await rowsWithKey(clientKey)).toEqual([
      { id: created.id, author_id: userIds.owner, street_id: streetIds.a },
    ])
  })

  it('should answer the replay with the activity as it is now when it has moved on since', async () => {
    const clientKey = 'outbox-0002-bbbb'
    const created = await create('owner', {
      ...input(),
      clientKey,
      submit: true,
    })
    const approved = await decide(created.id, 'approve')
    const again = await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input(),
        clientKey,
        submit: true,
      },
    })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json<StaffActivity>()).toEqual(approved)
  })

  it('should create exactly one activity when the same clientKey arrives three times at once', async () => {
    const clientKey = 'outbox-0003-cccc'
    const activities = await countRows('activities')
    const answers = await Promise.all([0, 1, 2].map(() => call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input(),
        clientKey,
      },
    })))
    const rows = await rowsWithKey(clientKey)
    expect(rows).toHaveLength(1)
    expect(await countRows('activities')).toBe(activities + 1)
    expect(answers.map(r => r.statusCode).sort(), answers.map(r => r.body).join('\n')).toEqual([200, 200, 201])
    for (const res of answers)
      expect(res.json<StaffActivity>().id).toBe(rows[0]?.id)
  })

  it('should give each user their own activity when two users send the same clientKey', async () => {
    const clientKey = 'outbox-0004-dddd'
    const mine = await create('owner', {
      ...input(),
      clientKey,
    })
    const theirs = await create('otherStreet', {
      ...input(),
      clientKey,
    })
    expect(theirs.id).not.toBe(mine.id)
    expect(theirs.street.key).toBe(STREET_B)
    expect(theirs.author?.id).toBe(userIds.otherStreet)
    expect((await rowsWithKey(clientKey)).map(r => r.author_id).sort()).toEqual([userIds.owner, userIds.otherStreet].sort())
  })

  it('should not replay anything to an admin, who may not create activities, when an admin sends a staff member\'s clientKey', async () => {
    const clientKey = 'outbox-0005-eeee'
    await create('owner', {
      ...input(),
      clientKey,
    })
    expectError(await call('POST', ACTIVITIES, {
      as: 'admin',
      payload: {
        ...input(),
        clientKey,
      },
    }), 403, 'FORBIDDEN')
  })

  it.each([
    ['shorter than 8 characters', 'abc1234'],
    [
      'longer than 64 characters',
      'k'.repeat(65),
    ],
    ['with a space', 'outbox 0006'],
    ['with a slash', 'outbox/0006'],
  ])('should answer 400 VALIDATION_FAILED and create nothing when the clientKey is %s', async (_what, clientKey) => {
    const before = await stored()
    expectError(await call('POST', ACTIVITIES, {
      as: 'owner',
      payload: {
        ...input(),
        clientKey,
      },
    }), 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
  })
})

describe('staff activities: photo uploads', () => {
  /** The uploaded picture as its uploader's editor loads it (residents cannot: it belongs to no published activity). */
  async function served(photo: StaffPhoto): Promise<LightMyRequestResponse> {
    const res = await call('GET', photo.url, { as: 'owner' })
    expect(res.statusCode, photo.url).toBe(200)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    return res
  }

  it('should start from a test picture that carries EXIF with a GPS block', async () => {
    const meta = await sharp(pictures.large).metadata()
    const exif = meta.exif ?? Buffer.alloc(0)
    expect(exif.includes(EXIF_MARKER)).toBe(true)
    // The GPS IFD pointer (tag 0x8825), in the byte order the EXIF block declares.
    const gpsTag = exif.includes('MM\0*')
      ? Buffer.from([0x88, 0x25])
      : Buffer.from([0x25, 0x88])
    expect(exif.includes(gpsTag)).toBe(true)
    expect({ width: meta.width, height: meta.height, format: meta.format }).toEqual({ width: 2400, height: 1800, format: 'jpeg' })
  })

  it(`should answer 201 with a JPEG scaled to fit ${MAX_SIDE} px and stored for the uploader when a 2400×1800 JPEG is uploaded`, async () => {
    const before = await stored()
    const res = await upload('owner', pictures.large, 'image/jpeg')
    expect(res.statusCode, res.body).toBe(201)
    const photo = res.json<StaffPhoto>()
    expect(photo).toEqual({
      id: photo.id,
      url: photo.url,
      alt: '',
      width: MAX_SIDE,
      height: MAX_SIDE * 3 / 4,
      widths: [192, 288, 480, 960],
    })
    const name = fileOf(photo.url)
    expect(name.endsWith('.jpg')).toBe(true)
    const after = await stored()
    expect(after.media).toBe(before.media + 1)
    expect(after.files).toEqual([...before.files, name].sort())
    expect(after.variants).toBe(before.variants + 8)
    const row = await t.app.db.selectFrom('media').selectAll().where('id', '=', photo.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      name,
      content_type: 'image/jpeg',
      width: photo.width,
      height: photo.height,
      uploaded_by: userIds.owner,
      scene: null,
      seed: null,
    })
    expect(row.bytes).toBeGreaterThan(0)
  })

  it('should serve the stored JPEG without any EXIF, GPS or other metadata, marked nosniff', async () => {
    const photo = await uploaded('owner', pictures.large)
    const res = await served(photo)
    expect(res.headers['content-type']).toBe('image/jpeg')
    const meta = await sharp(res.rawPayload).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: photo.width, height: photo.height })
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.iptc).toBeUndefined()
    expect(res.rawPayload.includes(EXIF_MARKER)).toBe(false)
    expect(res.rawPayload.includes('Exif\0\0')).toBe(false)
    const row = await t.app.db.selectFrom('media').select('bytes').where('id', '=', photo.id).executeTakeFirstOrThrow()
    expect(res.rawPayload.length).toBe(row.bytes)
  })

  it('should turn a picture upright by its EXIF orientation when a sideways photo is uploaded', async () => {
    const sideways = await solid(2400, 1800).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    const photo = await uploaded('owner', sideways)
    expect({ width: photo.width, height: photo.height }).toEqual({ width: MAX_SIDE * 3 / 4, height: MAX_SIDE })
    const meta = await sharp((await served(photo)).rawPayload).metadata()
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation }).toEqual({ width: MAX_SIDE * 3 / 4, height: MAX_SIDE, orientation: undefined })
  })

  it('should keep a picture smaller than the limit at its size when it is uploaded', async () => {
    const photo = await uploaded('owner', pictures.small)
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 64, height: 48 })
  })

  it('should store the alt text trimmed when one is given', async () => {
    const photo = await uploaded('owner', pictures.small, 'image/jpeg', '  居民在签到处登记  ')
    expect(photo.alt).toBe('居民在签到处登记')
  })

  it('should keep a WebP as WebP, served as image/webp, when a WebP is uploaded', async () => {
    const photo = await uploaded('owner', pictures.webp, 'image/webp')
    expect(fileOf(photo.url).endsWith('.webp')).toBe(true)
    expect({ width: photo.width, height: photo.height }).toEqual({ width: MAX_SIDE, height: MAX_SIDE / 2 })
    const res = await served(photo)
    expect(res.headers['content-type']).toBe('image/webp')
    const meta = await sharp(res.rawPayload).metadata()
    expect(meta.format).toBe('webp')
  })

  it('should store a PNG as a JPEG when a PNG is uploaded', async () => {
    const photo = await uploaded('owner', pictures.png, 'image/png')
    expect(fileOf(photo.url).endsWith('.jpg')).toBe(true)
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 800, height: 600 })
    const res = await served(photo)
    expect(res.headers['content-type']).toBe('image/jpeg')
    expect((await sharp(res.rawPayload).metadata()).format).toBe('jpeg')
  })

  it.each([
    [
      'JPEG bytes declared as image/png',
      () => pictures.small,
      'image/png',
      'image/jpeg',
      'jpeg',
    ],
    [
      'JPEG bytes declared as image/webp',
      () => pictures.small,
      'image/webp',
      'image/jpeg',
      'jpeg',
    ],
    [
      'WebP bytes declared as image/jpeg',
      () => pictures.webp,
      'image/jpeg',
      'image/webp',
      'webp',
    ],
    [
      'PNG bytes declared as image/jpeg',
      () => pictures.png,
      'image/jpeg',
      'image/jpeg',
      'jpeg',
    ],
  ] as const)('should store the picture by its real type when %s are uploaded', async (_what, data, declared, contentType, format) => {
    const photo = await uploaded('owner', data(), declared)
    const res = await served(photo)
    expect(res.headers['content-type']).toBe(contentType)
    expect((await sharp(res.rawPayload).metadata()).format).toBe(format)
    const row = await t.app.db.selectFrom('media').select('content_type').where('id', '=', photo.id).executeTakeFirstOrThrow()
    expect(row.content_type).toBe(contentType)
  })

  it(`should accept an upload of exactly ${MAX_UPLOAD_BYTES} bytes`, async () => {
    const padded = Buffer.concat([
      pictures.small,
      Buffer.alloc(MAX_UPLOAD_BYTES - pictures.small.length),
    ])
    expect(padded.length).toBe(MAX_UPLOAD_BYTES)
    const photo = await uploaded('owner', padded)
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 64, height: 48 })
  })

  it.each([
    [
      'a text file sent as image/jpeg',
      () => Buffer.from('这不是图片，只是一段文字。\n'),
      'image/jpeg',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a GIF sent as image/jpeg',
      () => Buffer.concat([
        Buffer.from('GIF89a'),
        Buffer.alloc(64),
      ]),
      'image/jpeg',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an SVG sent as image/png',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/png',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an empty body sent as image/jpeg',
      () => Buffer.alloc(0),
      'image/jpeg',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a JPEG cut off halfway',
      () => pictures.large.subarray(0, Math.floor(pictures.large.length / 2)),
      'image/jpeg',
      400,
      'IMAGE_UNREADABLE',
    ],
    [
      'JPEG magic bytes followed by noise',
      () => Buffer.concat([
        Buffer.from([0xFF, 0xD8, 0xFF, 0xE0]),
        Buffer.alloc(4096, 0x5A),
      ]),
      'image/jpeg',
      400,
      'IMAGE_UNREADABLE',
    ],
    [
      'a WebP header with nothing after it',
      () => Buffer.concat([
        Buffer.from('RIFF'),
        Buffer.alloc(4),
        Buffer.from('WEBPVP8 '),
      ]),
      'image/webp',
      400,
      'IMAGE_UNREADABLE',
    ],
    [
      `${MAX_UPLOAD_BYTES + 1} bytes`,
      () => Buffer.concat([
        pictures.small,
        Buffer.alloc(MAX_UPLOAD_BYTES + 1 - pictures.small.length),
      ]),
      'image/jpeg',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a JPEG sent as text/plain',
      () => pictures.small.toString('latin1'),
      'text/plain',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a JPEG sent as application/octet-stream',
      () => pictures.small,
      'application/octet-stream',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a JPEG sent as image/gif',
      () => pictures.small,
      'image/gif',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'JSON',
      () => JSON.stringify({
        data: pictures.small.toString('base64'),
      }),
      'application/json',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ] as const)('should store nothing and answer the error when %s is uploaded', async (_what, data, contentType, status, code) => {
    const before = await stored()
    expectError(await upload('owner', data(), contentType), status, code)
    expect(await stored()).toEqual(before)
  })

  it('should answer 400 VALIDATION_FAILED and store nothing when the alt text is longer than 120 characters', async () => {
    const before = await stored()
    expectError(await upload('owner', pictures.small, 'image/jpeg', '图'.repeat(121)), 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
  })
})

describe('staff activities: Markdown preview', () => {
  async function preview(body: string): Promise<string> {
    const res = await call('POST', PREVIEW, {
      as: 'owner',
      payload: { body },
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json<PreviewResult>().bodyHtml
  }

  it('should render Markdown to HTML when a staff member previews a body', async () => {
    expect(await preview('## 活动安排\n\n- **诚信**问答')).toBe('<h2>活动安排</h2>\n<ul>\n<li><strong>诚信</strong>问答</li>\n</ul>\n')
  })

  it('should escape raw HTML when the body contains a script tag and an event handler', async () => {
    const html = await preview('欢迎参加<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;')
    expect(html).not.toMatch(/<script|<img/i)
  })

  it.each([
    ['a javascript: link', '[点这里](javascript:alert(1))'],
    ['a JavaScript: link in mixed case with spaces', '[点这里]( JavaScript:alert(1) )'],
    ['a data: link', '[点这里](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript: link', '[点这里](vbscript:msgbox(1))'],
  ])('should leave %s as text, not a link', async (_what, body) => {
    const html = await preview(body)
    expect(html).not.toMatch(/<a[\s>]/i)
    expect(html).not.toMatch(/href=/i)
    expect(html).toContain('点这里')
  })

  it('should render an https link that opens in a new tab without an opener', async () => {
    expect(await preview('[信用中国](https://www.creditchina.gov.cn)')).toBe('<p><a href="https://www.creditchina.gov.cn" target="_blank" rel="noopener noreferrer">信用中国</a></p>\n')
  })

  it('should answer 400 VALIDATION_FAILED when the body is longer than 20000 characters', async () => {
    expectError(await call('POST', PREVIEW, {
      as: 'owner',
      payload: {
        body: 'x'.repeat(20_001),
      },
    }), 400, 'VALIDATION_FAILED')
  })

  it('should escape a saved body the same way in the staff view and on the public page', async () => {
    const body = '<script>alert(1)</script>\n\n[点这里](javascript:alert(1))'
    const activity = await create('owner', {
      ...input({ body }),
      submit: true,
    })
    expect(activity.bodyHtml).toBe(await preview(body))
    expect(activity.bodyHtml).not.toMatch(/<script|<a[\s>]/i)
    await decide(activity.id, 'approve')
    const page = await call('GET', `${PUBLIC_ACTIVITIES}/${activity.id}`)
    expect(page.json<Activity>().bodyHtml).toBe(activity.bodyHtml)
  })
})
