// The personal credit report: one-time code by SMS, its lifecycle and limits, the report itself, the audit trail and
// the authenticity check. Every request goes through `post`, which also checks that no answer may be cached.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { ErrorBody } from '#schemas/common'
import type { Challenge, PersonalReport, VerifyResult } from '#schemas/credit'
import type { RecordCategory } from '#schemas/domain'
import type { EligibilityRule } from '#schemas/eligibility'
import type { Benefit, BenefitSummary, Street } from '#schemas/resources'
import type { ErrorCode } from '../../server/errors'
import type { SeedPerson, SeedRecord } from '../../server/seed/data/types'
import type { SmsMessage } from '../../server/sms/index'
import type { TestApp } from './helpers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { idCheckChar } from '#common/codes/idcard'
import { RECORD_CATEGORIES } from '#schemas/domain'
import { ConfigError, loadConfig } from '../../server/config'
import { keyedHash } from '../../server/lib/crypto'
import { addDays, addMonths, yearsBetween } from '../../server/lib/time'
import { publicUntil } from '../../server/repositories/credit'
import { loadSeedData } from '../../server/seed/data/load'
import { LIMITS } from '../../server/services/personal-report'
import { buildTestApp, expectError, getOk, listAllPages, shanghaiDate, steadyNow, TEST_SECRET } from './helpers'

const { persons } = loadSeedData()

const CHALLENGES = '/api/personal/challenges'
const RESEND = '/api/personal/challenges/resend'
const REPORTS = '/api/personal/reports'
const VERIFY = '/api/reports/verify'
const SMS_ENV = { SMS_ADAPTER: 'test' }

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function seedPerson(key: string): SeedPerson {
  const person = persons.find(p => p.key === key)
  if (!person)
    throw new Error(`no seeded person ${key}`)
  return person
}

/** The first seeded person: clean, on a red list, with commitments (the end-to-end tests use her too). */
const ZHAO = persons[0] ?? seedPerson('zhao-jingwen')

/** Seeded records that are public on the seeding day: penalties in their period, list entries not ended. */
function currentSeedRecords(records: SeedRecord[], seedDay: string): SeedRecord[] {
  return records.filter((r) => {
    if (r.kind === 'penalty')
      return publicUntil(addDays(seedDay, -r.daysAgo), r.severity) >= seedDay
    if (r.kind === 'redList' || r.kind === 'dishonestyList')
      return r.untilDays === null || r.untilDays >= 0
    return true
  })
}

let clientCounter = 0
/** A fresh client address: limits count per client, so each test that is not about them uses its own. */
function newClient(): string {
  clientCounter++
  return `10.20.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`
}

let idCounter = 0
/** A valid ID number that is not on file (no seeded person was born on 1990-01-01). */
function unknownId(): string {
  idCounter++
  const first17 = `31010519900101${String(idCounter).padStart(3, '0')}`
  return `${first17}${idCheckChar(first17)}`
}

/** The same six digits plus one: always a wrong code. */
function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0')
}

function outbox(app: FastifyInstance): SmsMessage[] {
  const sms = app.sms
  if (!('outbox' in sms))
    throw new Error('the app was not built with SMS_ADAPTER=test')
  return sms.outbox
}

/** POSTs JSON from a client address; every personal answer, error or not, must forbid caching. */
async function post(app: FastifyInstance, url: string, payload: object, client: string): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: client,
  })
  expect(res.headers['cache-control'], `${url} → ${res.statusCode}`).toBe('no-store')
  return res
}

/** A 429 with the wait in both the retry-after header and the body. */
function expectTooMany(res: LightMyRequestResponse, code: ErrorCode = 'TOO_MANY_REQUESTS'): number {
  const error = expectError(res, 429, code)
  expect(error.retryAfterSeconds).toBeGreaterThan(0)
  expect(res.headers['retry-after']).toBe(String(error.retryAfterSeconds))
  return error.retryAfterSeconds ?? 0
}

interface Issued {
  challenge: string
  code: string
}

/** Asks for a code for a person on file and reads it from the test outbox. */
async function requestCode(app: FastifyInstance, person: SeedPerson, client: string): Promise<Issued> {
  const box = outbox(app)
  const before = box.length
  const res = await post(app, CHALLENGES, { name: person.name, idNumber: person.idNumber, consent: true }, client)
  expect(res.statusCode, res.body).toBe(201)
  expect(box.length).toBe(before + 1)
  const message = box.at(-1)
  expect(message?.to).toBe(person.phone)
  return { challenge: res.json<Challenge>().challenge, code: message?.params.code ?? '' }
}

/** Asks for a code for an ID number that is not on file: a challenge, and no message. */
async function requestUnknown(app: FastifyInstance, idNumber: string, client: string): Promise<string> {
  const before = outbox(app).length
  const res = await post(app, CHALLENGES, { name: '王小明', idNumber, consent: true }, client)
  expect(res.statusCode, res.body).toBe(201)
  expect(outbox(app).length).toBe(before)
  return res.json<Challenge>().challenge
}

async function issueReport(app: FastifyInstance, issued: Issued, client: string): Promise<PersonalReport> {
  const res = await post(app, REPORTS, issued, client)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<PersonalReport>()
}

/** What each of `LIMITS.maxAttempts` wrong codes (never `rightCode`) was answered with. */
async function enterWrongCodes(app: FastifyInstance, challenge: string, client: string, rightCode = '000000'): Promise<{ status: number, code: string, attemptsLeft?: number }[]> {
  const answers = []
  let code = rightCode
  for (let i = 0; i < LIMITS.maxAttempts; i++) {
    code = wrongCode(code)
    const res = await post(app, REPORTS, { challenge, code }, client)
    const { error } = res.json<ErrorBody>()
    answers.push({ status: res.statusCode, code: error.code, attemptsLeft: error.attemptsLeft })
  }
  return answers
}

const LOCK_SEQUENCE = [
  { status: 400, code: 'CODE_INCORRECT', attemptsLeft: 4 },
  { status: 400, code: 'CODE_INCORRECT', attemptsLeft: 3 },
  { status: 400, code: 'CODE_INCORRECT', attemptsLeft: 2 },
  { status: 400, code: 'CODE_INCORRECT', attemptsLeft: 1 },
  { status: 400, code: 'CODE_LOCKED', attemptsLeft: 0 },
]

