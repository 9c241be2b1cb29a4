import type { APIRequestContext, Page } from '@playwright/test'
import type { SeedEnterprise, SeedPerson } from '../../server/seed/data/types'
import { Buffer } from 'node:buffer'
import { loadSeedData } from '../../server/seed/data/load'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { codeBefore, everythingStored, latestCodeFor } from './support/helpers'

// Objections (异议申诉) end to end: a resident objects to a record of their report with a PDF, the district office
// upholds it and corrects the record, the resident follows the case by its number and sees the report change; a
// firm objects from its public profile after verifying on the certificate page, in elder mode, every step axe-clean.
const { persons, enterprises } = loadSeedData()
const DEMO_PASSWORD = 'changning-demo-2026'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

function person(key: string): SeedPerson & { phone: string } {
  const found = persons.find(p => p.key === key)
  if (!found?.phone)
    throw new Error(`no seeded person ${key} with a phone`)
  return { ...found, phone: found.phone }
}
function firm(key: string): SeedEnterprise & { contactPhone: string } {
  const found = enterprises.find(e => e.key === key)
  if (!found?.contactPhone)
    throw new Error(`no seeded firm ${key} with a phone`)
  return { ...found, contactPhone: found.contactPhone }
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

async function enterCode(page: Page, request: APIRequestContext, baseURL: string, phone: string, before: string | null) {
  await expect(page.getByTestId('step-code')).toBeVisible()
  await page.getByTestId('otp').fill(await latestCodeFor(request, baseURL, phone, before))
  await page.getByTestId('view-report').click()
}

/** Writes and sends an objection on the open form; returns the tracking number. */
async function object(page: Page, text: string, a11y: string) {
  await expect(page.getByTestId('objection-form')).toBeVisible()
  await expectNoAxeViolations(page, `objection form${a11y}`)
  await page.getByTestId('reason-wrongFacts').check()
  await page.getByTestId('objection-text').fill(text)
  await page.getByTestId('proof-input').setInputFiles({ name: '情况说明.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(page.getByTestId('proof-file')).toContainText('情况说明.pdf')
  await page.getByTestId('objection-submit').click()
  await expect(page.getByTestId('case-receipt')).toBeVisible()
  await expectNoAxeViolations(page, `objection receipt${a11y}`)
  const number = (await page.getByTestId('case-number').textContent() ?? '').replace(/\s/g, '')
  expect(number).toMatch(/^\d{16}$/)
  return number
}

/** Opens a case at /query/case with its number and the code sent to `phone`. */
async function lookUp(page: Page, request: APIRequestContext, baseURL: string, number: string, phone: string, a11y = '') {
  await page.goto('/query/case')
  await expect(page.getByTestId('case-number-field')).toBeVisible()
  await expectNoAxeViolations(page, `case lookup${a11y}`)
  await page.getByTestId('case-number-field').fill(number)
  const before = await codeBefore(request, baseURL, phone)
  await page.getByTestId('send-code').click()
  await expect(page.getByTestId('step-code')).toBeVisible()
  await expectNoAxeViolations(page, `case lookup code${a11y}`)
  await enterCode(page, request, baseURL, phone, before)
  await expect(page.getByTestId('case-view')).toBeVisible()
  await expectNoAxeViolations(page, `case view${a11y}`)
  return page.getByTestId('case-view')
}

test.describe('objections', () => {
  test('should take a resident\'s objection, let the office uphold it and correct the record, and show the applicant the outcome', async ({ page, request, baseURL }) => {
    test.slow()
    const who = person('ma-jianping')
    // The report.
    await page.goto('/query/personal')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await page.getByTestId('person-name').fill(who.name)
    await page.getByTestId('person-id').fill(who.idNumber)
    const before = await codeBefore(request, baseURL!, who.phone)
    await page.getByTestId('send-code').click()
    await enterCode(page, request, baseURL!, who.phone, before)
    const penalty = page.getByTestId('penalty').first()
    await expect(penalty).toBeVisible()
    const facts = who.records.find(r => r.kind === 'penalty')!.facts!
    await expect(penalty).toContainText(facts)

    // The objection, and the mark on the report at once.
    await penalty.getByTestId('object-record').click()
    await expect(page.getByTestId('objection-record')).toHaveText(who.records.find(r => r.kind === 'penalty')!.violationType!)
    const number = await object(page, '执法人员责令改正后本人已当场重新分类投放，“未改正”与事实不符，附情况说明。', '')
    await page.getByTestId('back-to-report').click()
    await expect(page.getByTestId('penalty').first().getByTestId('under-objection')).toHaveText('异议处理中')
    // Nothing of it is kept on the device.
    const stored = await everythingStored(page)
    expect(stored.local + stored.session + stored.indexedDb).not.toContain(number)
    expect(stored.caches).not.toContain('/api/cases')

    // The office upholds it and corrects the facts.
    await page.goto('/staff/login')
    await page.getByTestId('staff-username').fill('demo-admin')
    await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
    await page.getByTestId('staff-submit').click()
    await expect(page).toHaveURL('/staff')
    await page.getByTestId('link-cases').click()
    const item = page.getByTestId('case-item').filter({ hasText: number })
    await expect(item).toBeVisible()
    await expect(item.getByTestId('case-left')).toContainText('剩 10 个工作日')
    await expectNoAxeViolations(page, 'staff cases')
    await item.getByRole('link').click()
    await expect(page.getByTestId('decision-form')).toBeVisible()
    await expect(page.getByTestId('case-file-link')).toHaveText('情况说明.pdf')
    await expectNoAxeViolations(page, 'staff case')
    const corrected = '当事人在居住小区垃圾箱房将湿垃圾与干垃圾混合投放，经执法人员当场责令改正后已改正。'
    await page.getByTestId('decision-uphold').check()
    await page.getByTestId('outcome-correct').check()
    await page.getByTestId('correct-facts').fill(corrected)
    await page.getByTestId('decision-note').fill('经核查执法记录，当事人已当场改正，更正违法事实。')
    await page.getByTestId('decide').click()
    await expect(page.getByTestId('case-status')).toHaveText('异议成立')
    await expect(page.getByTestId('decision-form')).toHaveCount(0)

    // The resident follows the case by its number, and a new report shows the corrected record without the mark.
    const view = await lookUp(page, request, baseURL!, number, who.phone)
    await expect(view).toHaveAttribute('data-status', 'upheld')
    await expect(view.getByTestId('case-decision')).toContainText('已当场改正')
    await expect(view.getByTestId('case-event')).toHaveCount(2)
    await page.goto('/query/personal')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await page.getByTestId('person-name').fill(who.name)
    await page.getByTestId('person-id').fill(who.idNumber)
    const again = await codeBefore(request, baseURL!, who.phone)
    await page.getByTestId('send-code').click()
    await enterCode(page, request, baseURL!, who.phone, again)
    await expect(page.getByTestId('penalty').first()).toContainText(corrected)
    await expect(page.getByTestId('penalty').first().getByTestId('under-objection')).toHaveCount(0)
  })

  test('should let a firm object from its public profile after verifying, in elder mode, every step axe-clean', async ({ page, request, baseURL }) => {
    test.slow()
    await enableElderMode(page)
    const who = firm('jingtu-logistics')
    await page.goto(`/query/enterprise/${who.uscc}`)
    const penalty = page.getByTestId('penalty').first()
    await expect(penalty).toBeVisible()
    await expectNoAxeViolations(page, 'profile with the objection link (elder mode)')
    await penalty.getByTestId('object-record').click()
    await expect(page).toHaveURL(/\/query\/certificate\?uscc=.+&object=\d+$/)
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await expect(page.getByTestId('firm-uscc')).toHaveValue(who.uscc)
    await page.getByTestId('applicant-name').fill(who.legalRepresentative)
    await page.getByTestId('applicant-id').fill('110101199003074338')
    const before = await codeBefore(request, baseURL!, who.contactPhone)
    await page.getByTestId('send-code').click()
    await enterCode(page, request, baseURL!, who.contactPhone, before)
    const number = await object(page, '处罚决定所认定的超载车辆不属于本公司，车辆已于决定前转让，附转让协议。', ' (elder mode)')
    // Back on the certificate: the record is marked, and credit repair is offered for it too.
    await page.getByTestId('back-to-report').click()
    const listed = page.getByTestId('certificate-penalty').first()
    await expect(listed.getByTestId('under-objection')).toBeVisible()
    await listed.getByTestId('repair-record').click()
    await expect(page.getByTestId('repair-form')).toBeVisible()
    await expectNoAxeViolations(page, 'repair form (elder mode)')
    await page.getByTestId('repair-cancel').click()
    await expect(page.getByTestId('firm-certificate')).toBeVisible()

    // The public profile shows the mark to everyone.
    await page.goto(`/query/enterprise/${who.uscc}`)
    await expect(page.getByTestId('penalty').first().getByTestId('under-objection')).toHaveText('异议处理中')
    const view = await lookUp(page, request, baseURL!, number, who.contactPhone, ' (elder mode)')
    await expect(view).toHaveAttribute('data-status', 'open')
    await expect(view.getByTestId('case-file')).toHaveText('情况说明.pdf')
  })
})

test.describe('case lookup at the kiosk', () => {
  test.use({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    isMobile: false,
  })

  test('should show a case on the keypads only and wipe it when finished', async ({ page, request, baseURL }) => {
    test.slow()
    // The demo objection filed yesterday (server/seed/cases.ts), its number as the office sees it (the number holds
    // the day it was filed, and a run may cross midnight in Shanghai after the server was seeded).
    const who = person('zheng-haifeng')
    const login = await request.post(`${baseURL}/api/auth/login`, {
      headers: { 'x-requested-with': 'credit-changning' },
      data: { username: 'demo-admin', password: DEMO_PASSWORD },
    })
    expect(login.ok()).toBe(true)
    const open = await (await request.get(`${baseURL}/api/admin/cases?state=open&kind=objection`)).json() as { items: { number: string, isDemo: boolean, subjectName: string }[] }
    // A person's name is masked on a case: 郑**.
    const masked = `${who.name.slice(0, 1)}${'*'.repeat(who.name.length - 1)}`
    const number = open.items.find(c => c.isDemo && c.subjectName === masked)?.number ?? ''
    expect(number).toMatch(/^\d{16}$/)
    await page.goto('/kiosk/setup#token=demo-kiosk-changning-hall-01')
    await expect(page).toHaveURL('/kiosk')
    await page.getByTestId('tile-cases').click()
    await expect(page).toHaveURL('/kiosk/case')
    for (const key of number)
      await page.getByTestId(`key-${key}`).click()
    await expect(page.getByTestId('case-number-field')).toHaveValue(number)
    await expectNoAxeViolations(page, 'kiosk case number')
    const before = await codeBefore(request, baseURL!, who.phone)
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('step-code')).toBeVisible()
    for (const key of await latestCodeFor(request, baseURL!, who.phone, before))
      await page.getByTestId(`key-${key}`).click()
    await page.getByTestId('view-report').click()
    const view = page.getByTestId('case-view')
    await expect(view).toHaveAttribute('data-status', 'open')
    await expect(view).not.toContainText(who.name)
    await expectNoAxeViolations(page, 'kiosk case')

    await page.getByTestId('case-finish').click()
    await expect(page).toHaveURL('/kiosk')
    await expect(page.getByTestId('kiosk-qr')).toBeVisible()
    const stored = await everythingStored(page)
    expect(stored.session + stored.local, 'browser storage').not.toContain(number)
    expect(stored.caches, 'Cache Storage').not.toContain(number)
    expect(stored.dom, 'the screen').not.toContain(number)
  })
})

test.describe('credit repair', () => {
  test('should take a firm\'s application, let the office ask for more documents, take them, approve, and end publication', async ({ page, request, baseURL }) => {
    test.slow()
    const who = firm('hongling-aviation')
    // Its latest penalty: still published, past its minimum publication period.
    const penaltyRecord = (who.records ?? []).filter(r => r.kind === 'penalty').sort((a, b) => a.daysAgo - b.daysAgo)[0]
    await page.goto(`/query/enterprise/${who.uscc}`)
    const penalty = page.getByTestId('penalty').filter({ hasText: penaltyRecord!.documentNo! })
    await expect(penalty).toBeVisible()
    await penalty.getByTestId('repair-record').click()
    await expect(page).toHaveURL(/\/query\/certificate\?uscc=.+&repair=\d+$/)
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await page.getByTestId('applicant-name').fill(who.legalRepresentative)
    await page.getByTestId('applicant-id').fill('110101199003074338')
    const before = await codeBefore(request, baseURL!, who.contactPhone)
    await page.getByTestId('send-code').click()
    await enterCode(page, request, baseURL!, who.contactPhone, before)

    // The application: free, the earliest date passed, the commitment signed, proof attached.
    await expect(page.getByTestId('repair-form')).toBeVisible()
    await expect(page.getByTestId('repair-free')).toContainText('免费')
    await expect(page.getByTestId('repair-earliest')).toContainText('已到')
    await expectNoAxeViolations(page, 'repair form')
    await expect(page.getByTestId('repair-submit')).toBeDisabled()
    await page.getByTestId('commitment-accept').check()
    await page.getByTestId('commitment-signature').fill(who.legalRepresentative)
    await page.getByTestId('proof-input').setInputFiles({ name: '罚款缴纳凭证.pdf', mimeType: 'application/pdf', buffer: PDF })
    await expect(page.getByTestId('proof-file')).toContainText('罚款缴纳凭证.pdf')
    await page.getByTestId('repair-submit').click()
    await expect(page.getByTestId('case-receipt')).toContainText('信用修复申请已受理')
    await expectNoAxeViolations(page, 'repair receipt')
    const number = (await page.getByTestId('case-number').textContent() ?? '').replace(/\s/g, '')

    // The office asks for more documents.
    await page.goto('/staff/login')
    await page.getByTestId('staff-username').fill('demo-admin')
    await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
    await page.getByTestId('staff-submit').click()
    await expect(page).toHaveURL('/staff')
    await page.goto('/staff/cases')
    await page.getByTestId('case-item').filter({ hasText: number }).getByRole('link').click()
    await expect(page.getByTestId('case-commitment')).toBeVisible()
    await expectNoAxeViolations(page, 'staff repair case')
    await page.getByTestId('decision-moreDocuments').check()
    await page.getByTestId('decision-note').fill('请补充罚款缴纳的银行回单。')
    await page.getByTestId('decide').click()
    await expect(page.getByTestId('case-status')).toHaveText('待补充材料')

    // The firm adds them to the same case.
    await lookUp(page, request, baseURL!, number, who.contactPhone)
    await expect(page.getByTestId('documents-note')).toHaveText('请补充罚款缴纳的银行回单。')
    await page.getByTestId('documents-input').setInputFiles({ name: '银行回单.pdf', mimeType: 'application/pdf', buffer: PDF })
    await expect(page.getByTestId('documents-file')).toContainText('银行回单.pdf')
    await expectNoAxeViolations(page, 'case documents form')
    await page.getByTestId('send-documents').click()
    await expect(page.getByTestId('case-view')).toHaveAttribute('data-status', 'open')
    await expect(page.getByTestId('case-file')).toHaveCount(2)

    // The office approves: the penalty is no longer published.
    await page.goto('/staff/cases')
    await page.getByTestId('case-item').filter({ hasText: number }).getByRole('link').click()
    await expect(page).toHaveURL(/\/staff\/cases\/\d+$/)
    await page.getByTestId('decision-approve').check()
    await page.getByTestId('decision-note').fill('材料齐全，准予信用修复。')
    await page.getByTestId('decide').click()
    await expect(page.getByTestId('case-status')).toHaveText('已修复')
    await page.goto(`/query/enterprise/${who.uscc}`)
    await expect(page.getByTestId('section-penalties')).toBeVisible()
    await expect(page.getByTestId('penalty').filter({ hasText: penaltyRecord!.documentNo! })).toHaveCount(0)
  })
})

test.describe('the office\'s cases', () => {
  test('should list the demo cases with the overdue in red, and open each kind, in elder mode and in English, axe-clean', async ({ page }) => {
    test.slow()
    await enableElderMode(page)
    await page.goto('/staff/login')
    await page.getByTestId('staff-username').fill('demo-admin')
    await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
    await page.getByTestId('staff-submit').click()
    await expect(page).toHaveURL('/staff')
    await page.goto('/staff/cases?state=overdue')
    const overdue = page.getByTestId('case-item').first()
    await expect(overdue.getByTestId('case-left')).toContainText('已超期')
    await expect(overdue.getByTestId('case-left')).toHaveCSS('color', 'rgb(200, 16, 46)')
    await expectNoAxeViolations(page, 'staff cases, overdue (elder mode)')
    await page.goto('/staff/cases')
    // The demo repair waiting for the firm's documents, with its commitment and the deadline paused.
    await page.getByTestId('case-item').filter({ hasText: '待补充材料' }).first().getByRole('link').click()
    await expect(page.getByTestId('case-commitment')).toBeVisible()
    await expect(page.getByTestId('case-deadline')).toHaveCount(0)
    await expectNoAxeViolations(page, 'staff repair case (elder mode)')

    await page.goto('/settings')
    await page.getByTestId('locale-en').check()
    await page.goto('/staff/cases?state=decided')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Objections and repair')
    await expect(page.getByTestId('case-item').filter({ hasText: 'Repaired' }).first()).toBeVisible()
    await expectNoAxeViolations(page, 'staff cases, decided (English, elder mode)')
    await page.getByTestId('case-item').filter({ hasText: 'Not upheld' }).first().getByRole('link').click()
    await expect(page.getByTestId('case-decision')).toBeVisible()
    await expectNoAxeViolations(page, 'staff objection case (English, elder mode)')
  })
})
