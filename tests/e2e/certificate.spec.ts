import type { APIRequestContext, Page } from '@playwright/test'
import type { SeedEnterprise } from '../../server/seed/data/types'
import { loadSeedData } from '../../server/seed/data/load'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { codeBefore, everythingStored, latestCodeFor } from './support/helpers'

// A firm's own credit certificate, as its representative gets it on a phone and at the kiosk, and as anyone
// holding the printout checks it.
const { enterprises } = loadSeedData()

function firm(key: string): SeedEnterprise & { contactPhone: string } {
  const found = enterprises.find(e => e.key === key)
  if (!found?.contactPhone)
    throw new Error(`no seeded firm ${key} with a phone`)
  return { ...found, contactPhone: found.contactPhone }
}

/** The demo accounts' password (demo data only). */
const DEMO_PASSWORD = 'changning-demo-2026'

/** An applicant's ID number (valid check character; applicants need not be on file). */
const APPLICANT_ID = '110101199003074338'

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

/** From the identity step on (consent given): the applicant's details, the code, the certificate. */
async function applyAsRepresentative(page: Page, request: APIRequestContext, baseURL: string, who: ReturnType<typeof firm>, checkA11y: boolean) {
  await expect(page.getByTestId('step-identity')).toBeVisible()
  await expect(page.getByTestId('firm-uscc')).toHaveValue(who.uscc)
  await expect(page.getByTestId('uscc-hint')).toContainText('代码有效')
  await expect(page.getByTestId('role-representative')).toBeChecked()
  await expect(page.getByTestId('years-3')).toBeChecked()
  await page.getByTestId('applicant-name').fill(who.legalRepresentative)
  await page.getByTestId('applicant-id').fill(APPLICANT_ID)
  await expect(page.getByTestId('id-hint')).toHaveText('号码格式正确')
  if (checkA11y)
    await expectNoAxeViolations(page, 'certificate identity step')
  const before = await codeBefore(request, baseURL, who.contactPhone)
  await page.getByTestId('send-code').click()
  await expect(page.getByTestId('step-code')).toBeVisible()
  await expect(page.getByTestId('code-sent')).toContainText('企业登记的联系电话')
  const code = await latestCodeFor(request, baseURL, who.contactPhone, before)
  if (checkA11y)
    await expectNoAxeViolations(page, 'certificate code step')
  await page.getByTestId('otp').fill(code)
  await page.getByTestId('view-report').click()
  await expect(page.getByTestId('firm-certificate')).toBeVisible()
}