async function countRows(app: FastifyInstance, table: 'otp_challenges' | 'audit_log' | 'credit_reports'): Promise<number> {
  const row = await app.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('personal report: asking for a code', () => {
  let t: TestApp

  async function stored(): Promise<{ challenges: number, audit: number, sms: number }> {
    return {
      challenges: await countRows(t.app, 'otp_challenges'),
      audit: await countRows(t.app, 'audit_log'),
      sms: outbox(t.app).length,
    }
  }

  beforeAll(async () => {
    t = await buildTestApp({ env: SMS_ENV })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer 400 CONSENT_REQUIRED and store nothing when consent is not given', async () => {
    const before = await stored()
    const res = await post(t.app, CHALLENGES, { name: ZHAO.name, idNumber: ZHAO.idNumber, consent: false }, newClient())
    const error = expectError(res, 400, 'CONSENT_REQUIRED')
    expect(error.details?.map(d => d.field)).toContain('body.consent')
    expect(await stored()).toEqual(before)
    expect(before.challenges).toBe(0)
  })

  const first17 = ZHAO.idNumber.slice(0, 17)
  const wrongCheck = [...'0123456789X'].find(c => c !== ZHAO.idNumber[17]) ?? ''
  const month13 = `${first17.slice(0, 10)}13${first17.slice(12)}`
  const feb30 = `${first17.slice(0, 10)}0230${first17.slice(14)}`
  it.each([
    ['the check character is wrong', `${first17}${wrongCheck}`],
    ['the birth month is 13', `${month13}${idCheckChar(month13)}`],
    ['the birth date is 30 February', `${feb30}${idCheckChar(feb30)}`],
    ['it has 17 characters', first17],
    ['it has letters in the middle', `${first17.slice(0, 8)}AB${first17.slice(10)}X`],
  ])('should answer 400 INVALID_ID_NUMBER and store nothing when %s', async (_label, idNumber) => {
    const before = await stored()
    const res = await post(t.app, CHALLENGES, { name: ZHAO.name, idNumber, consent: true }, newClient())
    const error = expectError(res, 400, 'INVALID_ID_NUMBER')
    expect(error.details?.map(d => d.field)).toContain('body.idNumber')
    expect(await stored()).toEqual(before)
  })

  it('should answer 400 VALIDATION_FAILED and store nothing when the body has an unknown field', async () => {
    const before = await stored()
    const res = await post(t.app, CHALLENGES, {
      name: ZHAO.name,
      idNumber: ZHAO.idNumber,
      consent: true,
      phone: ZHAO.phone,
    }, newClient())
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(await stored()).toEqual(before)
  })

  it.each([
    '<script>',
    '赵静文<b>',
    'Robert\'); DROP TABLE persons;--',
    '12345',
    '   ',
  ])('should answer 400 VALIDATION_FAILED naming the field and store nothing when the name is %j', async (name) => {
    const before = await stored()
    const res = await post(t.app, CHALLENGES, { name, idNumber: ZHAO.idNumber, consent: true }, newClient())
    const error = expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.details?.map(d => d.field)).toContain('body.name')
    expect(await stored()).toEqual(before)
  })

  it('should answer 201 with a challenge and text a six-digit code to the phone on file when the name and ID number match', async () => {
    const before = outbox(t.app).length
    const res = await post(t.app, CHALLENGES, { name: ZHAO.name, idNumber: ZHAO.idNumber, consent: true }, newClient())
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<Challenge>()
    expect(Object.keys(body).sort()).toEqual(['challenge', 'expiresInSeconds', 'resendInSeconds'])
    expect(body.expiresInSeconds).toBe(300)
    expect(body.resendInSeconds).toBe(60)
    expect(body.challenge).toMatch(/^[\w-]{20,64}$/)
    expect(outbox(t.app).slice(before)).toEqual([
      {
        to: ZHAO.phone,
        template: 'otp',
        params: {
          code: expect.stringMatching(/^\d{6}$/),
          minutes: 5,
        },
      },
    ])
  })

  it.each([
    [
      'the ID number is valid but not on file',
      () => ({
        name: ZHAO.name,
        idNumber: unknownId(),
      }),
    ],
    [
      'a known ID number comes with another name',
      () => ({ name: '李文华', idNumber: ZHAO.idNumber }),
    ],
  ])('should answer exactly as for a match and send nothing when %s', async (_label, subject) => {
    const known = await post(t.app, CHALLENGES, { name: ZHAO.name, idNumber: ZHAO.idNumber, consent: true }, newClient())
    const before = outbox(t.app).length
    const res = await post(t.app, CHALLENGES, {
      ...subject(),
      consent: true,
    }, newClient())
    expect(outbox(t.app).length).toBe(before)
    expect(res.statusCode).toBe(known.statusCode)
    expect(res.headers['content-type']).toBe(known.headers['content-type'])
    expect(res.body.length).toBe(known.body.length)
    const body = res.json<Challenge>()
    const knownBody = known.json<Challenge>()
    expect(Object.keys(body)).toEqual(Object.keys(knownBody))
    expect(body.expiresInSeconds).toBe(knownBody.expiresInSeconds)
    expect(body.resendInSeconds).toBe(knownBody.resendInSeconds)
    expect(body.challenge).toMatch(/^[\w-]{20,64}$/)
    expect(body.challenge.length).toBe(knownBody.challenge.length)
    expect(body.challenge).not.toBe(knownBody.challenge)
  })

  it('should recognise the person when the name has spaces and the ID number a lower-case x', async () => {
    const qian = seedPerson('qian-fugen')
    expect(qian.idNumber.endsWith('X')).toBe(true)
    const spaced = [...qian.name].join(' ')
    const before = outbox(t.app).length
    const res = await post(t.app, CHALLENGES, { name: spaced, idNumber: ` ${qian.idNumber.toLowerCase()} `, consent: true }, newClient())
    expect(res.statusCode, res.body).toBe(201)
    expect(outbox(t.app).slice(before).map(m => m.to)).toEqual([qian.phone])
  })

  it('should list the codes sent, newest first, at GET /api/test/sms when the app runs with the test SMS adapter', async () => {
    const issued = await requestCode(t.app, seedPerson('sun-liwei'), newClient())
    const res = await t.app.inject({ method: 'GET', url: '/api/test/sms' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const messages = res.json<{ to: string, code: string }[]>()
    expect(messages[0]).toEqual({ to: seedPerson('sun-liwei').phone, code: issued.code })
    expect(messages).toHaveLength(outbox(t.app).length)
  })
  it('should send no code to a person known only from 双公示 records (no phone on file), answering as for an unknown one', async () => {
    const idNumber = '11010519491231002X'
    await t.app.db.insertInto('persons').values({
      key: 'intake-no-phone',
      name: '王小明',
      id_hash: keyedHash(TEST_SECRET, 'id', idNumber),
      id_masked: '1101**********002X',
      birth_date: '1949-12-31',
      phone: null,
      street_id: null,
      created_at: new Date().toISOString(),
    }).execute()
    const challenge = await requestUnknown(t.app, idNumber, '203.0.113.77')
    const sent = outbox(t.app).length
    await post(t.app, '/api/personal/challenges/resend', { challenge }, '203.0.113.77')
    expect(outbox(t.app).length).toBe(sent)
    const stored = await t.app.db.selectFrom('otp_challenges').select(['person_id', 'code_hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(stored).toEqual({ person_id: null, code_hash: null })
  })
})

describe('personal report: entering the code', () => {
  let t: TestApp
  let now = steadyNow()
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms)
  }

  beforeAll(async () => {
    t = await buildTestApp({
      env: SMS_ENV,
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should count down the attempts left and then lock the challenge when wrong codes are entered', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('sun-liwei'), client)
    for (const expected of LOCK_SEQUENCE) {
      const res = await post(t.app, REPORTS, {
        challenge: issued.challenge,
        code: wrongCode(issued.code),
      }, client)
      const error = expectError(res, expected.status, expected.code as ErrorCode)
      expect(error.attemptsLeft).toBe(expected.attemptsLeft)
    }
  })

  it('should answer 400 CODE_LOCKED even to the right code when the challenge is locked', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('zhou-xiuying'), client)
    expect(await enterWrongCodes(t.app, issued.challenge, client, issued.code)).toEqual(LOCK_SEQUENCE)
    const res = await post(t.app, REPORTS, issued, client)
    const error = expectError(res, 400, 'CODE_LOCKED')
    expect(error.attemptsLeft).toBe(0)
    expect(await countRows(t.app, 'credit_reports')).toBe(0)
  })

  it('should answer wrong codes for an ID number not on file exactly as for a person on file', async () => {
    const known = await requestCode(t.app, seedPerson('sun-liwei'), newClient())
    const unknown = await requestUnknown(t.app, unknownId(), newClient())
    const knownAnswers = await enterWrongCodes(t.app, known.challenge, newClient(), known.code)
    const unknownAnswers = await enterWrongCodes(t.app, unknown, newClient())
    expect(knownAnswers).toEqual(LOCK_SEQUENCE)
    expect(unknownAnswers).toEqual(knownAnswers)
    const after = await post(t.app, REPORTS, { challenge: unknown, code: '123456' }, newClient())
    expectError(after, 400, 'CODE_LOCKED')
  })

  it('should accept the right code just before the five minutes are up', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('gu-meihua'), client)
    advance(299 * SECOND)
    await issueReport(t.app, issued, client)
  })

  it('should answer 400 CODE_EXPIRED to the right code when more than five minutes have passed', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('zhou-xiuying'), client)
    advance(301 * SECOND)
    const res = await post(t.app, REPORTS, issued, client)
    expectError(res, 400, 'CODE_EXPIRED')
  })

  it('should answer 429 RESEND_TOO_SOON with the wait when a new code is asked for within 60 seconds', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('he-wenbin'), client)
    const before = outbox(t.app).length
    const wait = expectTooMany(await post(t.app, RESEND, { challenge: issued.challenge }, client), 'RESEND_TOO_SOON')
    expect(wait).toBeLessThanOrEqual(60)
    advance(30 * SECOND)
    const later = expectTooMany(await post(t.app, RESEND, { challenge: issued.challenge }, client), 'RESEND_TOO_SOON')
    expect(later).toBeLessThanOrEqual(30)
    expect(outbox(t.app).length).toBe(before)
    // The first code still works.
    await issueReport(t.app, issued, client)
  })

  it('should text a new code that replaces the old one when a new code is asked for after 61 seconds', async () => {
    const client = newClient()
    const lin = seedPerson('lin-guodong')
    const old = await requestCode(t.app, lin, client)
    advance(61 * SECOND)
    const before = outbox(t.app).length
    const res = await post(t.app, RESEND, { challenge: old.challenge }, client)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Challenge>()).toEqual({ challenge: old.challenge, expiresInSeconds: 300, resendInSeconds: 60 })
    const sent = outbox(t.app).slice(before)
    expect(sent.map(m => m.to)).toEqual([lin.phone])
    const fresh = { challenge: old.challenge, code: sent[0]?.params.code ?? '' }
    expect(fresh.code).toMatch(/^\d{6}$/)
    expect(fresh.code).not.toBe(old.code)
    const error = expectError(await post(t.app, REPORTS, old, client), 400, 'CODE_INCORRECT')
    expect(error.attemptsLeft).toBe(LIMITS.maxAttempts - 1)
    const report = await issueReport(t.app, fresh, client)
    expect(report.subject.name).toBe(lin.name)
  })

  it('should answer a resend for an ID number not on file like one on file, and send nothing', async () => {
    const client = newClient()
    const challenge = await requestUnknown(t.app, unknownId(), client)
    expectTooMany(await post(t.app, RESEND, { challenge }, client), 'RESEND_TOO_SOON')
    advance(61 * SECOND)
    const before = outbox(t.app).length
    const res = await post(t.app, RESEND, { challenge }, client)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Challenge>()).toEqual({ challenge, expiresInSeconds: 300, resendInSeconds: 60 })
    expect(outbox(t.app).length).toBe(before)
  })

  it('should answer 400 CHALLENGE_NOT_FOUND when the challenge token was never issued', async () => {
    const client = newClient()
    const challenge = 'A'.repeat(43)
    expectError(await post(t.app, REPORTS, { challenge, code: '123456' }, client), 400, 'CHALLENGE_NOT_FOUND')
    expectError(await post(t.app, RESEND, { challenge }, client), 400, 'CHALLENGE_NOT_FOUND')
  })

  it('should answer 400 VALIDATION_FAILED when the report request is malformed', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('shao-yutong'), client)
    for (const payload of [
      { challenge: issued.challenge },
      { code: issued.code },
      { ...issued, extra: true },
      { challenge: 'short', code: issued.code },
      { challenge: `${issued.challenge.slice(0, 30)}!`, code: issued.code },
    ])
      expectError(await post(t.app, REPORTS, payload, client), 400, 'VALIDATION_FAILED')
    // None of these counted as an attempt: the right code still works.
    await issueReport(t.app, issued, client)
  })
})

