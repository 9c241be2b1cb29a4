// A firm's own credit certificate (市场主体专用信用报告): asked for by the legal representative or an agent with the
// one-time code sent to the firm's phone on file; field by field for a period, including penalties whose publication
// has ended; checkable at /verify with issue date, firm name, period and result only. Expectations are computed from
// the seed data, not written out.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Challenge, EnterpriseProfile, FirmCertificate, VerifyResult } from '#schemas/credit'
import type { SeedEnterprise } from '../../server/seed/data/types'
import type { SmsMessage } from '../../server/sms/index'
import type { TestApp } from './helpers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { idCheckChar } from '#common/codes/idcard'
import { usccCheckChar } from '#common/codes/uscc'
import { CREDIT_FIELDS } from '#schemas/domain'
import { fieldOf } from '../../server/lib/credit-fields'
import { keyedHash } from '../../server/lib/crypto'
import { addDays, addMonths } from '../../server/lib/time'
import { publicUntil } from '../../server/repositories/credit'
import { DEMO_KIOSKS } from '../../server/seed/data/kiosks'
import { loadSeedData } from '../../server/seed/data/load'
import { LIMITS } from '../../server/services/one-time-codes'
import { renderSms } from '../../server/sms/index'
import { buildTestApp, expectError, getOk, shanghaiDate, steadyNow, TEST_SECRET } from './helpers'

const { enterprises } = loadSeedData()

const CHALLENGES = '/api/certificates/challenges'
const CERTIFICATES = '/api/certificates'
const RESEND = '/api/personal/challenges/resend'
const PERSONAL_REPORTS = '/api/personal/reports'
const VERIFY = '/api/reports/verify'
const DAY = 24 * 3_600_000
const KIOSK_TOKEN = DEMO_KIOSKS[0]?.token ?? 'demo-kiosk-changning-hall-01'

function seedFirm(key: string): SeedEnterprise & { contactPhone: string } {
  const firm = enterprises.find(e => e.key === key)
  if (!firm?.contactPhone)
    throw new Error(`no seeded firm ${key} with a phone`)
  return { ...firm, contactPhone: firm.contactPhone }
}

/** Many records, one penalty still published and one whose publication has ended. */
const ZHILAN = seedFirm('zhilan-catering')
/** No records at all. */
const LANQI = seedFirm('lanqi-trading')
/** Revoked, on a dishonesty list. */
const MINGTUO = seedFirm('mingtuo-decoration')
const NO_PHONE = enterprises.find(e => !e.contactPhone && e.status === 'active')

let clientCounter = 0
function newClient(): string {
  clientCounter++
  return `10.30.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`
}

let idCounter = 0
/** A valid ID number of an applicant (applicants need not be on file). */
function applicantId(): string {
  idCounter++
  const first17 = `31010519850307${String(idCounter).padStart(3, '0')}`
  return `${first17}${idCheckChar(first17)}`
}

function outbox(app: FastifyInstance): SmsMessage[] {
  const sms = app.sms
  if (!('outbox' in sms))
    throw new Error('the app was not built with SMS_ADAPTER=test')
  return sms.outbox
}

async function post(app: FastifyInstance, url: string, payload: object, client: string, kiosk = false): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: client,
    headers: kiosk
      ? { 'x-kiosk-token': KIOSK_TOKEN }
      : {},
  })
  expect(res.headers['cache-control'], `${url} → ${res.statusCode}`).toBe('no-store')
  return res
}

interface Ask {
  role?: 'representative' | 'agent'
  name?: string
  idNumber?: string
  kiosk?: boolean
}

