// Objections (异议申诉): a resident objects to a record of their report, a firm's representative to one of the firm's
// records on its certificate, with attachments checked by their bytes; the record is marked 异议处理中 everywhere
// until the office decides within the deadline (uphold: withdrawn or corrected, audited; reject; forward); the
// applicant follows the case with its tracking number and a code to the phone on file. Clock under test control.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { CaseFile, CaseReceipt, CaseView, StaffCase, StaffCaseList } from '#schemas/cases'
import type { Challenge, EnterpriseProfile, FirmCertificate, PersonalReport } from '#schemas/credit'
import type { SeedEnterprise, SeedPerson } from '../../server/seed/data/types'
import type { SmsMessage } from '../../server/sms/index'
import type { TestApp } from './helpers'
import { Buffer } from 'node:buffer'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { idCheckChar } from '#common/codes/idcard'
import { CSRF_HEADER, CSRF_VALUE } from '#schemas/endpoint'
import { addWorkingDays } from '../../server/lib/time'
import { caseFileName } from '../../server/media/case-files'
import { DEMO_ADMIN, demoStaffUsername } from '../../server/seed/data/accounts'
import { loadSeedData } from '../../server/seed/data/load'
import { renderSms } from '../../server/sms/index'
import { buildTestApp, expectError, getOk, shanghaiDate, signIn, steadyNow } from './helpers'

const { enterprises, persons } = loadSeedData()
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

function seedPerson(key: string): SeedPerson {
  const found = persons.find(p => p.key === key)
  if (!found)
    throw new Error(`no seeded person ${key}`)
  return found
}
function seedFirm(key: string): SeedEnterprise & { contactPhone: string } {
  const firm = enterprises.find(e => e.key === key)
  if (!firm?.contactPhone)
    throw new Error(`no seeded firm ${key} with a phone`)
  return { ...firm, contactPhone: firm.contactPhone }
}
/** A resident with one published penalty. */
const MA = seedPerson('ma-jianping')
/** Another resident, with a record of their own. */
const ZHAO = seedPerson('zhao-jingwen')
/** A firm with a published penalty and a phone on file. */
const ZHILAN = seedFirm('zhilan-catering')

let clientCounter = 0
function newClient(): string {
  clientCounter++
  return `10.40.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`
}

function outbox(app: FastifyInstance): SmsMessage[] {
  const sms = app.sms
  if (!('outbox' in sms))
    throw new Error('the app was not built with SMS_ADAPTER=test')
  return sms.outbox
}

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

/** A personal report for a seeded resident: the report and the token that now lets them object. */
async function personalReport(app: FastifyInstance, person: SeedPerson, client = newClient()) {
  const res = await post(app, '/api/personal/challenges', { name: person.name, idNumber: person.idNumber, consent: true }, client)
  expect(res.statusCode, res.body).toBe(201)
  const challenge = res.json<Challenge>().challenge
  const code = outbox(app).at(-1)?.params.code ?? ''
  const issued = await post(app, '/api/personal/reports', { challenge, code }, client)
  expect(issued.statusCode, issued.body).toBe(201)
  return {
    report: issued.json<PersonalReport>(),
    grant: challenge,
    client,
  }
}

let applicantCounter = 0
async function firmCertificate(app: FastifyInstance, firm: typeof ZHILAN, client = newClient()) {
  applicantCounter++
  const first17 = `31010519860408${String(applicantCounter).padStart(3, '0')}`
  const res = await post(app, '/api/certificates/challenges', {
    uscc: firm.uscc,
    role: 'representative',
    name: firm.legalRepresentative,
    idNumber: `${first17}${idCheckChar(first17)}`,
    consent: true,
  }, client)
  expect(res.statusCode, res.body).toBe(201)
  const challenge = res.json<Challenge>().challenge
  const code = outbox(app).at(-1)?.params.code ?? ''
  const issued = await post(app, '/api/certificates', { challenge, code }, client)
  expect(issued.statusCode, issued.body).toBe(201)
  return {
    certificate: issued.json<FirmCertificate>(),
    grant: challenge,
    client,
  }
}

async function upload(app: FastifyInstance, grant: string, body: Buffer, type: string, name = 'proof', client = newClient()): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases/files',
    payload: body,
    remoteAddress: client,
    headers: {
      'content-type': type,
      'x-case-grant': grant,
      'x-file-name': encodeURIComponent(name),
    },
  })
  expect(res.headers['cache-control']).toBe('no-store')
  return res
}