describe('personal report: limits', () => {
  let t: TestApp
  let now = steadyNow()
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms)
  }

  beforeAll(async () => {
    t = await buildTestApp({
      env: SMS_ENV,
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer 429 to further codes for one ID number within the hour, from any client, and serve it again an hour later', async () => {
    const ma = seedPerson('ma-jianping')
    for (let i = 0; i < LIMITS.subjectSendsPerHour; i++)
      await requestCode(t.app, ma, newClient())
    const sms = outbox(t.app).length
    const challenges = await countRows(t.app, 'otp_challenges')
    const res = await post(t.app, CHALLENGES, { name: ma.name, idNumber: ma.idNumber, consent: true }, newClient())
    expect(expectTooMany(res)).toBeLessThanOrEqual(3600)
    expect(outbox(t.app).length).toBe(sms)
    expect(await countRows(t.app, 'otp_challenges')).toBe(challenges)
    advance(HOUR + SECOND)
    await requestCode(t.app, ma, newClient())
  })

  it('should limit an ID number not on file in exactly the same way', async () => {
    const idNumber = unknownId()
    for (let i = 0; i < LIMITS.subjectSendsPerHour; i++)
      await requestUnknown(t.app, idNumber, newClient())
    expectTooMany(await post(t.app, CHALLENGES, { name: '王小明', idNumber, consent: true }, newClient()))
  })

  it('should count resent codes towards the hourly limit of the ID number', async () => {
    const client = newClient()
    const xu = seedPerson('xu-chenyang')
    const issued = await requestCode(t.app, xu, client)
    for (let i = 1; i < LIMITS.subjectSendsPerHour; i++) {
      advance(61 * SECOND)
      const res = await post(t.app, RESEND, { challenge: issued.challenge }, client)
      expect(res.statusCode, res.body).toBe(200)
    }
    advance(61 * SECOND)
    expectTooMany(await post(t.app, RESEND, { challenge: issued.challenge }, client))
    expectTooMany(await post(t.app, CHALLENGES, { name: xu.name, idNumber: xu.idNumber, consent: true }, newClient()))
  })

  it('should count each code when it is sent, so resends on an older challenge still count an hour after it was made', async () => {
    const client = newClient()
    const wu = seedPerson('wu-xiaoyan')
    const issued = await requestCode(t.app, wu, client)
    advance(30 * MINUTE)
    for (let i = 1; i < LIMITS.subjectSendsPerHour; i++) {
      const res = await post(t.app, RESEND, { challenge: issued.challenge }, client)
      expect(res.statusCode, res.body).toBe(200)
      advance(61 * SECOND)
    }
    // Past the hour of the first send: the resends made since are still within theirs.
    advance(27 * MINUTE)
    await requestCode(t.app, wu, newClient())
    expectTooMany(await post(t.app, CHALLENGES, { name: wu.name, idNumber: wu.idNumber, consent: true }, newClient()))
  })

  it('should not revive a challenge older than an hour with a resend', async () => {
    const client = newClient()
    const issued = await requestCode(t.app, seedPerson('jiang-wentao'), client)
    advance(HOUR + SECOND)
    const sent = outbox(t.app).length
    expectError(await post(t.app, RESEND, { challenge: issued.challenge }, client), 400, 'CHALLENGE_NOT_FOUND')
    expect(outbox(t.app).length).toBe(sent)
  })

  it('should answer 429 to new challenges from one client past its hourly limit, but not to other clients, and serve it again an hour later', async () => {
    const client = newClient()
    for (let i = 0; i < LIMITS.clientChallengesPerHour; i++)
      await requestUnknown(t.app, unknownId(), client)
    const challenges = await countRows(t.app, 'otp_challenges')
    expectTooMany(await post(t.app, CHALLENGES, {
      name: '王小明',
      idNumber: unknownId(),
      consent: true,
    }, client))
    // A person on file is refused too: the limit does not depend on who is asked for.
    expectTooMany(await post(t.app, CHALLENGES, { name: ZHAO.name, idNumber: ZHAO.idNumber, consent: true }, client))
    expect(await countRows(t.app, 'otp_challenges')).toBe(challenges)
    await requestUnknown(t.app, unknownId(), newClient())
    advance(HOUR + SECOND)
    await requestUnknown(t.app, unknownId(), client)
  })

  it('should answer 429 to any code from one client past its hourly number of wrong codes, even the right one', async () => {
    const client = newClient()
    let failures = 0
    while (failures < LIMITS.clientFailuresPerHour) {
      const challenge = await requestUnknown(t.app, unknownId(), client)
      for (let i = 0; i < LIMITS.maxAttempts && failures < LIMITS.clientFailuresPerHour; i++, failures++) {
        const res = await post(t.app, REPORTS, { challenge, code: '000000' }, client)
        expect(res.statusCode, res.body).toBe(400)
      }
    }
    const tang = seedPerson('tang-lijuan')
    const issued = await requestCode(t.app, tang, client)
    expect(expectTooMany(await post(t.app, REPORTS, issued, client))).toBeLessThanOrEqual(3600)
    // Another client is not affected.
    const otherClient = newClient()
    await issueReport(t.app, await requestCode(t.app, tang, otherClient), otherClient)
  })

  // Requests sent at once all arrive before any has been counted: each must still see the ones before it.
  it('should send no more codes for one ID number than its hourly limit when many ask at once', async () => {
    const cao = seedPerson('cao-yongkang')
    const sms = outbox(t.app).length
    const answers = await Promise.all(Array.from({ length: LIMITS.subjectSendsPerHour + 6 }, () =>
      post(t.app, CHALLENGES, { name: cao.name, idNumber: cao.idNumber, consent: true }, newClient())))
    expect(answers.filter(res => res.statusCode === 201)).toHaveLength(LIMITS.subjectSendsPerHour)
    for (const res of answers.filter(res => res.statusCode !== 201))
      expectTooMany(res)
    expect(outbox(t.app).length - sms).toBe(LIMITS.subjectSendsPerHour)
  })

  it('should give one client no more challenges than its hourly limit when it asks for many at once', async () => {
    const client = newClient()
    const challenges = await countRows(t.app, 'otp_challenges')
    const answers = await Promise.all(Array.from({ length: LIMITS.clientChallengesPerHour + 6 }, () =>
      post(t.app, CHALLENGES, {
        name: '王小明',
        idNumber: unknownId(),
        consent: true,
      }, client)))
    expect(answers.filter(res => res.statusCode === 201)).toHaveLength(LIMITS.clientChallengesPerHour)
    expect(await countRows(t.app, 'otp_challenges') - challenges).toBe(LIMITS.clientChallengesPerHour)
  })

  it('should check no more wrong codes from one client than its hourly limit when they come at once', async () => {
    const client = newClient()
    const challenges = await Promise.all(Array.from({ length: Math.ceil(LIMITS.clientFailuresPerHour / LIMITS.maxAttempts) + 2 }, () =>
      requestUnknown(t.app, unknownId(), client)))
    const answers = await Promise.all(challenges.flatMap(challenge => Array.from({ length: LIMITS.maxAttempts }, () =>
      post(t.app, REPORTS, { challenge, code: '000000' }, client))))
    expect(answers.filter(res => res.statusCode === 400)).toHaveLength(LIMITS.clientFailuresPerHour)
    for (const res of answers.filter(res => res.statusCode !== 400))
      expectTooMany(res)
  })
})