/** Asks for a code for a firm and reads it from the test outbox (it must go to the firm's phone). */
async function requestCode(app: FastifyInstance, firm: SeedEnterprise & { contactPhone: string }, client: string, ask: Ask = {}) {
  const box = outbox(app)
  const before = box.length
  const payload = {
    uscc: firm.uscc,
    role: ask.role ?? 'representative',
    ...(ask.kiosk && ask.name === undefined
      ? {}
      : { name: ask.name ?? firm.legalRepresentative }),
    idNumber: ask.idNumber ?? applicantId(),
    consent: true,
  }
  const res = await post(app, CHALLENGES, payload, client, ask.kiosk)
  expect(res.statusCode, res.body).toBe(201)
  expect(box.length).toBe(before + 1)
  const message = box.at(-1)
  expect(message?.to).toBe(firm.contactPhone)
  // The text names the firm and what the code is for, so the firm's contact knows what they pass on.
  expect(message?.template).toBe('firmOtp')
  expect(message && renderSms(message)).toContain(`仅用于申请${firm.name}的专用信用报告`)
  return { challenge: res.json<Challenge>().challenge, code: box.at(-1)?.params.code ?? '' }
}

async function issue(app: FastifyInstance, firm: SeedEnterprise & { contactPhone: string }, client = newClient(), years?: number, ask: Ask = {}): Promise<FirmCertificate> {
  const { challenge, code } = await requestCode(app, firm, client, ask)
  const res = await post(app, CERTIFICATES, {
    challenge,
    code,
    ...(years === undefined
      ? {}
      : { years }),
  }, client, ask.kiosk)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<FirmCertificate>()
}

/** The seed's penalties of a firm decided in [from, today], by document number, with whether publication ended. */
function expectedPenalties(firm: SeedEnterprise, from: string, today: string) {
  return (firm.records ?? []).flatMap((r) => {
    if (r.kind !== 'penalty')
      return []
    const decided = addDays(today, -r.daysAgo)
    if (decided < from)
      return []
    return [
      {
        documentNo: r.documentNo,
        field: fieldOf(r.authority),
        publicationEnded: publicUntil(decided, r.severity) < today,
      },
    ]
  }).sort((a, b) => a.documentNo.localeCompare(b.documentNo))
}

function penaltiesOf(certificate: FirmCertificate) {
  return certificate.fields.flatMap(f => f.penalties.map(p => ({ documentNo: p.documentNo, field: f.field, publicationEnded: p.publicationEnded })))
    .sort((a, b) => a.documentNo.localeCompare(b.documentNo))
}