async function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 320,
      height: 200,
      channels: 3,
      background: '#3366aa',
    },
  })
    .withMetadata({
      exif: {
        IFD0: { Artist: 'GPS and names must not be kept' },
      },
    })
    .jpeg()
    .toBuffer()
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

function objection(grant: string, recordId: number, files: string[] = []) {
  return {
    grant,
    recordId,
    reason: 'wrongFacts',
    text: '处罚决定书载明的违法事实与实际情况不符，已提交相关证明材料。',
    files,
  }
}

async function fileObjection(app: FastifyInstance, grant: string, recordId: number, client: string, files: string[] = []): Promise<CaseReceipt> {
  const res = await post(app, '/api/cases/objections', objection(grant, recordId, files), client)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<CaseReceipt>()
}

/** A record of a report to object to: its first penalty, else its first other fact. */
function someRecord(report: PersonalReport): { id: number, authority: string } {
  const found = report.records.penalties[0] ?? report.records.facts[0] ?? report.records.commitments[0] ?? report.records.redList[0]
  if (!found)
    throw new Error('the report has no records')
  return found
}

/** Opens a case the way its applicant does: tracking number, code to the phone on file. */
async function lookUp(app: FastifyInstance, number: string, phone: string, client = newClient()): Promise<{ view: CaseView, grant: string }> {
  const before = outbox(app).length
  const res = await post(app, '/api/cases/lookups', { number }, client)
  expect(res.statusCode, res.body).toBe(201)
  expect(outbox(app).length).toBe(before + 1)
  const message = outbox(app).at(-1)!
  expect(message.to).toBe(phone)
  expect(message.template).toBe('caseOtp')
  expect(renderSms(message)).toContain(`尾号 ${number.slice(-4)}`)
  const challenge = res.json<Challenge>().challenge
  const opened = await post(app, '/api/cases/open', { challenge, code: message.params.code }, client)
  expect(opened.statusCode, opened.body).toBe(200)
  return {
    view: opened.json<CaseView>(),
    grant: challenge,
  }
}

async function admin(app: FastifyInstance, method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  return app.inject({
    method,
    url,
    payload,
    headers: { cookie, [CSRF_HEADER]: CSRF_VALUE },
  })
}