describe('personal report: the report', () => {
  let t: TestApp
  let report: PersonalReport
  let first: Issued
  const client = newClient()
  const verificationCodes: string[] = []
  let redDistrict: number
  let redOwnStreet: number
  let redOtherStreet: number
  let cleanYear: number

  /** A published measure for persons, written straight into the database (the seed has none with these rules). */
  async function insertPersonalBenefit(key: string, streetKey: string | null, rules: EligibilityRule[]): Promise<number> {
    const street = streetKey === null
      ? null
      : await t.app.db.selectFrom('streets').select('id').where('key', '=', streetKey).executeTakeFirstOrThrow()
    const at = steadyNow().toISOString()
    const result = await t.app.db.insertInto('benefits').values({
      key,
      title: `测试措施 ${key}`,
      summary: '测试用的措施。',
      category: 'life',
      audience: 'personal',
      provider: '测试提供方',
      street_id: street?.id ?? null,
      offer: '测试优惠',
      eligibility: '测试条件',
      rules: JSON.stringify(rules),
      valid_from: '2020-01-01',
      valid_to: null,
      tags: '[]',
      status: 'published',
      created_at: at,
      updated_at: at,
    }).returning('id').executeTakeFirstOrThrow()
    return result.id
  }

  /** A report for a seeded person; its list status must always follow from its records. */
  async function newReport(person: SeedPerson): Promise<PersonalReport> {
    const issued = await requestCode(t.app, person, client)
    const issuedReport = await issueReport(t.app, issued, client)
    verificationCodes.push(issuedReport.verificationCode)
    expect(issuedReport.subject.name).toBe(person.name)
    expect(issuedReport.listStatus).toEqual({
      onRedList: issuedReport.records.redList.length > 0,
      onDishonestyList: issuedReport.records.dishonestyList.length > 0,
      seriousDishonesty: issuedReport.records.dishonestyList.some(e => e.severity === 'serious'),
    })
    return issuedReport
  }

  async function storedRecords(person: SeedPerson, kind: SeedRecord['kind']): Promise<number> {
    const row = await t.app.db.selectFrom('credit_records')
      .innerJoin('persons', 'persons.id', 'credit_records.person_id')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('persons.key', '=', person.key)
      .where('credit_records.kind', '=', kind)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async function benefitDetail(id: number): Promise<Benefit> {
    return getOk<Benefit>(t.app, `/api/benefits/${id}`)
  }

  beforeAll(async () => {
    t = await buildTestApp({ env: SMS_ENV })
    const redList = (scope: 'district' | 'street'): EligibilityRule[] => [
      { kind: 'subject', subject: 'person' },
      { kind: 'onRedList' },
      { kind: 'registeredIn', scope },
    ]
    const otherStreet = ZHAO.street === 'xinhua-road'
      ? 'hongqiao'
      : 'xinhua-road'
    redDistrict = await insertPersonalBenefit('test-red-district', null, redList('district'))
    redOwnStreet = await insertPersonalBenefit('test-red-own-street', ZHAO.street, redList('street'))
    redOtherStreet = await insertPersonalBenefit('test-red-other-street', otherStreet, redList('street'))
    cleanYear = await insertPersonalBenefit('test-clean-year', null, [
      { kind: 'subject', subject: 'person' },
      { kind: 'noPenaltyWithin', months: 12 },
    ])
    first = await requestCode(t.app, ZHAO, client)
    report = await issueReport(t.app, first, client)
    verificationCodes.push(report.verificationCode)
  })
  afterAll(async () => {
    await t.close()
  })

  it('should number the report, date it today and make it valid for 30 days when the right code is entered', () => {
    expect(report.number).toMatch(/^CN-\d{8}-[A-Z0-9]{8}$/)
    expect(report.number.slice(3, 11)).toBe(shanghaiDate().replaceAll('-', ''))
    expect(report.validUntil).toBe(shanghaiDate(30))
    expect(report.verificationCode).toMatch(/^[A-Z0-9]{8}$/)
    expect(Math.abs(Date.parse(report.issuedAt) - steadyNow().getTime())).toBeLessThan(MINUTE)
  })

  it('should name the person as on file and mask the ID and phone numbers when the report is issued', async () => {
    const street = await getOk<Street>(t.app, `/api/streets/${ZHAO.street}`)
    expect(report.subject.name).toBe(ZHAO.name)
    expect(report.subject.street).toBe(street.name)
    const { idMasked } = report.subject
    expect(idMasked).toHaveLength(ZHAO.idNumber.length)
    expect(idMasked.slice(0, 4)).toBe(ZHAO.idNumber.slice(0, 4))
    expect(idMasked.slice(-4)).toBe(ZHAO.idNumber.slice(-4))
    expect(idMasked.slice(4, -4)).toMatch(/^\*+$/)
    expect(report.subject.phoneMasked).toBe('138****2156')
    expect(ZHAO.phone).toBe('13800002156')
  })

  it('should reveal neither the full ID number, the birth date nor the phone number anywhere in the report', async () => {
    const res = await post(t.app, REPORTS, await requestCode(t.app, ZHAO, client), client)
    expect(res.statusCode).toBe(201)
    verificationCodes.push(res.json<PersonalReport>().verificationCode)
    expect(res.body).not.toContain(ZHAO.idNumber)
    expect(res.body).not.toContain(ZHAO.idNumber.slice(6, 14))
    expect(res.body).not.toContain(ZHAO.phone)
  })

  it('should count all eight categories in order, matching the seeded records, when the report is issued', () => {
    const { records } = report
    expect(records.counts.map(c => c.category)).toEqual([...RECORD_CATEGORIES])
    const returned: { category: RecordCategory }[] = [
      ...records.licences,
      ...records.penalties,
      ...records.redList,
      ...records.dishonestyList,
      ...records.commitments,
      ...records.facts,
    ]
    const seeded = currentSeedRecords(ZHAO.records, shanghaiDate())
    for (const { category, count } of records.counts) {
      expect(count, category).toBe(returned.filter(r => r.category === category).length)
      expect(count, category).toBe(seeded.filter(r => r.category === category).length)
    }
    expect(records.redList.map(r => r.name)).toEqual(seeded.flatMap(r => r.kind === 'redList'
      ? [r.title]
      : []))
    expect(records.commitments).toHaveLength(seeded.filter(r => r.kind === 'commitment').length)
  })

  it('should derive the list status from the records when the person is on a red list only', () => {
    expect(report.records.redList.length).toBeGreaterThan(0)
    expect(report.records.dishonestyList).toEqual([])
    expect(report.listStatus).toEqual({
      onRedList: true,
      onDishonestyList: false,
      seriousDishonesty: false,
    })
  })

  it('should offer only published measures addressed to persons when the report lists eligible benefits', async () => {
    expect(report.benefits.length).toBeGreaterThan(0)
    expect(new Set(report.benefits.map(b => b.id)).size).toBe(report.benefits.length)
    for (const b of report.benefits) {
      const detail = await benefitDetail(b.id)
      expect(['personal', 'both'], detail.title).toContain(detail.audience)
      expect({ title: detail.title, category: detail.category, provider: detail.provider }).toEqual({ title: b.title, category: b.category, provider: b.provider })
      // A measure limited to residents of its own street is offered only in her street.
      if (detail.rules.some(r => r.kind === 'registeredIn' && r.scope === 'street'))
        expect(detail.street === null || detail.street.key === ZHAO.street, detail.title).toBe(true)
    }
  })

  it('should offer red-list measures of her street and the district, but not another street\'s, when she is on a red list', async () => {
    const ids = report.benefits.map(b => b.id)
    expect(ids).toContain(redDistrict)
    expect(ids).toContain(redOwnStreet)
    expect(ids).not.toContain(redOtherStreet)
    // Every published measure for persons that asks for a red-list entry, in her street or district-wide, and whose
    // other conditions a clean 42-year-old resident with commitments obviously meets, is offered to her.
    const age = yearsBetween(`${ZHAO.idNumber.slice(6, 10)}-${ZHAO.idNumber.slice(10, 12)}-${ZHAO.idNumber.slice(12, 14)}`, shanghaiDate())
    const met = (rule: EligibilityRule): boolean => rule.kind === 'minAge'
      ? rule.years <= age
      : rule.kind === 'subject'
        ? rule.subject === 'person'
        : true
    const summaries = await listAllPages<BenefitSummary>(t.app, '/api/benefits?audience=personal')
    const candidates: number[] = []
    for (const s of summaries) {
      const detail = await benefitDetail(s.id)
      if (detail.rules.some(r => r.kind === 'onRedList') && (detail.street === null || detail.street.key === ZHAO.street) && detail.rules.every(met))
        candidates.push(s.id)
    }
    expect(candidates).toContain(redDistrict)
    for (const id of candidates)
      expect(ids).toContain(id)
  })

  it('should offer no measure that excludes dishonesty when the person is on a serious dishonesty list', async () => {
    const listed = persons.find(p => p.records.some(r => r.kind === 'dishonestyList' && r.severity === 'serious' && (r.untilDays === null || r.untilDays >= 0)))
    expect(listed).toBeDefined()
    if (!listed)
      return
    const theirs = await newReport(listed)
    expect(theirs.subject.name).toBe(listed.name)
    expect(theirs.listStatus).toEqual({ onRedList: false, onDishonestyList: true, seriousDishonesty: true })
    for (const b of theirs.benefits) {
      const kinds = (await benefitDetail(b.id)).rules.map(r => r.kind)
      expect(kinds, b.title).not.toContain('noSeriousDishonesty')
      expect(kinds, b.title).not.toContain('noDishonestyList')
      if (theirs.records.dishonestyList.some(e => e.category === 'enforcement'))
        expect(kinds, b.title).not.toContain('noEnforcement')
    }
    // Not vacuous: such measures are published, and the clean resident gets some of them.
    const excluding: number[] = []
    for (const b of report.benefits) {
      if ((await benefitDetail(b.id)).rules.some(r => r.kind === 'noSeriousDishonesty'))
        excluding.push(b.id)
    }
    expect(excluding.length).toBeGreaterThan(0)
  })

  it('should leave out a penalty past its public-until date that the database still holds when the person has only such a penalty', async () => {
    const today = shanghaiDate()
    const expiredOnly = persons.find(p => p.records.length > 0 && p.records.every(r => r.kind === 'penalty' && publicUntil(addDays(today, -r.daysAgo), r.severity) < today))
    expect(expiredOnly).toBeDefined()
    if (!expiredOnly)
      return
    const theirs = await newReport(expiredOnly)
    expect(theirs.records.penalties).toEqual([])
    expect(theirs.records.counts.every(c => c.count === 0)).toBe(true)
    expect(await storedRecords(expiredOnly, 'penalty')).toBe(expiredOnly.records.length)
  })

  it('should show no dishonesty when the person\'s only dishonesty-list entry has ended', async () => {
    const removed = persons.find(p => p.records.some(r => r.kind === 'dishonestyList')
      && p.records.every(r => r.kind !== 'dishonestyList' || (r.untilDays !== null && r.untilDays < 0)))
    expect(removed).toBeDefined()
    if (!removed)
      return
    const theirs = await newReport(removed)
    expect(theirs.records.dishonestyList).toEqual([])
    expect(theirs.listStatus.onDishonestyList).toBe(false)
    expect(theirs.listStatus.seriousDishonesty).toBe(false)
    expect(await storedRecords(removed, 'dishonestyList')).toBeGreaterThan(0)
  })

  it('should offer no measure that asks for a clean recent record when the person has a current penalty', async () => {
    const today = shanghaiDate()
    const penalised = persons.find(p => p.records.some(r => r.kind === 'penalty' && publicUntil(addDays(today, -r.daysAgo), r.severity) >= today))
    expect(penalised).toBeDefined()
    if (!penalised)
      return
    const theirs = await newReport(penalised)
    expect(theirs.records.penalties.length).toBeGreaterThan(0)
    const latest = theirs.records.penalties.map(p => p.decidedOn).sort().at(-1) ?? ''
    const excluding: Benefit[] = []
    for (const s of await listAllPages<BenefitSummary>(t.app, '/api/benefits?audience=personal')) {
      const detail = await benefitDetail(s.id)
      if (detail.rules.some(r => r.kind === 'noPenaltyWithin' && latest > addMonths(today, -r.months)))
        excluding.push(detail)
    }
    expect(excluding.map(b => b.id)).toContain(cleanYear)
    expect(report.benefits.map(b => b.id)).toContain(cleanYear)
    const offered = theirs.benefits.map(b => b.id)
    for (const b of excluding)
      expect(offered, b.title).not.toContain(b.id)
  })

  it('should list each report in the history, newest first, and add one per new report', async () => {
    expect(report.history[report.history.length - 1]).toEqual({ at: report.issuedAt, channel: 'app', kioskId: null })
    const before = (await newReport(ZHAO)).history
    const next = await newReport(ZHAO)
    expect(next.history).toHaveLength(before.length + 1)
    expect(next.history[0]).toEqual({ at: next.issuedAt, channel: 'app', kioskId: null })
    expect(next.history.slice(1)).toEqual(before)
    expect(next.history.map(h => h.at)).toContain(report.issuedAt)
    const stamps = next.history.map(h => h.at)
    expect(stamps).toEqual([...stamps].sort().reverse())
  })

  it('should answer 400 CHALLENGE_NOT_FOUND when a used challenge is presented again', async () => {
    const reports = await countRows(t.app, 'credit_reports')
    expectError(await post(t.app, REPORTS, first, client), 400, 'CHALLENGE_NOT_FOUND')
    expectError(await post(t.app, RESEND, { challenge: first.challenge }, client), 400, 'CHALLENGE_NOT_FOUND')
    expect(await countRows(t.app, 'credit_reports')).toBe(reports)
  })

  it('should store neither an ID number, a code nor a verification code when reports have been issued', async () => {
    // Some failures and an unknown subject too, so every table has rows of every kind.
    const issued = await requestCode(t.app, seedPerson('jiang-wentao'), client)
    await post(t.app, REPORTS, {
      challenge: issued.challenge,
      code: wrongCode(issued.code),
    }, client)
    verificationCodes.push((await issueReport(t.app, issued, client)).verificationCode)
    await requestUnknown(t.app, unknownId(), client)

    const codes = outbox(t.app).map(m => m.params.code)
    expect(codes.length).toBeGreaterThan(3)
    expect(verificationCodes.length).toBeGreaterThan(3)
    for (const table of [
      'persons',
      'otp_challenges',
      'credit_reports',
      'audit_log',
    ] as const) {
      const rows = await t.app.db.selectFrom(table).selectAll().execute()
      expect(rows.length, table).toBeGreaterThan(0)
      const text = JSON.stringify(rows)
      for (const p of persons) {
        expect(text, `${table}: ID number of ${p.key}`).not.toContain(p.idNumber)
        expect(text, `${table}: ID number of ${p.key}`).not.toContain(p.idNumber.slice(0, 17))
      }
      for (const code of codes)
        expect(text, `${table}: code ${code}`).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`))
      for (const code of verificationCodes)
        expect(text, `${table}: verification code`).not.toContain(code)
      if (table !== 'persons')
        expect(text, `${table}: phone`).not.toContain(ZHAO.phone)
    }
  })
})

describe('personal report: audit log', () => {
  let t: TestApp
  let now = steadyNow()

  beforeAll(async () => {
    t = await buildTestApp({
      env: SMS_ENV,
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should record every step with the channel, the client and the subject when residents go through the flows', async () => {
    const client = newClient()
    const other = newClient()
    // Locked after wrong codes, an unknown subject, an expired code, then a report.
    const locked = await requestCode(t.app, ZHAO, client)
    await enterWrongCodes(t.app, locked.challenge, client, locked.code)
    await requestUnknown(t.app, unknownId(), client)
    const expiring = await requestCode(t.app, ZHAO, client)
    now = new Date(now.getTime() + 301 * SECOND)
    expectError(await post(t.app, REPORTS, expiring, client), 400, 'CODE_EXPIRED')
    const report = await issueReport(t.app, await requestCode(t.app, ZHAO, client), client)
    await requestUnknown(t.app, unknownId(), other)

    const zhao = await t.app.db.selectFrom('persons').select('id').where('key', '=', ZHAO.key).executeTakeFirstOrThrow()
    const rows = await t.app.db.selectFrom('audit_log').selectAll().orderBy('id').execute()
    const events = rows.map(r => r.event)
    for (const event of [
      'code_sent',
      'subject_unknown',
      'code_failed',
      'code_locked',
      'code_expired',
      'report_issued',
    ] as const)
      expect(events, event).toContain(event)
    expect(events.filter(e => e === 'code_sent')).toHaveLength(3)
    expect(events.filter(e => e === 'code_failed')).toHaveLength(LIMITS.maxAttempts - 1)
    expect(events.filter(e => e === 'code_locked')).toHaveLength(1)

    for (const row of rows) {
      expect(row.channel, row.event).toBe('app')
      expect(row.kiosk_id, row.event).toBeNull()
      expect(row.client_key, row.event).toMatch(/^[0-9a-f]{32,}$/)
      expect(row.client_key, row.event).not.toContain(client)
      expect(Date.parse(row.at), row.event).not.toBeNaN()
      if (row.event === 'subject_unknown')
        expect(row.person_id, row.event).toBeNull()
      else
        expect(row.person_id, row.event).toBe(zhao.id)
    }
    // One key per client: the rows of the first client share theirs, the other client has its own.
    const keys = new Set(rows.map(r => r.client_key))
    expect(keys.size).toBe(2)
    expect(rows.at(-1)?.client_key).not.toBe(rows[0]?.client_key)
    expect(rows.find(r => r.event === 'report_issued')?.detail).toBe(report.number)
    const unknownHashes = rows.filter(r => r.event === 'subject_unknown').map(r => r.subject_hash)
    const knownHashes = new Set(rows.filter(r => r.event !== 'subject_unknown').map(r => r.subject_hash))
    expect(knownHashes.size).toBe(1)
    for (const hash of unknownHashes) {
      expect(hash).toMatch(/^[0-9a-f]{32,}$/)
      expect(knownHashes.has(hash)).toBe(false)
    }
  })
})

describe('personal report: authenticity check', () => {
  let t: TestApp
  const issuedAt = steadyNow()
  let now = issuedAt
  let report: PersonalReport

  const verify = async (number: string, code: string, client: string = newClient()): Promise<LightMyRequestResponse> =>
    post(t.app, VERIFY, { number, code }, client)

  beforeAll(async () => {
    t = await buildTestApp({
      env: SMS_ENV,
      clock: () => now,
    })
    const client = newClient()
    report = await issueReport(t.app, await requestCode(t.app, ZHAO, client), client)
  })
  afterEach(() => {
    now = issuedAt
  })
  afterAll(async () => {
    await t.close()
  })

  it('should confirm a genuine report with its dates and a masked name when the number and code match', async () => {
    const res = await verify(report.number, report.verificationCode)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<VerifyResult>()
    expect(body).toEqual({
      status: 'genuine',
      kind: 'personal',
      number: report.number,
      issuedOn: shanghaiDate(0, issuedAt),
      validUntil: report.validUntil,
      nameMasked: expect.any(String),
    })
    if (!('nameMasked' in body))
      return
    const name = [...ZHAO.name]
    expect([...body.nameMasked]).toHaveLength(name.length)
    expect(body.nameMasked.startsWith(name[0] ?? '')).toBe(true)
    expect(body.nameMasked.slice(name[0]?.length)).toMatch(/^\*+$/)
    expect(res.body).not.toContain(ZHAO.name)
  })

  it('should accept the code in lower case and with spaces, and the number in lower case, when checking', async () => {
    const code = report.verificationCode.toLowerCase()
    for (const [number, typed] of [
      [report.number, `${code.slice(0, 4)} ${code.slice(4)}`],
      [report.number, ` ${code} `],
      [` ${report.number.toLowerCase()} `, report.verificationCode],
    ] as const) {
      const res = await verify(number, typed)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<VerifyResult>().status, `${number} ${typed}`).toBe('genuine')
    }
  })

  it('should answer notFound and nothing else when the code is wrong', async () => {
    const last = report.verificationCode.at(-1)
    const wrong = `${report.verificationCode.slice(0, 7)}${last === 'A'
      ? 'C'
      : 'A'}`
    const res = await verify(report.number, wrong)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'notFound' })
  })

  it('should not keep an ID number typed into the report-number box', async () => {
    const res = await verify(ZHAO.idNumber, 'ACDEFGHJ')
    expect(res.json()).toEqual({ status: 'notFound' })
    const rows = await t.app.db.selectFrom('audit_log').selectAll().where('event', '=', 'report_verify_failed').execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain(ZHAO.idNumber)
  })

  it('should answer notFound and nothing else when the number is unknown', async () => {
    const number = `CN-${shanghaiDate(0, issuedAt).replaceAll('-', '')}-${report.number.endsWith('3333')
      ? '44444444'
      : '33333333'}`
    for (const [n, code] of [
      [number, report.verificationCode],
      ['CN-19990101-ACDEFGHJ', 'ACDEFGHJ'],
      ['x', 'y'],
    ] as const) {
      const res = await verify(n, code)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ status: 'notFound' })
    }
  })

  it('should still confirm the report on its last valid day and call it expired the day after', async () => {
    now = new Date(issuedAt.getTime() + 30 * DAY)
    expect(shanghaiDate(0, now)).toBe(report.validUntil)
    expect((await verify(report.number, report.verificationCode)).json<VerifyResult>().status).toBe('genuine')
    now = new Date(issuedAt.getTime() + 31 * DAY)
    const res = await verify(report.number, report.verificationCode)
    expect(res.statusCode).toBe(200)
    expect(res.json<VerifyResult>()).toEqual({
      status: 'expired',
      kind: 'personal',
      number: report.number,
      issuedOn: shanghaiDate(0, issuedAt),
      validUntil: report.validUntil,
      nameMasked: expect.stringMatching(/^\S\*+$/u),
    })
  })

  it('should answer 429 to one client past its checks per 10 minutes, but not to others, and serve it again later', async () => {
    const client = newClient()
    for (let i = 0; i < LIMITS.clientVerificationsPer10Min; i++) {
      const res = i % 2 === 0
        ? await verify(report.number, report.verificationCode, client)
        : await verify(report.number, 'WRONG123', client)
      expect(res.statusCode, `check ${i + 1}`).toBe(200)
    }
    expect(expectTooMany(await verify(report.number, report.verificationCode, client))).toBeLessThanOrEqual(600)
    expect((await verify(report.number, report.verificationCode)).statusCode).toBe(200)
    now = new Date(now.getTime() + 10 * MINUTE + SECOND)
    expect((await verify(report.number, report.verificationCode, client)).statusCode).toBe(200)
  })

  it('should check no more numbers for one client than its limit when they come at once', async () => {
    const client = newClient()
    const answers = await Promise.all(Array.from({ length: LIMITS.clientVerificationsPer10Min + 6 }, () =>
      verify(report.number, 'WRONG123', client)))
    expect(answers.filter(res => res.statusCode === 200)).toHaveLength(LIMITS.clientVerificationsPer10Min)
    for (const res of answers.filter(res => res.statusCode !== 200))
      expectTooMany(res)
  })
})

describe('personal report: test mode', () => {
  it('should have no GET /api/test/sms and keep no outbox when the app runs without the test SMS adapter', async () => {
    const t = await buildTestApp()
    try {
      expect('outbox' in t.app.sms).toBe(false)
      const res = await t.app.inject({ method: 'GET', url: '/api/test/sms' })
      expectError(res, 404, 'ROUTE_NOT_FOUND')
    }
    finally {
      await t.close()
    }
  })

  it.each(['production', 'development'])('should throw ConfigError when SMS_ADAPTER=test is configured with NODE_ENV=%s', (env) => {
    expect(() => loadConfig({ NODE_ENV: env, SMS_ADAPTER: 'test', DATABASE_PATH: ':memory:' }, { secret: TEST_SECRET })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: env, SMS_ADAPTER: 'test', DATABASE_PATH: ':memory:' }, { secret: TEST_SECRET })).toThrow(/SMS_ADAPTER/)
  })

  it('should use the test SMS adapter when NODE_ENV=test asks for it', () => {
    expect(loadConfig({ NODE_ENV: 'test', SMS_ADAPTER: 'test', DATABASE_PATH: ':memory:' }, { secret: TEST_SECRET }).smsAdapter).toBe('test')
  })
})