test.describe('firm credit certificate', () => {
  test('should let the representative get it from the firm\'s profile, show records no longer public, print it and have it verify', async ({ page, context, request, baseURL }, testInfo) => {
    test.slow()
    const who = firm('zhilan-catering')
    const apiCalls: string[] = []
    page.on('request', r => apiCalls.push(r.url()))

    // The public profile: one penalty still published; the one whose publication ended is not shown there.
    await page.goto(`/query/enterprise/${who.uscc}`)
    await expect(page.getByTestId('enterprise-profile')).toBeVisible()
    const published = await page.getByTestId('penalty').count()
    await page.getByTestId('apply-certificate').click()
    await expect(page).toHaveURL(`/query/certificate?uscc=${who.uscc}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('企业专用信用报告')
    await expectNoAxeViolations(page, 'certificate consent step')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()

    // A name that is not the representative on file is refused, clearly.
    await page.getByTestId('applicant-name').fill('王某某')
    await page.getByTestId('applicant-id').fill(APPLICANT_ID)
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('form-error')).toContainText('法定代表人不一致')

    await applyAsRepresentative(page, request, baseURL!, who, true)
    const certificate = page.getByTestId('firm-certificate')
    await expect(certificate.getByTestId('certificate-firm')).toHaveText(who.name)
    await expect(certificate.getByTestId('certificate-result')).toHaveAttribute('data-result', 'records')
    await expect(certificate.getByTestId('certificate-fields').locator('li')).toHaveCount(12)
    await expect(certificate.getByTestId('field-tax').getByTestId('field-clean')).toBeVisible()
    // More penalties than the public profile shows: those whose publication ended are on it, marked.
    expect(await certificate.getByTestId('certificate-penalty').count()).toBeGreaterThan(published)
    await expect(certificate.getByTestId('publication-ended').first()).toBeVisible()
    await expect(certificate).not.toContainText(APPLICANT_ID)
    const number = (await certificate.getByTestId('report-number').textContent())!.trim()
    const code = (await certificate.getByTestId('verification-code').textContent())!.trim()
    expect(number).toMatch(/^FC-\d{8}-[A-Z0-9]{8}$/)
    await expectNoAxeViolations(page, 'certificate')

    // Nothing of the applicant's in any address.
    for (const url of [
      page.url(),
      ...apiCalls,
    ])
      expect(url).not.toContain(APPLICANT_ID)

    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.tabbar')).toBeHidden()
    await expect(page.getByTestId('print-report')).toBeHidden()
    await expect(certificate.getByTestId('verification-block')).toBeVisible()
    await testInfo.attach('certificate-print.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
    await page.emulateMedia({ media: 'screen' })

    await page.getByTestId('finish-report').click()
    await expect(page.getByTestId('firm-certificate')).toHaveCount(0)
    await expect(page.getByTestId('step-consent')).toBeVisible()
    const stored = await everythingStored(page)
    for (const secret of [
      APPLICANT_ID,
      who.contactPhone,
      number,
      code,
    ]) {
      expect(stored.local, 'localStorage').not.toContain(secret)
      expect(stored.session, 'sessionStorage').not.toContain(secret)
      expect(stored.caches, 'Cache Storage').not.toContain(secret)
      expect(stored.indexedDb, 'IndexedDB').not.toContain(secret)
    }
    expect(stored.caches, 'no certificate cached').not.toContain('/api/certificates')
    expect((await context.cookies()).map(c => c.name)).toEqual([])

    // The printout's QR link: issue date, firm, period and result.
    await page.goto(`/verify#n=${encodeURIComponent(number)}&c=${encodeURIComponent(code)}`)
    const result = page.getByTestId('verify-result')
    await expect(result).toHaveAttribute('data-status', 'genuine')
    await expect(result.getByTestId('verify-firm')).toHaveText(who.name)
    await expect(result.getByTestId('verify-outcome')).toHaveText('报告期间内有违法违规记录')
    await expect(result).not.toContainText(who.legalRepresentative)
    await expectNoAxeViolations(page, 'verify (firm certificate)')
  })

  test('should pass accessibility checks on every step in elder mode', async ({ page, request, baseURL }) => {
    await enableElderMode(page)
    const who = firm('lanqi-trading')
    await page.goto(`/query/certificate?uscc=${who.uscc}`)
    await expect(page.locator('html')).toHaveClass(/\belder\b/)
    // The consent step drawn, not just the shell (axeViolations waits for the page's h1 too).
    await expect(page.getByTestId('consent-check')).toBeVisible()
    await expectNoAxeViolations(page, 'certificate consent (elder mode)')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await applyAsRepresentative(page, request, baseURL!, who, true)
    await expect(page.getByTestId('certificate-result')).toHaveAttribute('data-result', 'clean')
    await expectNoAxeViolations(page, 'certificate (elder mode)')
  })
})

test.describe('firm credit certificate at the kiosk', () => {
  test.use({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    isMobile: false,
  })

  test('should issue it on keypads only, without the applicant\'s name, and wipe everything when finished', async ({ page, request, baseURL }) => {
    test.slow()
    const who = firm('mingtuo-decoration')
    await page.goto('/kiosk/setup#token=demo-kiosk-changning-hall-01')
    await expect(page).toHaveURL('/kiosk')
    await expect(page.getByTestId('kiosk-qr')).toBeVisible()
    await expectNoAxeViolations(page, 'kiosk home')
    await page.getByTestId('tile-certificate').click()
    await expect(page).toHaveURL('/kiosk/certificate')
    await page.getByTestId('consent-check').click()
    await page.getByTestId('consent-continue').click()

    for (const key of who.uscc)
      await page.getByTestId(`key-${key}`).click()
    await expect(page.getByTestId('firm-uscc-field')).toHaveValue(who.uscc)
    await expect(page.getByTestId('uscc-hint')).toContainText('代码有效')
    await expectNoAxeViolations(page, 'kiosk certificate: firm code')
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('chosen-uscc')).toContainText(who.uscc)
    for (const key of APPLICANT_ID)
      await page.getByTestId(`key-${key}`).click()
    await expect(page.getByTestId('id-hint')).toHaveText('号码格式正确')
    await expectNoAxeViolations(page, 'kiosk certificate: applicant')
    const before = await codeBefore(request, baseURL!, who.contactPhone)
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('step-code')).toBeVisible()
    for (const key of await latestCodeFor(request, baseURL!, who.contactPhone, before))
      await page.getByTestId(`key-${key}`).click()
    await page.getByTestId('view-report').click()

    const certificate = page.getByTestId('firm-certificate')
    await expect(certificate).toBeVisible()
    await expect(certificate.getByTestId('list-status')).toContainText('已列入失信名单')
    await expect(certificate).not.toContainText(APPLICANT_ID)
    const number = (await certificate.getByTestId('report-number').textContent())!.trim()
    await expectNoAxeViolations(page, 'kiosk certificate')

    await page.getByTestId('finish-report').click()
    await expect(page).toHaveURL('/kiosk')
    await expect(page.getByTestId('kiosk-qr')).toBeVisible()
    const stored = await everythingStored(page)
    for (const secret of [APPLICANT_ID, number]) {
      expect(stored.session, 'sessionStorage').not.toContain(secret)
      expect(stored.caches, 'Cache Storage').not.toContain(secret)
      expect(stored.dom, 'the screen').not.toContain(secret)
    }
  })
})

test.describe('firm credit certificates in the statistics', () => {
  test('should show the district office today\'s certificates by channel', async ({ page, request, baseURL }) => {
    const who = firm('hongqi-property')
    const before = await codeBefore(request, baseURL!, who.contactPhone)
    const asked = await request.post(`${baseURL}/api/certificates/challenges`, {
      data: {
        uscc: who.uscc,
        role: 'agent',
        name: '王小明',
        idNumber: APPLICANT_ID,
        consent: true,
      },
      headers: { 'x-requested-with': 'fetch' },
    })
    expect(asked.status(), await asked.text()).toBe(201)
    const { challenge } = await asked.json() as { challenge: string }
    const issued = await request.post(`${baseURL}/api/certificates`, {
      data: { challenge, code: await latestCodeFor(request, baseURL!, who.contactPhone, before) },
      headers: { 'x-requested-with': 'fetch' },
    })
    expect(issued.status(), await issued.text()).toBe(201)

    await page.goto('/staff/login')
    await page.getByTestId('staff-username').fill('demo-admin')
    await page.getByTestId('staff-password').fill(DEMO_PASSWORD)
    await page.getByTestId('staff-submit').click()
    await expect(page).toHaveURL('/staff')
    await page.goto('/staff/stats')
    const section = page.getByTestId('stats-certificates')
    await expect(section.getByRole('heading')).toContainText('企业专用信用报告')
    await expect(section.getByTestId('bar-chart').locator('li').last()).toContainText('应用')
    await expectNoAxeViolations(page, 'statistics')
  })
})
