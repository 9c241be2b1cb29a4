// Self-service kiosks (自助终端): the device token and the session it opens, the exit code that leaves kiosk mode,
// the personal report asked for at a kiosk (no name, masked on screen), limits counted per kiosk rather than per
// address, and the command line that registers a kiosk. Every kiosk answer must forbid caching.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Challenge, KioskSession, PersonalReport } from '#schemas/credit'
import type { SeedPerson } from '../../server/seed/data/types'
import type { SmsMessage } from '../../server/sms/index'
import type { TestApp } from './helpers'
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idCheckChar } from '#common/codes/idcard'
import { ConfigError, loadConfig } from '../../server/config'
import { EXIT_LIMIT } from '../../server/routes/kiosk'
import { DEMO_KIOSKS } from '../../server/seed/data/kiosks'
import { loadSeedData } from '../../server/seed/data/load'
import { LIMITS } from '../../server/services/personal-report'
import { createDatabase, databaseEnv } from './engine'
import { buildTestApp, expectError, makeTempDir, steadyNow, TEST_SECRET } from './helpers'

const { persons } = loadSeedData()

const SESSION = '/api/kiosk/session'
const EXIT = '/api/kiosk/exit'
const CHALLENGES = '/api/personal/challenges'
const REPORTS = '/api/personal/reports'
const SMS_ENV = { SMS_ADAPTER: 'test' }
const ROOT_DIR = resolve(import.meta.dirname, '../..')

const SECOND = 1000
const MINUTE = 60 * SECOND

const DEMO = DEMO_KIOSKS[0] ?? { label: '', token: 'demo-kiosk-changning-hall-01', exitCode: '13579024' }
/** The demo kiosk is the first (and only) kiosk in a freshly seeded database. */
const DEMO_ID = 1

function seedPerson(key: string): SeedPerson {
  const person = persons.find(p => p.key === key)
  if (!person)
    throw new Error(`no seeded person ${key}`)
  return person
}

let clientCounter = 0
/** A fresh client address, so that limits counted per address never get in the way. */
function newClient(): string {
  clientCounter++
  return `10.40.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`
}

let idCounter = 0
/** A valid ID number that is not on file (no seeded person was born on 1991-02-03). */
function unknownId(): string {
  idCounter++
  const first17 = `31010519910203${String(idCounter).padStart(3, '0')}`
  const check = idCheckChar(first17)
  if (check === null)
    throw new Error(`no check character for ${first17}`)
  return `${first17}${check}`
}

function outbox(app: FastifyInstance): SmsMessage[] {
  const sms = app.sms
  if (!('outbox' in sms))
    throw new Error('the app was not built with SMS_ADAPTER=test')
  return sms.outbox
}

interface Send {
  /** Sent as X-Kiosk-Token when given (an empty string sends an empty header). */
  token?: string
  payload?: object
  client?: string
}

/** One request, from a kiosk when a token is given; every answer, error or not, must forbid caching. */
async function send(app: FastifyInstance, method: 'GET' | 'POST', url: string, { token, payload, client }: Send = {}): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method,
    url,
    headers: token === undefined
      ? {}
      : { 'x-kiosk-token': token },
    remoteAddress: client ?? newClient(),
    ...(payload === undefined
      ? {}
      : { payload }),
  })
  expect(res.headers['cache-control'], `${method} ${url} → ${res.statusCode}`).toBe('no-store')
  return res
}

async function session(app: FastifyInstance, token?: string): Promise<LightMyRequestResponse> {
  return send(app, 'GET', SESSION, { token })
}

async function leave(app: FastifyInstance, token: string | undefined, exitCode: string): Promise<LightMyRequestResponse> {
  return send(app, 'POST', EXIT, {
    token,
    payload: { exitCode },
  })
}

/** A 429 with the wait in both the retry-after header and the body. */
function expectTooMany(res: LightMyRequestResponse): number {
  const error = expectError(res, 429, 'TOO_MANY_REQUESTS')
  expect(error.retryAfterSeconds).toBeGreaterThan(0)
  expect(res.headers['retry-after']).toBe(String(error.retryAfterSeconds))
  return error.retryAfterSeconds ?? 0
}