describe('objections', () => {
  let t: TestApp
  let offset = 0
  let adminCookie: string
  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
      clock: () => new Date(steadyNow().getTime() + offset),
    })
  })
  beforeEach(async () => {
    offset = 0
    adminCookie = (await signIn(t.app, DEMO_ADMIN.username)).cookie
    // Codes are counted per subject from the audit log; each test starts uncounted.
    await t.app.db.deleteFrom('audit_log').execute()
  })
  afterAll(async () => {
    await t.close()
  })

  async function caseByNumber(number: string): Promise<StaffCase> {
    const row = await t.app.db.selectFrom('credit_cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()
    const res = await admin(t.app, 'GET', `/api/admin/cases/${row.id}`, adminCookie)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<StaffCase>()
  }

  it('should take a resident\'s objection with a photo and a PDF, mark the record and give a tracking number with its deadline', async () => {
    const { report, grant, client } = await personalReport(t.app, MA)
    const penalty = report.records.penalties[0]!
    expect(penalty.underObjection).toBe(false)
    const picture = await upload(t.app, grant, await photo(), 'image/jpeg', 'C:\\fakepath\\现场照片.jpg')
    expect(picture.statusCode, picture.body).toBe(201)
    const pictureFile = picture.json<CaseFile>()
    expect(pictureFile).toMatchObject({ name: '现场照片.jpg', type: 'image/jpeg' })
    const pdf = await upload(t.app, grant, PDF, 'application/pdf', '缴款凭证.pdf')
    expect(pdf.statusCode, pdf.body).toBe(201)

    const receipt = await fileObjection(t.app, grant, penalty.id, client, [pictureFile.key, pdf.json<CaseFile>().key])
    const today = shanghaiDate()
    expect(receipt.number).toMatch(new RegExp(`^${today.replaceAll('-', '')}\\d{8}$`))
    expect(receipt).toMatchObject({
      kind: 'objection',
      receivedOn: today,
      dueOn: addWorkingDays(today, 10),
    })

    // The photo was cleaned: no metadata is kept.
    const stored = await sharp(join(t.config.mediaDir, caseFileName(pictureFile.key, 'image/jpeg'))).metadata()
    expect(stored.exif).toBeUndefined()

    // The mark shows on the next report.
    const again = await personalReport(t.app, MA)
    expect(again.report.records.penalties.find(p => p.id === penalty.id)?.underObjection).toBe(true)

    // The office sees it with both attachments, the applicant's masked name, days left.
    const seen = await caseByNumber(receipt.number)
    expect(seen).toMatchObject({
      status: 'open',
      kind: 'objection',
      reason: 'wrongFacts',
      daysLeft: 10,
      applicant: { role: 'self' },
    })
    expect(seen.applicant.nameMasked).not.toBe(MA.name)
    expect(seen.files.map(f => f.name)).toEqual(['现场照片.jpg', '缴款凭证.pdf'])
    expect(seen.record.documentNo).toBe(penalty.documentNo)
    expect(seen.timeline.map(e => e.type)).toEqual(['filed'])
  })

  it('should refuse bad input clearly and change nothing', async () => {
    const { report, grant, client } = await personalReport(t.app, ZHAO)
    const penaltyId = report.records.facts[0]!.id
    const other = await personalReport(t.app, MA)
    const cases = async () => Number((await t.app.db.selectFrom('credit_cases').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await cases()

    // Someone else's record.
    expectError(await post(t.app, '/api/cases/objections', objection(other.grant, penaltyId), other.client), 403, 'RECORD_NOT_YOURS')
    // A made-up grant.
    expectError(await post(t.app, '/api/cases/objections', objection('x'.repeat(43), penaltyId), client), 400, 'GRANT_EXPIRED')
    // A text too short, an unknown reason.
    expectError(await post(t.app, '/api/cases/objections', {
      ...objection(grant, penaltyId),
      text: '不对',
    }, client), 400, 'VALIDATION_FAILED')
    expectError(await post(t.app, '/api/cases/objections', {
      ...objection(grant, penaltyId),
      reason: 'angry',
    }, client), 400, 'VALIDATION_FAILED')
    // An attachment that was never uploaded.
    expectError(await post(t.app, '/api/cases/objections', objection(grant, penaltyId, [
      'k'.repeat(32),
    ]), client), 400, 'ATTACHMENT_MISSING')
    // Files: a text file called PDF, a 30 MB file, a sixth on one objection, an eleventh upload.
    expectError(await upload(t.app, grant, Buffer.from('not a pdf at all, just text pretending'.repeat(4)), 'application/pdf'), 415, 'ATTACHMENT_TYPE')
    expectError(await upload(t.app, grant, Buffer.alloc(30 * 1024 * 1024, 1), 'application/pdf'), 413, 'ATTACHMENT_TOO_LARGE')
    expectError(await upload(t.app, grant, PDF, 'text/plain'), 415, 'ATTACHMENT_TYPE')
    expectError(await upload(t.app, grant, PDF, 'application/msword'), 415, 'UNSUPPORTED_MEDIA_TYPE')
    const keys: string[] = []
    for (let i = 0; i < 10; i++) {
      const res = await upload(t.app, grant, PDF, 'application/pdf')
      expect(res.statusCode).toBe(201)
      keys.push(res.json<CaseFile>().key)
    }
    expectError(await upload(t.app, grant, PDF, 'application/pdf'), 400, 'TOO_MANY_ATTACHMENTS')
    expectError(await post(t.app, '/api/cases/objections', objection(grant, penaltyId, keys.slice(0, 6)), client), 400, 'VALIDATION_FAILED')
    expect(await cases()).toBe(before)

    // After 30 minutes the check has to be done again.
    offset = 31 * MINUTE
    expectError(await post(t.app, '/api/cases/objections', objection(grant, penaltyId), client), 400, 'GRANT_EXPIRED')
    expect(await cases()).toBe(before)
  })

  it('should delete attachments never filed a day later, with their files', async () => {
    const { grant } = await personalReport(t.app, ZHAO)
    const file = (await upload(t.app, grant, PDF, 'application/pdf')).json<CaseFile>()
    const path = join(t.config.mediaDir, caseFileName(file.key, 'application/pdf'))
    expect(existsSync(path)).toBe(true)
    offset = 25 * 60 * MINUTE
    // The next verification sweeps.
    await personalReport(t.app, ZHAO)
    expect(existsSync(path)).toBe(false)
    expect(await t.app.db.selectFrom('case_files').select('id').where('key', '=', file.key).executeTakeFirst()).toBeUndefined()
  })

  it('should let the applicant follow the case with its number and a code, and nobody else', async () => {
    const { report, grant, client } = await personalReport(t.app, ZHAO)
    const record = report.records.commitments[0]!
    const receipt = await fileObjection(t.app, grant, record.id, client)
    // A second objection to the same record while the first is open.
    const again = await personalReport(t.app, ZHAO)
    expectError(await post(t.app, '/api/cases/objections', objection(again.grant, record.id), again.client), 409, 'CASE_ALREADY_OPEN')

    const { view } = await lookUp(t.app, receipt.number.replace(/(\d{8})(\d{4})/, '$1 $2 '), ZHAO.phone!)
    expect(view).toMatchObject({
      number: receipt.number,
      status: 'open',
      dueOn: receipt.dueOn,
      reason: 'wrongFacts',
      subjectName: expect.not.stringContaining(ZHAO.name),
    })
    expect(view.record.title).toBe(record.title)

    // An unknown number: the same answer, and no message to anyone.
    const box = outbox(t.app).length
    const unknown = await post(t.app, '/api/cases/lookups', { number: '2026010112345678' }, newClient())
    expect(unknown.statusCode).toBe(201)
    expect(outbox(t.app).length).toBe(box)
    expectError(await post(t.app, '/api/cases/open', { challenge: unknown.json<Challenge>().challenge, code: '123456' }, newClient()), 400, 'CODE_INCORRECT')
    expectError(await post(t.app, '/api/cases/lookups', { number: '12345' }, newClient()), 400, 'INVALID_CASE_NUMBER')

    // A lookup code opens the case only: it is no report.
    const lookup = await post(t.app, '/api/cases/lookups', { number: receipt.number }, client)
    const code = outbox(t.app).at(-1)!.params.code
    expectError(await post(t.app, '/api/personal/reports', { challenge: lookup.json<Challenge>().challenge, code }, client), 400, 'CHALLENGE_NOT_FOUND')
    // Nor does a lookup let anyone object to other records.
    const opened = await lookUp(t.app, receipt.number, ZHAO.phone!)
    expectError(await post(t.app, '/api/cases/objections', objection(opened.grant, report.records.facts[0]!.id), client), 400, 'GRANT_EXPIRED')
  })

  it('should let only the district office decide, with days left and overdue on the clock', async () => {
    const { report, grant, client } = await personalReport(t.app, seedPerson('gu-meihua'))
    const receipt = await fileObjection(t.app, grant, someRecord(report).id, client)
    const { id } = await caseByNumber(receipt.number)

    const staff = await signIn(t.app, demoStaffUsername('jiangsu-road'))
    expectError(await admin(t.app, 'GET', '/api/admin/cases', staff.cookie), 403, 'FORBIDDEN')
    expectError(await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, staff.cookie, { decision: 'reject', note: '材料不足' }), 403, 'FORBIDDEN')
    expectError(await t.app.inject({ method: 'GET', url: '/api/admin/cases' }), 401, 'UNAUTHENTICATED')

    // Three weeks on, the case is overdue.
    offset = 21 * DAY
    adminCookie = (await signIn(t.app, DEMO_ADMIN.username)).cookie
    const list = await admin(t.app, 'GET', '/api/admin/cases?state=overdue', adminCookie)
    expect(list.statusCode).toBe(200)
    const listed = list.json<StaffCaseList>()
    const item = listed.items.find(i => i.number === receipt.number)
    expect(item?.daysLeft).toBeLessThan(0)
    expect(listed.counts.overdue).toBeGreaterThan(0)
    expect(listed.items.every(i => i.daysLeft !== null && i.daysLeft < 0)).toBe(true)
  })

  it('should forward, then reject with a reason the applicant sees, taking the mark off', async () => {
    const { report, grant, client } = await personalReport(t.app, seedPerson('lin-guodong'))
    const penalty = someRecord(report)
    const receipt = await fileObjection(t.app, grant, penalty.id, client)
    const { id } = await caseByNumber(receipt.number)

    const forwarded = await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, { decision: 'forward', note: '请核查处罚事实', forwardTo: penalty.authority })
    expect(forwarded.statusCode, forwarded.body).toBe(200)
    expect(forwarded.json<StaffCase>()).toMatchObject({ status: 'forwarded', forwardedTo: penalty.authority })
    const rejected = await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, { decision: 'reject', note: '经处罚机关核查，处罚事实清楚、证据充分，记录无误。' })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(rejected.json<StaffCase>()).toMatchObject({
      status: 'rejected',
      decidedOn: shanghaiDate(),
      decidedBy: expect.any(String),
    })
    // Decided: no second decision.
    expectError(await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, { decision: 'reject', note: '再次驳回' }), 409, 'CASE_STATE')

    const { view } = await lookUp(t.app, receipt.number, seedPerson('lin-guodong').phone!)
    expect(view.status).toBe('rejected')
    expect(view.decisionNote).toContain('记录无误')
    expect(view.timeline.map(e => e.type)).toEqual(['filed', 'forwarded', 'rejected'])
    const after = await personalReport(t.app, seedPerson('lin-guodong'))
    expect([
      ...after.report.records.penalties,
      ...after.report.records.facts,
      ...after.report.records.commitments,
    ].find(p => p.id === penalty.id)?.underObjection).toBe(false)
  })

  it('should correct a record when upheld, and audit the change with what it was before', async () => {
    const { report, grant, client } = await personalReport(t.app, MA)
    const penalty = report.records.penalties[0]!
    const open = await t.app.db.selectFrom('credit_cases').select('number').where('record_id', '=', penalty.id).where('status', '=', 'open').executeTakeFirst()
    const number = open?.number ?? (await fileObjection(t.app, grant, penalty.id, client)).number
    const { id } = await caseByNumber(number)
    const facts = '当事人在居住小区垃圾箱房将湿垃圾与干垃圾混合投放，经执法人员当场责令改正后已改正。'
    const res = await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, {
      decision: 'uphold',
      note: '经核查，事实描述有误，已更正。',
      outcome: 'correct',
      correction: { facts },
    })
    expect(res.statusCode, res.body).toBe(200)
    const decided = res.json<StaffCase>()
    expect(decided.recordNow?.facts).toBe(facts)
    expect(decided.record.facts).toBe(penalty.facts)

    const after = await personalReport(t.app, MA)
    expect(after.report.records.penalties.find(p => p.id === penalty.id)).toMatchObject({ facts, underObjection: false })
    const audit = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'record_corrected').where('target', '=', `credit_record:${penalty.id}`).executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail!)).toMatchObject({
      case: number,
      before: { facts: penalty.facts },
      set: { facts },
    })
  })

  it('should let a firm\'s representative object from the certificate, show the mark on the public profile, and withdraw the record when upheld', async () => {
    const { certificate, grant, client } = await firmCertificate(t.app, ZHILAN)
    const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)
    const penalty = profile.records.penalties[0]!
    expect(certificate.fields.some(f => f.penalties.some(p => p.id === penalty.id))).toBe(true)
    const file = await upload(t.app, grant, PDF, 'application/pdf', '情况说明.pdf')
    const receipt = await fileObjection(t.app, grant, penalty.id, client, [file.json<CaseFile>().key])

    const marked = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)
    expect(marked.records.penalties.find(p => p.id === penalty.id)?.underObjection).toBe(true)

    const seen = await caseByNumber(receipt.number)
    expect(seen).toMatchObject({
      subjectName: ZHILAN.name,
      subjectCode: ZHILAN.uscc,
      applicant: { role: 'representative' },
    })
    // The attachment: for the office only, never stored by a cache.
    const key = seen.files[0]!.key
    const download = await admin(t.app, 'GET', `/api/admin/cases/${seen.id}/files/${key}`, adminCookie)
    expect(download.statusCode).toBe(200)
    expect(download.headers['cache-control']).toBe('no-store')
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.rawPayload.equals(PDF)).toBe(true)
    expectError(await t.app.inject({ method: 'GET', url: `/api/admin/cases/${seen.id}/files/${key}` }), 401, 'UNAUTHENTICATED')

    const res = await admin(t.app, 'POST', `/api/admin/cases/${seen.id}/decision`, adminCookie, { decision: 'uphold', note: '信息提供单位确认该处罚已撤销，记录撤回。', outcome: 'withdraw' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<StaffCase>()).toMatchObject({ status: 'upheld', recordId: null, recordNow: null })
    const after = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)
    expect(after.records.penalties.some(p => p.id === penalty.id)).toBe(false)
    const audit = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'record_withdrawn').where('target', '=', `credit_record:${penalty.id}`).executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail!).before.document_no).toBe(penalty.documentNo)
    // The attachment stays with the case.
    expect(existsSync(join(t.config.mediaDir, caseFileName(key, 'application/pdf')))).toBe(true)
  })
})