describe('firm certificate: issue', () => {
  let t: TestApp
  let today: string
  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
    })
    today = shanghaiDate()
  })
  // Codes are counted per firm from the audit log; the limit has its own test, the others start uncounted.
  beforeEach(async () => {
    await t.app.db.deleteFrom('audit_log').execute()
  })
  afterAll(async () => {
    await t.close()
  })

  it('should give the representative a certificate of the last 3 years, field by field, with the penalties whose publication has ended marked', async () => {
    const certificate = await issue(t.app, ZHILAN)
    const from = addDays(addMonths(today, -36), 1)
    expect(certificate.period).toEqual({ from, to: today, years: 3 })
    expect(certificate.number).toMatch(/^FC-\d{8}-[A-Z0-9]{8}$/)
    expect(certificate.verificationCode).toMatch(/^[A-Z0-9]{8}$/)
    expect(certificate.validUntil).toBe(addDays(today, LIMITS.reportValidDays))
    expect(certificate.firm).toEqual({
      name: ZHILAN.name,
      uscc: ZHILAN.uscc,
      type: ZHILAN.type,
      legalRepresentative: ZHILAN.legalRepresentative,
      status: ZHILAN.status,
      address: ZHILAN.address,
    })
    expect(certificate.applicant).toEqual({ role: 'representative', name: ZHILAN.legalRepresentative })
    expect(certificate.phoneMasked).toBe(`${ZHILAN.contactPhone.slice(0, 3)}****${ZHILAN.contactPhone.slice(-4)}`)
    expect(certificate.isDemo).toBe(true)
    // Every field in a fixed order, each either empty ("no record of violation") or with its records.
    expect(certificate.fields.map(f => f.field)).toEqual([...CREDIT_FIELDS])
    const expected = expectedPenalties(ZHILAN, from, today)
    expect(expected.some(p => p.publicationEnded)).toBe(true)
    expect(expected.some(p => !p.publicationEnded)).toBe(true)
    expect(penaltiesOf(certificate)).toEqual(expected)
    expect(certificate.result).toBe('records')
  })

  it('should show records the public profile no longer shows', async () => {
    const certificate = await issue(t.app, ZHILAN)
    const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)
    const published = new Set(profile.records.penalties.map(p => p.documentNo))
    const ended = penaltiesOf(certificate).filter(p => p.publicationEnded)
    expect(ended.length).toBeGreaterThan(0)
    for (const p of ended)
      expect(published.has(p.documentNo), p.documentNo).toBe(false)
  })

  it('should cover exactly the years asked for, from one to five', async () => {
    for (const years of [1, 5]) {
      const certificate = await issue(t.app, ZHILAN, newClient(), years)
      const from = addDays(addMonths(today, -12 * years), 1)
      expect(certificate.period).toEqual({ from, to: today, years })
      expect(penaltiesOf(certificate)).toEqual(expectedPenalties(ZHILAN, from, today))
    }
  })

  it('should say "no record" in every field for a firm without records', async () => {
    const certificate = await issue(t.app, LANQI)
    expect(certificate.result).toBe('clean')
    expect(certificate.fields).toHaveLength(CREDIT_FIELDS.length)
    for (const f of certificate.fields) {
      expect(f.penalties, f.field).toEqual([])
      expect(f.dishonesty, f.field).toEqual([])
    }
    expect(certificate.listStatus).toEqual({ onRedList: false, onDishonestyList: false, seriousDishonesty: false })
  })

  it('should state a current dishonesty listing', async () => {
    const certificate = await issue(t.app, MINGTUO)
    expect(certificate.listStatus.onDishonestyList).toBe(true)
    expect(certificate.result).toBe('records')
    const listed = certificate.fields.flatMap(f => f.dishonesty)
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.some(e => !e.ended)).toBe(true)
  })

  it('should let an authorised agent ask with their own name', async () => {
    const certificate = await issue(t.app, ZHILAN, newClient(), undefined, { role: 'agent', name: '王小明' })
    expect(certificate.applicant).toEqual({ role: 'agent', name: '王小明' })
  })

  it('should keep the applicant only as a masked name and a keyed hash of the ID number', async () => {
    const idNumber = applicantId()
    const certificate = await issue(t.app, ZHILAN, newClient(), undefined, { idNumber })
    const row = await t.app.db.selectFrom('firm_certificates').selectAll().where('number', '=', certificate.number).executeTakeFirstOrThrow()
    expect(row.applicant_id_hash).toBe(keyedHash(TEST_SECRET, 'id', idNumber))
    expect(row.applicant_name_masked).toBe(`${[...ZHILAN.legalRepresentative][0]}${'*'.repeat([...ZHILAN.legalRepresentative].length - 1)}`)
    expect(JSON.stringify(row)).not.toContain(idNumber.slice(6, 14))
    // The challenge forgets who asked once it is used.
    const open = await t.app.db.selectFrom('otp_challenges').select('applicant').where('purpose', '=', 'firm').where('applicant', 'is not', null).where('state', '=', 'used').execute()
    expect(open).toEqual([])
  })

  it('should refuse what it cannot issue with a clear error, send nothing and create nothing', async () => {
    const box = outbox(t.app)
    const before = { sms: box.length, challenges: await countRows(t.app, 'otp_challenges') }
    const base = {
      uscc: ZHILAN.uscc,
      role: 'representative',
      name: ZHILAN.legalRepresentative,
      idNumber: applicantId(),
      consent: true,
    }
    const unknownFirst17 = '91310105MA9XXXXXX'
    const unknown = `${unknownFirst17}${usccCheckChar(unknownFirst17)}`
    const cases: Array<[object, number, Parameters<typeof expectError>[2]]> = [
      [
        { ...base, consent: false },
        400,
        'CONSENT_REQUIRED',
      ],
      [
        { ...base, uscc: `${ZHILAN.uscc.slice(0, 17)}${ZHILAN.uscc.endsWith('0')
          ? '1'
          : '0'}` },
        400,
        'INVALID_USCC',
      ],
      [
        { ...base, uscc: unknown },
        404,
        'FIRM_NOT_FOUND',
      ],
      [
        { ...base, name: '某某某' },
        400,
        'NOT_REPRESENTATIVE',
      ],
      [
        { ...base, idNumber: '310105198503070000' },
        400,
        'INVALID_ID_NUMBER',
      ],
      [
        {
          uscc: base.uscc,
          role: 'representative',
          idNumber: base.idNumber,
          consent: true,
        },
        400,
        'NAME_REQUIRED',
      ],
      [
        { ...base, role: 'owner' },
        400,
        'VALIDATION_FAILED',
      ],
    ]
    if (NO_PHONE) {
      cases.push([
        { ...base, uscc: NO_PHONE.uscc, name: NO_PHONE.legalRepresentative },
        409,
        'FIRM_NO_PHONE',
      ])
    }
    for (const [payload, status, code] of cases)
      expectError(await post(t.app, CHALLENGES, payload, newClient()), status, code)
    expect(box.length).toBe(before.sms)
    expect(await countRows(t.app, 'otp_challenges')).toBe(before.challenges)
  })

  it('should refuse a period of more than five years and keep the code for a corrected request', async () => {
    const client = newClient()
    const { challenge, code } = await requestCode(t.app, ZHILAN, client)
    const certificates = await countRows(t.app, 'firm_certificates')
    expectError(await post(t.app, CERTIFICATES, { challenge, code, years: 6 }, client), 400, 'VALIDATION_FAILED')
    expect(await countRows(t.app, 'firm_certificates')).toBe(certificates)
    const res = await post(t.app, CERTIFICATES, { challenge, code, years: 2 }, client)
    expect(res.statusCode, res.body).toBe(201)
  })

  it('should not take a personal report\'s code for a certificate, nor a certificate\'s code for a personal report', async () => {
    const client = newClient()
    const { challenge, code } = await requestCode(t.app, ZHILAN, client)
    expectError(await post(t.app, PERSONAL_REPORTS, { challenge, code }, client), 400, 'CHALLENGE_NOT_FOUND')
    // The certificate's code still works where it belongs.
    expect((await post(t.app, CERTIFICATES, { challenge, code }, client)).statusCode).toBe(201)
    expectError(await post(t.app, CERTIFICATES, { challenge, code }, client), 400, 'CHALLENGE_NOT_FOUND')
  })

  it('should count a wrong code and lock after the allowed tries', async () => {
    const client = newClient()
    const { challenge, code } = await requestCode(t.app, ZHILAN, client)
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0')
    for (let i = 1; i < LIMITS.maxAttempts; i++) {
      const error = expectError(await post(t.app, CERTIFICATES, { challenge, code: wrong }, client), 400, 'CODE_INCORRECT')
      expect(error.attemptsLeft).toBe(LIMITS.maxAttempts - i)
    }
    expectError(await post(t.app, CERTIFICATES, { challenge, code: wrong }, client), 400, 'CODE_LOCKED')
    expectError(await post(t.app, CERTIFICATES, { challenge, code }, client), 400, 'CODE_LOCKED')
  })

  it('should count codes per firm, whoever asks from wherever', async () => {
    const firm = seedFirm('hongqi-property')
    for (let i = 0; i < LIMITS.subjectSendsPerHour; i++) {
      await requestCode(t.app, firm, newClient(), {
        idNumber: applicantId(),
      })
    }
    const res = await post(t.app, CHALLENGES, {
      uscc: firm.uscc,
      role: 'representative',
      name: firm.legalRepresentative,
      idNumber: applicantId(),
      consent: true,
    }, newClient())
    expectError(res, 429, 'TOO_MANY_REQUESTS')
  })

  it('should resend a certificate\'s code to the firm\'s phone', async () => {
    const firm = seedFirm('ruiyue-fitness')
    const client = newClient()
    const { challenge } = await requestCode(t.app, firm, client)
    const row = await t.app.db.selectFrom('otp_challenges').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    // Pretend the first code was sent long enough ago to ask for another.
    await t.app.db.updateTable('otp_challenges').set({
      sent_at: new Date(steadyNow().getTime() - 2 * LIMITS.resendAfterSeconds * 1000).toISOString(),
    }).where('id', '=', row.id).execute()
    const box = outbox(t.app)
    const res = await post(t.app, RESEND, { challenge }, client)
    expect(res.statusCode, res.body).toBe(200)
    expect(box.at(-1)?.to).toBe(firm.contactPhone)
    const issued = await post(t.app, CERTIFICATES, { challenge, code: box.at(-1)?.params.code ?? '' }, client)
    expect(issued.statusCode, issued.body).toBe(201)
  })

  it('should issue at a kiosk without a typed name, and mask a typed one there', async () => {
    const anonymous = await issue(t.app, LANQI, newClient(), undefined, { kiosk: true })
    expect(anonymous.applicant).toEqual({ role: 'representative', name: '' })
    const named = await issue(t.app, LANQI, newClient(), undefined, { kiosk: true, name: LANQI.legalRepresentative })
    expect(named.applicant.name).toBe(`${[...LANQI.legalRepresentative][0]}${'*'.repeat([...LANQI.legalRepresentative].length - 1)}`)
    const row = await t.app.db.selectFrom('firm_certificates').select(['channel', 'kiosk_id']).where('number', '=', named.number).executeTakeFirstOrThrow()
    expect(row.channel).toBe('kiosk')
    expect(row.kiosk_id).not.toBeNull()
  })
})