function expectLeft(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(204)
  expect(res.body).toBe('')
}

async function countRows(app: FastifyInstance, table: 'otp_challenges' | 'audit_log' | 'credit_reports'): Promise<number> {
  const row = await app.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function stored(app: FastifyInstance): Promise<{ challenges: number, reports: number, audit: number, sms: number }> {
  return {
    challenges: await countRows(app, 'otp_challenges'),
    reports: await countRows(app, 'credit_reports'),
    audit: await countRows(app, 'audit_log'),
    sms: outbox(app).length,
  }
}

/** The same exit code with its last digit one higher: always wrong. */
function lastDigitChanged(code: string): string {
  return `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`
}

/** The person's name as a kiosk shows it: the first character, then one asterisk per further character. */
function masked(name: string): string {
  const chars = [...name]
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`
}

describe('kiosk: the session', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp({ env: SMS_ENV })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer 200 with the demo kiosk and the default timings when the demo token is sent', async () => {
    const res = await session(t.app, DEMO.token)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json<KioskSession>()).toEqual({
      id: DEMO_ID,
      label: DEMO.label,
      idleSeconds: 120,
      personalIdleSeconds: 60,
      countdownSeconds: 20,
    })
    expect(DEMO.label.length).toBeGreaterThan(0)
  })

  it.each([
    ['an unknown token', 'no-such-kiosk-token'],
    ['an empty header', ''],
    [
      'a 500-character token',
      'k'.repeat(500),
    ],
    [
      'the demo token in upper case',
      DEMO.token.toUpperCase(),
    ],
    ['the demo token with a trailing character', `${DEMO.token}x`],
  ])('should answer 401 KIOSK_UNKNOWN when the session is asked for with %s', async (_what, token) => {
    expectError(await session(t.app, token), 401, 'KIOSK_UNKNOWN')
  })

  it('should answer 401 KIOSK_UNKNOWN when the session is asked for without a kiosk token', async () => {
    expectError(await session(t.app), 401, 'KIOSK_UNKNOWN')
  })

  it('should open a session for a newly registered kiosk when its returned token is sent', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 新登记机')
    expect(kiosk.id).not.toBe(DEMO_ID)
    expect(kiosk.exitCode).toMatch(/^\d{8}$/)
    const res = await session(t.app, kiosk.token)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<KioskSession>()).toEqual({
      id: kiosk.id,
      label: '测试 新登记机',
      idleSeconds: 120,
      personalIdleSeconds: 60,
      countdownSeconds: 20,
    })
  })

  it('should answer 401 KIOSK_UNKNOWN to every kiosk request when the kiosk has been disabled', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 停用机')
    expect((await session(t.app, kiosk.token)).statusCode).toBe(200)
    expect(await t.app.repos.kiosks.disable(kiosk.id)).toBe(true)
    expect(await t.app.repos.kiosks.disable(kiosk.id)).toBe(false)
    const before = await stored(t.app)
    expectError(await session(t.app, kiosk.token), 401, 'KIOSK_UNKNOWN')
    expectError(await leave(t.app, kiosk.token, kiosk.exitCode), 401, 'KIOSK_UNKNOWN')
    const zhou = seedPerson('zhou-xiuying')
    expectError(await send(t.app, 'POST', CHALLENGES, {
      token: kiosk.token,
      payload: { idNumber: zhou.idNumber, consent: true },
    }), 401, 'KIOSK_UNKNOWN')
    expect(await stored(t.app)).toEqual(before)
    // The other kiosks keep working.
    expect((await session(t.app, DEMO.token)).statusCode).toBe(200)
  })

  it('should store neither a device token nor an exit code in plain text when kiosks are registered', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 明文检查机')
    const rows = await t.app.db.selectFrom('kiosks').selectAll().orderBy('id').execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    const row = rows.find(r => r.id === kiosk.id)
    expect(row?.label).toBe('测试 明文检查机')
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row?.exit_code_hash).toMatch(/^[0-9a-f]{64}$/)
    const text = JSON.stringify(rows)
    for (const [token, exitCode] of [
      [kiosk.token, kiosk.exitCode],
      [DEMO.token, DEMO.exitCode],
    ] as const) {
      expect(text).not.toContain(token)
      expect(text).not.toMatch(new RegExp(`(?<![0-9a-f])${exitCode}(?![0-9a-f])`))
    }
    // The same exit code on two kiosks is not the same hash: it is keyed to the kiosk.
    const twin = await t.app.repos.kiosks.create('测试 同码机', { exitCode: kiosk.exitCode })
    const twinRow = await t.app.db.selectFrom('kiosks').select('exit_code_hash').where('id', '=', twin.id).executeTakeFirstOrThrow()
    expect(twinRow.exit_code_hash).not.toBe(row?.exit_code_hash)
  })
})

describe('kiosk: timings from the environment', () => {
  it('should report the configured timings in the session when KIOSK_* variables are set', async () => {
    const t = await buildTestApp({
      env: {
        KIOSK_IDLE_SECONDS: '300',
        KIOSK_PERSONAL_IDLE_SECONDS: '45',
        KIOSK_COUNTDOWN_SECONDS: '30',
      },
    })
    try {
      const res = await session(t.app, DEMO.token)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<KioskSession>()).toEqual({
        id: DEMO_ID,
        label: DEMO.label,
        idleSeconds: 300,
        personalIdleSeconds: 45,
        countdownSeconds: 30,
      })
    }
    finally {
      await t.close()
    }
  })

  it.each([
    ['KIOSK_COUNTDOWN_SECONDS', '19'],
    ['KIOSK_COUNTDOWN_SECONDS', '0'],
    ['KIOSK_IDLE_SECONDS', '14'],
    ['KIOSK_PERSONAL_IDLE_SECONDS', '9'],
  ])('should throw ConfigError naming the variable when %s is %s, below its minimum', (name, value) => {
    const load = () => loadConfig({ DATABASE_PATH: ':memory:', [name]: value }, { secret: TEST_SECRET })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(new RegExp(name))
  })

  it('should accept the minimums when the variables are set exactly to them', () => {
    const config = loadConfig({
      DATABASE_PATH: ':memory:',
      KIOSK_IDLE_SECONDS: '15',
      KIOSK_PERSONAL_IDLE_SECONDS: '10',
      KIOSK_COUNTDOWN_SECONDS: '20',
    }, { secret: TEST_SECRET })
    expect(config.kiosk).toEqual({ idleSeconds: 15, personalIdleSeconds: 10, countdownSeconds: 20 })
  })
})

describe('kiosk: leaving kiosk mode', () => {
  let t: TestApp
  let now = steadyNow()

  beforeAll(async () => {
    t = await buildTestApp({
      clock: () => now,
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it('should answer 204 with an empty body when the right exit code is entered', async () => {
    expectLeft(await leave(t.app, DEMO.token, DEMO.exitCode))
  })

  it('should answer 204 when the right exit code is entered with spaces around it', async () => {
    expectLeft(await leave(t.app, DEMO.token, ` ${DEMO.exitCode} `))
  })

  it.each([
    [
      'its last digit changed',
      (code: string) => lastDigitChanged(code),
    ],
    [
      'its first seven digits',
      (code: string) => code.slice(0, 7),
    ],
    [
      'an extra digit',
      (code: string) => `${code}0`,
    ],
    [
      'letters',
      () => 'abcdefgh',
    ],
  ])('should answer 400 EXIT_CODE_INCORRECT when the exit code is entered with %s', async (_what, wrong) => {
    const kiosk = await t.app.repos.kiosks.create('测试 错码机')
    expectError(await leave(t.app, kiosk.token, wrong(kiosk.exitCode)), 400, 'EXIT_CODE_INCORRECT')
  })

  it('should answer 400 VALIDATION_FAILED when the exit request has no exit code', async () => {
    const res = await send(t.app, 'POST', EXIT, { token: DEMO.token, payload: {} })
    expectError(res, 400, 'VALIDATION_FAILED')
  })

  it('should answer 401 KIOSK_UNKNOWN and record nothing when the exit code is sent without a kiosk token', async () => {
    const audit = await countRows(t.app, 'audit_log')
    expectError(await leave(t.app, undefined, DEMO.exitCode), 401, 'KIOSK_UNKNOWN')
    expectError(await leave(t.app, 'no-such-kiosk-token', DEMO.exitCode), 401, 'KIOSK_UNKNOWN')
    expect(await countRows(t.app, 'audit_log')).toBe(audit)
  })

  it('should answer 400 EXIT_CODE_INCORRECT when one kiosk is sent another kiosk\'s exit code', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 串码机')
    expectError(await leave(t.app, kiosk.token, DEMO.exitCode), 400, 'EXIT_CODE_INCORRECT')
    expectError(await leave(t.app, DEMO.token, kiosk.exitCode), 400, 'EXIT_CODE_INCORRECT')
    // Even when two kiosks were given the same exit code on purpose, each opens with it only for itself.
    const twin = await t.app.repos.kiosks.create('测试 同码机', { exitCode: kiosk.exitCode })
    expectLeft(await leave(t.app, twin.token, kiosk.exitCode))
    expectLeft(await leave(t.app, kiosk.token, kiosk.exitCode))
  })

  it('should answer 429 with retry-after to any exit code, even the right one, when too many wrong ones were entered within the window', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 限次机')
    const wrong = kiosk.exitCode === '00000000'
      ? '11111111'
      : '00000000'
    for (let i = 0; i < EXIT_LIMIT.attempts; i++)
      expectError(await leave(t.app, kiosk.token, wrong), 400, 'EXIT_CODE_INCORRECT')
    const failed = await countRows(t.app, 'audit_log')
    const wait = expectTooMany(await leave(t.app, kiosk.token, kiosk.exitCode))
    expect(wait).toBeLessThanOrEqual(EXIT_LIMIT.minutes * 60)
    expectTooMany(await leave(t.app, kiosk.token, wrong))
    // Refused attempts are not counted as further failures.
    expect(await countRows(t.app, 'audit_log')).toBe(failed)
  })

  it('should check no more exit codes than its limit when many are tried at once', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 连按机')
    const answers = await Promise.all(Array.from({ length: EXIT_LIMIT.attempts + 10 }, (_, i) =>
      leave(t.app, kiosk.token, String(10_000_000 + i))))
    expect(answers.filter(res => res.statusCode === 400)).toHaveLength(EXIT_LIMIT.attempts)
    for (const res of answers.filter(res => res.statusCode !== 400))
      expectTooMany(res)
  })

  it('should still let another kiosk leave when one kiosk is past its wrong exit codes', async () => {
    const locked = await t.app.repos.kiosks.create('测试 被锁机')
    const other = await t.app.repos.kiosks.create('测试 旁边机')
    for (let i = 0; i < EXIT_LIMIT.attempts; i++)
      expectError(await leave(t.app, locked.token, '99999999'), 400, 'EXIT_CODE_INCORRECT')
    expectTooMany(await leave(t.app, locked.token, locked.exitCode))
    expectLeft(await leave(t.app, other.token, other.exitCode))
    expectError(await leave(t.app, other.token, '99999999'), 400, 'EXIT_CODE_INCORRECT')
    expectLeft(await leave(t.app, DEMO.token, DEMO.exitCode))
  })

  it('should accept the right exit code again when the window has passed since the wrong ones', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 解锁机')
    for (let i = 0; i < EXIT_LIMIT.attempts; i++)
      expectError(await leave(t.app, kiosk.token, '99999999'), 400, 'EXIT_CODE_INCORRECT')
    now = new Date(now.getTime() + EXIT_LIMIT.minutes * MINUTE - SECOND)
    expectTooMany(await leave(t.app, kiosk.token, kiosk.exitCode))
    now = new Date(now.getTime() + 2 * SECOND)
    expectLeft(await leave(t.app, kiosk.token, kiosk.exitCode))
  })

  it('should record the kiosk channel and id in the audit log when an exit fails and when it succeeds', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 审计机')
    expectError(await leave(t.app, kiosk.token, '99999999'), 400, 'EXIT_CODE_INCORRECT')
    expectLeft(await leave(t.app, kiosk.token, kiosk.exitCode))
    const rows = await t.app.db.selectFrom('audit_log').selectAll().where('kiosk_id', '=', kiosk.id).orderBy('id').execute()
    expect(rows.map(r => r.event)).toEqual(['kiosk_exit_failed', 'kiosk_exit'])
    for (const row of rows) {
      expect(row.channel, row.event).toBe('kiosk')
      expect(row.kiosk_id, row.event).toBe(kiosk.id)
      expect(row.person_id, row.event).toBeNull()
      expect(row.subject_hash, row.event).toBeNull()
      expect(row.at, row.event).toBe(now.toISOString())
      expect(row.client_key, row.event).toMatch(/^[0-9a-f]{32,}$/)
      expect(JSON.stringify(row), row.event).not.toContain(kiosk.exitCode)
      expect(JSON.stringify(row), row.event).not.toContain('99999999')
    }
    // The demo kiosk's exits are on its own id.
    const demoEvents = await t.app.db.selectFrom('audit_log').select('event').where('kiosk_id', '=', DEMO_ID).execute()
    expect(demoEvents.map(r => r.event)).toContain('kiosk_exit')
  })
})

describe('kiosk: the personal report', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp({ env: SMS_ENV })
  })
  afterAll(async () => {
    await t.close()
  })

  /** Asks for a code at the demo kiosk with the ID number alone and reads it from the outbox. */
  async function kioskCode(person: SeedPerson): Promise<{ challenge: string, code: string }> {
    const box = outbox(t.app)
    const before = box.length
    const res = await send(t.app, 'POST', CHALLENGES, {
      token: DEMO.token,
      payload: { idNumber: person.idNumber, consent: true },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(box.length).toBe(before + 1)
    const message = box.at(-1)
    expect(message?.to).toBe(person.phone)
    return { challenge: res.json<Challenge>().challenge, code: message?.params.code ?? '' }
  }

  it('should answer 201 and text a code to the phone on file when a kiosk asks with the ID number alone', async () => {
    const sun = seedPerson('sun-liwei')
    const box = outbox(t.app)
    const before = box.length
    const res = await send(t.app, 'POST', CHALLENGES, {
      token: DEMO.token,
      payload: { idNumber: sun.idNumber, consent: true },
    })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json<Challenge>()
    expect(body.challenge.length).toBeGreaterThanOrEqual(20)
    expect(body.expiresInSeconds).toBe(LIMITS.codeTtlSeconds)
    expect(box).toHaveLength(before + 1)
    expect(box.at(-1)?.to).toBe(sun.phone)
    expect(box.at(-1)?.params.code).toMatch(/^\d{6}$/)
    const row = await t.app.db.selectFrom('otp_challenges').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row.channel).toBe('kiosk')
    expect(row.kiosk_id).toBe(DEMO_ID)
    expect(row.person_id).not.toBeNull()
  })

  it('should answer 400 NAME_REQUIRED and store nothing when the same body comes without a kiosk token', async () => {
    const sun = seedPerson('sun-liwei')
    const before = await stored(t.app)
    const error = expectError(await send(t.app, 'POST', CHALLENGES, {
      payload: { idNumber: sun.idNumber, consent: true },
    }), 400, 'NAME_REQUIRED')
    expect(error.details?.map(d => d.field)).toContain('body.name')
    expect(await stored(t.app)).toEqual(before)
  })

  it('should answer 400 NAME_REQUIRED when the kiosk header is empty, as for a phone', async () => {
    const sun = seedPerson('sun-liwei')
    expectError(await send(t.app, 'POST', CHALLENGES, {
      token: '',
      payload: { idNumber: sun.idNumber, consent: true },
    }), 400, 'NAME_REQUIRED')
  })

  it('should issue the report with the name masked and never in full when the code asked for at a kiosk is entered', async () => {
    const he = seedPerson('he-wenbin')
    const res = await send(t.app, 'POST', REPORTS, { token: DEMO.token, payload: await kioskCode(he) })
    expect(res.statusCode, res.body).toBe(201)
    const report = res.json<PersonalReport>()
    expect(report.subject.name).toBe(masked(he.name))
    expect(report.subject.name).toMatch(/^\S\*+$/u)
    expect(report.subject.name.startsWith([...he.name][0] ?? '?')).toBe(true)
    expect(res.body).not.toContain(he.name)
    expect(res.body).not.toContain(he.idNumber)
    expect(res.body).not.toContain(he.phone)
  })

  it('should mask the name in the report when the name was typed in at a kiosk', async () => {
    const lin = seedPerson('lin-guodong')
    const box = outbox(t.app)
    const res = await send(t.app, 'POST', CHALLENGES, {
      token: DEMO.token,
      payload: { name: lin.name, idNumber: lin.idNumber, consent: true },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(box.at(-1)?.to).toBe(lin.phone)
    const issued = await send(t.app, 'POST', REPORTS, {
      token: DEMO.token,
      payload: { challenge: res.json<Challenge>().challenge, code: box.at(-1)?.params.code ?? '' },
    })
    expect(issued.statusCode, issued.body).toBe(201)
    expect(issued.json<PersonalReport>().subject.name).toBe(masked(lin.name))
    expect(issued.body).not.toContain(lin.name)
  })

  it('should list the kiosk channel and id in the history when reports are issued at a kiosk', async () => {
    const gu = seedPerson('gu-meihua')
    const first = await send(t.app, 'POST', REPORTS, { token: DEMO.token, payload: await kioskCode(gu) })
    expect(first.statusCode, first.body).toBe(201)
    const second = await send(t.app, 'POST', REPORTS, { token: DEMO.token, payload: await kioskCode(gu) })
    expect(second.statusCode, second.body).toBe(201)
    const report = second.json<PersonalReport>()
    expect(report.history).toHaveLength(2)
    expect(report.history[0]).toEqual({ at: report.issuedAt, channel: 'kiosk', kioskId: DEMO_ID })
    expect(report.history[1]).toEqual({ at: first.json<PersonalReport>().issuedAt, channel: 'kiosk', kioskId: DEMO_ID })
  })

  it('should store the report and its audit trail with the kiosk channel and the kiosk id when a kiosk issues a report', async () => {
    const cao = seedPerson('cao-yongkang')
    const res = await send(t.app, 'POST', REPORTS, { token: DEMO.token, payload: await kioskCode(cao) })
    expect(res.statusCode, res.body).toBe(201)
    const report = res.json<PersonalReport>()
    const row = await t.app.db.selectFrom('credit_reports').selectAll().where('number', '=', report.number).executeTakeFirstOrThrow()
    expect(row.channel).toBe('kiosk')
    expect(row.kiosk_id).toBe(DEMO_ID)
    expect(row.name_masked).toBe(masked(cao.name))
    const audit = await t.app.db.selectFrom('audit_log').selectAll().where('person_id', '=', row.person_id).orderBy('id').execute()
    expect(audit.map(r => r.event)).toEqual(['code_sent', 'report_issued'])
    for (const entry of audit) {
      expect(entry.channel, entry.event).toBe('kiosk')
      expect(entry.kiosk_id, entry.event).toBe(DEMO_ID)
    }
    expect(audit.at(-1)?.detail).toBe(report.number)
  })

  it('should answer 401 KIOSK_UNKNOWN and store or send nothing when a challenge comes with an unknown kiosk token', async () => {
    const qian = seedPerson('qian-fugen')
    const before = await stored(t.app)
    expectError(await send(t.app, 'POST', CHALLENGES, {
      token: 'no-such-kiosk-token',
      payload: { idNumber: qian.idNumber, consent: true },
    }), 401, 'KIOSK_UNKNOWN')
    expectError(await send(t.app, 'POST', CHALLENGES, {
      token: 'no-such-kiosk-token',
      payload: { name: qian.name, idNumber: qian.idNumber, consent: true },
    }), 401, 'KIOSK_UNKNOWN')
    expect(await stored(t.app)).toEqual(before)
  })

  it('should answer 401 KIOSK_UNKNOWN and issue nothing when the code is entered with an unknown kiosk token', async () => {
    const shao = seedPerson('shao-yutong')
    const issued = await kioskCode(shao)
    const before = await stored(t.app)
    expectError(await send(t.app, 'POST', REPORTS, { token: 'no-such-kiosk-token', payload: issued }), 401, 'KIOSK_UNKNOWN')
    expect(await stored(t.app)).toEqual(before)
    // The challenge was not touched: the right kiosk can still use it.
    const res = await send(t.app, 'POST', REPORTS, { token: DEMO.token, payload: issued })
    expect(res.statusCode, res.body).toBe(201)
  })
})

describe('kiosk: limits count per kiosk, not per address', () => {
  let t: TestApp
  const HALL = '10.99.0.1'
  let busy: { id: number, token: string }
  let quiet: { id: number, token: string }
  const statuses: number[] = []

  const ask = async (token: string | undefined, name?: string): Promise<LightMyRequestResponse> =>
    send(t.app, 'POST', CHALLENGES, {
      token,
      client: HALL,
      payload: name === undefined
        ? {
            idNumber: unknownId(),
            consent: true,
          }
        : {
            name,
            idNumber: unknownId(),
            consent: true,
          },
    })

  beforeAll(async () => {
    t = await buildTestApp({ env: SMS_ENV })
    busy = await t.app.repos.kiosks.create('测试 大厅 忙碌机')
    quiet = await t.app.repos.kiosks.create('测试 大厅 空闲机')
    // One kiosk in the hall takes exactly its hourly number of challenges.
    for (let i = 0; i < LIMITS.kioskChallengesPerHour; i++)
      statuses.push((await ask(busy.token)).statusCode)
  })
  afterAll(async () => {
    await t.close()
  })

  it('should not refuse a kiosk when it goes past the hourly limit of a phone', () => {
    expect(LIMITS.kioskChallengesPerHour).toBeGreaterThan(LIMITS.clientChallengesPerHour)
    expect(statuses).toHaveLength(LIMITS.kioskChallengesPerHour)
    expect(statuses.slice(0, LIMITS.clientChallengesPerHour + 1).every(s => s === 201)).toBe(true)
    expect(statuses.every(s => s === 201)).toBe(true)
  })

  it('should answer 429 when a kiosk is past its own hourly limit of challenges', async () => {
    const challenges = await countRows(t.app, 'otp_challenges')
    expect(expectTooMany(await ask(busy.token))).toBeLessThanOrEqual(3600)
    expect(await countRows(t.app, 'otp_challenges')).toBe(challenges)
    const rows = await t.app.db.selectFrom('otp_challenges').select('kiosk_id').where('kiosk_id', '=', busy.id).execute()
    expect(rows).toHaveLength(LIMITS.kioskChallengesPerHour)
    const limited = await t.app.db.selectFrom('audit_log').selectAll().where('event', '=', 'rate_limited').execute()
    expect(limited.length).toBeGreaterThan(0)
    expect(limited.every(r => r.channel === 'kiosk' && r.kiosk_id === busy.id)).toBe(true)
  })

  it('should answer 201 to another kiosk on the same address when one kiosk there is past its limit', async () => {
    expectTooMany(await ask(busy.token))
    const res = await ask(quiet.token)
    expect(res.statusCode, res.body).toBe(201)
  })

  it('should answer 201 to a phone on the same address when a kiosk there is past its limit', async () => {
    expectTooMany(await ask(busy.token))
    const res = await ask(undefined, '王小明')
    expect(res.statusCode, res.body).toBe(201)
    const row = await t.app.db.selectFrom('otp_challenges').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(row.channel).toBe('app')
    expect(row.kiosk_id).toBeNull()
  })

  it('should take more wrong codes from a kiosk than from a phone and answer 429 when the kiosk is past its own limit', async () => {
    const kiosk = await t.app.repos.kiosks.create('测试 大厅 输错机')
    expect(LIMITS.kioskFailuresPerHour).toBeGreaterThan(LIMITS.clientFailuresPerHour)
    const answers: number[] = []
    let challenge = ''
    for (let i = 0; i < LIMITS.kioskFailuresPerHour; i++) {
      if (i % LIMITS.maxAttempts === 0) {
        const res = await ask(kiosk.token)
        expect(res.statusCode, res.body).toBe(201)
        challenge = res.json<Challenge>().challenge
      }
      answers.push((await send(t.app, 'POST', REPORTS, {
        token: kiosk.token,
        client: HALL,
        payload: { challenge, code: '000000' },
      })).statusCode)
    }
    expect(answers.every(s => s === 400)).toBe(true)
    const fresh = await ask(kiosk.token)
    expectTooMany(await send(t.app, 'POST', REPORTS, {
      token: kiosk.token,
      client: HALL,
      payload: { challenge: fresh.json<Challenge>().challenge, code: '000000' },
    }))
    // The quiet kiosk on the same address may still enter codes.
    const other = await ask(quiet.token)
    const res = await send(t.app, 'POST', REPORTS, {
      token: quiet.token,
      client: HALL,
      payload: { challenge: other.json<Challenge>().challenge, code: '000000' },
    })
    expectError(res, 400, 'CODE_INCORRECT')
  })
})

describe('kiosk: the command line', () => {
  it('should print a device token and an 8-digit exit code that work against the app when a kiosk is created', async () => {
    const dir = makeTempDir()
    let t: TestApp | undefined
    try {
      await createDatabase(dir)
      const { stdout } = await promisify(execFile)('npx', [
        'tsx',
        'server/cli/kiosk.ts',
        'create',
        '测试 3 号机',
      ], {
        cwd: ROOT_DIR,
        // The test app always runs with TEST_SECRET, so the command line must hash the exit code with it too.
        env: {
          ...process.env,
          NODE_ENV: 'test',
          ...databaseEnv(dir),
          APP_SECRET: TEST_SECRET,
        },
        timeout: 10_000,
      })
      const id = Number(/kiosk #(\d+) \(测试 3 号机\) registered/.exec(stdout)?.[1])
      const token = /device token: (\S+)/.exec(stdout)?.[1] ?? ''
      const exitCode = /exit code:\s+(\S+)/.exec(stdout)?.[1] ?? ''
      expect(id, stdout).toBeGreaterThan(0)
      expect(token, stdout).toMatch(/^[\w-]{40,}$/)
      expect(exitCode, stdout).toMatch(/^\d{8}$/)
      expect(stdout).toContain(`/kiosk/setup#token=${token}`)

      t = await buildTestApp({ dir })
      const res = await session(t.app, token)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<KioskSession>()).toMatchObject({ id, label: '测试 3 号机' })
      expectError(await leave(t.app, token, lastDigitChanged(exitCode)), 400, 'EXIT_CODE_INCORRECT')
      expectLeft(await leave(t.app, token, exitCode))
      const rows = JSON.stringify(await t.app.db.selectFrom('kiosks').selectAll().execute())
      expect(rows).not.toContain(token)
      expect(rows).not.toMatch(new RegExp(`(?<![0-9a-f])${exitCode}(?![0-9a-f])`))
    }
    finally {
      if (t)
        await t.close()
      else
        rmSync(dir, { recursive: true, force: true })
    }
  })
})