describe('credit repair', () => {
  let t: TestApp
  let adminCookie: string
  const MINGTUO = seedFirm('mingtuo-decoration')
  beforeAll(async () => {
    t = await buildTestApp({
      env: { SMS_ADAPTER: 'test' },
    })
  })
  beforeEach(async () => {
    await t.app.db.deleteFrom('audit_log').execute()
    adminCookie = (await signIn(t.app, DEMO_ADMIN.username)).cookie
  })
  afterAll(async () => {
    await t.close()
  })

  function repair(grant: string, recordId: number, files: string[], signature = ZHILAN.legalRepresentative) {
    return {
      grant,
      recordId,
      commitment: { accepted: true, signature },
      text: '罚款已于决定次日缴清，整改已完成。',
      files,
    }
  }
  async function caseId(number: string): Promise<number> {
    return (await t.app.db.selectFrom('credit_cases').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id
  }
  async function decide(id: number, body: object) {
    const res = await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, body)
    expect(res.statusCode, res.body).toBe(200)
    return res.json<StaffCase>()
  }

  it('should take an application, ask for more documents, take them on the same case, approve it and end publication at once', async () => {
    const { certificate, grant, client } = await firmCertificate(t.app, ZHILAN)
    const today = shanghaiDate()
    const penalty = certificate.fields.flatMap(f => f.penalties).find(p => !p.publicationEnded && p.repairFrom <= today)!
    expect(penalty.repairedOn).toBeNull()
    const proof = await upload(t.app, grant, PDF, 'application/pdf', '罚款缴纳凭证.pdf')
    const res = await post(t.app, '/api/cases/repairs', repair(grant, penalty.id, [proof.json<CaseFile>().key]), client)
    expect(res.statusCode, res.body).toBe(201)
    const receipt = res.json<CaseReceipt>()
    expect(receipt).toMatchObject({
      kind: 'repair',
      receivedOn: today,
      dueOn: addWorkingDays(today, 10),
    })
    // Until it is approved the penalty stays published, marked 信用修复办理中; a second application is refused.
    expect((await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)).records.penalties.find(p => p.id === penalty.id)?.underRepair).toBe(true)
    const again = (await upload(t.app, grant, PDF, 'application/pdf')).json<CaseFile>().key
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, penalty.id, [again]), client), 409, 'CASE_ALREADY_OPEN')

    const id = await caseId(receipt.number)
    // Decisions of the other kind are refused.
    expectError(await admin(t.app, 'POST', `/api/admin/cases/${id}/decision`, adminCookie, { decision: 'uphold', note: '成立', outcome: 'withdraw' }), 409, 'CASE_STATE')
    const asked = await decide(id, { decision: 'moreDocuments', note: '请补充整改完成的现场照片。' })
    expect(asked).toMatchObject({
      status: 'moreDocuments',
      daysLeft: null,
      commitmentSignedAt: expect.any(String),
    })

    // The firm opens the case, sees what is asked, and adds a photo to the same case.
    const { view, grant: lookupGrant } = await lookUp(t.app, receipt.number, ZHILAN.contactPhone)
    expect(view).toMatchObject({ status: 'moreDocuments', kind: 'repair' })
    expect(view.timeline.at(-1)).toMatchObject({ type: 'moreDocuments', note: '请补充整改完成的现场照片。' })
    const picture = await upload(t.app, lookupGrant, await photo(), 'image/jpeg', '整改现场.jpg')
    const added = await post(t.app, '/api/cases/documents', {
      grant: lookupGrant,
      files: [picture.json<CaseFile>().key],
    }, newClient())
    expect(added.statusCode, added.body).toBe(200)
    expect(added.json<CaseView>()).toMatchObject({
      status: 'open',
      dueOn: addWorkingDays(today, 10),
    })
    expect(added.json<CaseView>().files.map(f => f.name)).toEqual(['罚款缴纳凭证.pdf', '整改现场.jpg'])
    // Once back with the office, nothing more can be added.
    expectError(await post(t.app, '/api/cases/documents', {
      grant: lookupGrant,
      files: [picture.json<CaseFile>().key],
    }, newClient()), 400, 'ATTACHMENT_MISSING')

    const approved = await decide(id, { decision: 'approve', note: '材料齐全，准予信用修复，即日起停止公示。' })
    expect(approved.status).toBe('approved')
    expect(approved.timeline.map(e => e.type)).toEqual([
      'filed',
      'moreDocuments',
      'documentsAdded',
      'approved',
    ])
    const profile = await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${ZHILAN.uscc}`)
    expect(profile.records.penalties.some(p => p.id === penalty.id)).toBe(false)
    // The certificate still lists it for its period, repaired.
    const after = await firmCertificate(t.app, ZHILAN)
    expect(after.certificate.fields.flatMap(f => f.penalties).find(p => p.id === penalty.id)).toMatchObject({ repairedOn: today, publicationEnded: true })
    const audit = await t.app.db.selectFrom('admin_audit').selectAll().where('action', '=', 'record_repaired').executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail!).before.public_until).toBe(penalty.publicUntil)
  })

  it('should refuse a repair before its date, without a matching signature, for a non-penalty, or a serious one without training', async () => {
    const count = async () => Number((await t.app.db.selectFrom('credit_cases').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const { certificate, grant, client } = await firmCertificate(t.app, MINGTUO)
    const serious = certificate.fields.flatMap(f => f.penalties).find(p => p.severity === 'serious' && !p.publicationEnded)!
    expect(serious.repairFrom > shanghaiDate()).toBe(true)
    const proof = (await upload(t.app, grant, PDF, 'application/pdf')).json<CaseFile>().key
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, serious.id, [proof], MINGTUO.legalRepresentative), client), 400, 'REPAIR_TOO_EARLY')
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, serious.id, [], MINGTUO.legalRepresentative), client), 400, 'VALIDATION_FAILED')
    const listing = certificate.fields.flatMap(f => f.dishonesty)[0]!
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, listing.id, [proof], MINGTUO.legalRepresentative), client), 400, 'REPAIR_NOT_POSSIBLE')

    // A year on, a serious penalty can be repaired, with the training certificate.
    await t.app.db.updateTable('credit_records').set({
      decided_on: shanghaiDate(-400),
    }).where('id', '=', serious.id).execute()
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, serious.id, [proof], '张三'), client), 400, 'SIGNATURE_MISMATCH')
    expectError(await post(t.app, '/api/cases/repairs', repair(grant, serious.id, [proof], MINGTUO.legalRepresentative), client), 400, 'TRAINING_PROOF_REQUIRED')
    expect(await count()).toBe(before)
    const training = await uploadTraining(t.app, grant)
    const res = await post(t.app, '/api/cases/repairs', repair(grant, serious.id, [proof, training], ` ${MINGTUO.legalRepresentative} `), client)
    expect(res.statusCode, res.body).toBe(201)
    const id = await caseId(res.json<CaseReceipt>().number)
    const seen = await admin(t.app, 'GET', `/api/admin/cases/${id}`, adminCookie)
    expect(seen.json<StaffCase>().files.map(f => f.purpose).sort()).toEqual(['proof', 'training'])
    expect((await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${MINGTUO.uscc}`)).records.penalties.find(p => p.id === serious.id)?.underRepair).toBe(true)
    // Rejected: the mark comes off, the penalty stays published.
    await decide(id, { decision: 'reject', note: '培训证明与企业名称不符，不予修复。' })
    expect((await getOk<EnterpriseProfile>(t.app, `/api/enterprises/${MINGTUO.uscc}`)).records.penalties.find(p => p.id === serious.id)?.underRepair).toBe(false)
  })
})

/** A training certificate, uploaded as one. */
async function uploadTraining(app: FastifyInstance, grant: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases/files?purpose=training',
    payload: PDF,
    remoteAddress: newClient(),
    headers: {
      'content-type': 'application/pdf',
      'x-case-grant': grant,
      'x-file-name': encodeURIComponent('信用修复培训证明.pdf'),
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  expect(res.json<CaseFile>().purpose).toBe('training')
  return res.json<CaseFile>().key
}