async function countRows(app: FastifyInstance, table: 'otp_challenges' | 'firm_certificates'): Promise<number> {
  const row = await app.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('firm certificate: authenticity check', () => {
  let t: TestApp
  const issuedAt = steadyNow()
  let now = issuedAt
  let certificate: FirmCertificate

  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
      clock: () => now,
    })
    certificate = await issue(t.app, ZHILAN)
  })
  afterAll(async () => {
    await t.close()
  })

  it('should confirm a genuine certificate with its issue date, firm name, period and result, and nothing more', async () => {
    now = issuedAt
    const res = await post(t.app, VERIFY, {
      number: certificate.number.toLowerCase(),
      code: ` ${certificate.verificationCode.slice(0, 4)}-${certificate.verificationCode.slice(4)} `,
    }, newClient())
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<VerifyResult>()).toEqual({
      status: 'genuine',
      kind: 'firm',
      number: certificate.number,
      issuedOn: shanghaiDate(0, issuedAt),
      validUntil: certificate.validUntil,
      firmName: ZHILAN.name,
      periodFrom: certificate.period.from,
      periodTo: certificate.period.to,
      result: 'records',
    })
  })

  it('should answer "not found" to a wrong code or number', async () => {
    now = issuedAt
    for (const [number, code] of [
      [certificate.number, 'ABCDEFGH'],
      [
        certificate.number.replace(/.$/, c => c === 'A'
          ? 'B'
          : 'A'),
        certificate.verificationCode,
      ],
    ] as const) {
      const res = await post(t.app, VERIFY, { number, code }, newClient())
      expect(res.json<VerifyResult>()).toEqual({ status: 'notFound' })
    }
  })

  it('should say a certificate has expired after its validity', async () => {
    now = new Date(issuedAt.getTime() + (LIMITS.reportValidDays + 1) * DAY)
    const res = await post(t.app, VERIFY, { number: certificate.number, code: certificate.verificationCode }, newClient())
    expect(res.json<VerifyResult>().status).toBe('expired')
    now = issuedAt
  })
})
