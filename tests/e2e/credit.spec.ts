import type { APIRequestContext, Page } from '@playwright/test'
import type { SeedPerson } from '../../server/seed/data/types'
import { loadSeedData } from '../../server/seed/data/load'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { everythingStored, latestCodeFor } from './support/helpers'

const { persons } = loadSeedData()

const h1 = (page: Page) => page.getByRole('heading', { level: 1 })

function person(key: string): SeedPerson {
  const found = persons.find(p => p.key === key)
  if (!found)
    throw new Error(`no seeded person ${key}`)
  return found
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${violations.join('\n')}`).toEqual([])
}

/** Consent → name and ID → code: leaves the page on the report. */
async function getReport(page: Page, request: APIRequestContext, baseURL: string, who: SeedPerson, checkA11y = false) {
  await page.goto('/query/personal')
  await expect(h1(page)).toHaveText('个人信用报告')
  await expect(page.getByTestId('step-consent')).toBeVisible()
  if (checkA11y)
    await expectNoAxeViolations(page, 'consent step')
  await expect(page.getByTestId('consent-continue')).toBeDisabled()
  await page.getByTestId('consent-check').check()
  await page.getByTestId('consent-continue').click()

  await expect(page.getByTestId('step-identity')).toBeVisible()
  await page.getByTestId('person-name').fill(who.name)
  await page.getByTestId('person-id').fill(who.idNumber)
  await expect(page.getByTestId('id-hint')).toHaveText('号码格式正确')
  if (checkA11y)
    await expectNoAxeViolations(page, 'identity step')
  const before = await (await request.get(`${baseURL}/api/test/sms`)).json() as { to: string, code: string }[]
  await page.getByTestId('send-code').click()

  await expect(page.getByTestId('step-code')).toBeVisible()
  await expect(page.getByTestId('code-sent')).toContainText('5 分钟内有效')
  await expect(page.getByTestId('resend')).toBeDisabled()
  const code = await latestCodeFor(request, baseURL, who.phone, before.find(m => m.to === who.phone)?.code ?? null)
  if (checkA11y)
    await expectNoAxeViolations(page, 'code step')
  await page.getByTestId('otp').fill(code)
  await page.getByTestId('view-report').click()
  await expect(page.getByTestId('personal-report')).toBeVisible()
}

test.describe('enterprise profile', () => {
  test('should open a firm found by name and show every section of its public record', async ({ page }) => {
    await page.goto('/query')
    await page.getByTestId('enterprise-search').fill('铭拓')
    await page.getByTestId('enterprise-search').press('Enter')
    await expect(page).toHaveURL(`/query?q=${encodeURIComponent('铭拓')}`)
    const card = page.getByTestId('enterprise-card')
    await expect(card).toHaveCount(1)
    await card.getByRole('link', { name: '上海铭拓装饰工程有限公司' }).click()

    await expect(page).toHaveURL('/query/enterprise/91310105MA1FT6E91R')
    await expect(h1(page)).toHaveText('上海铭拓装饰工程有限公司')
    await expect(page).toHaveTitle('上海铭拓装饰工程有限公司 - 信用长宁')
    const profile = page.getByTestId('enterprise-profile')
    await expect(profile.getByTestId('section-basic')).toContainText('91 = 工商 · 企业，310105 = 上海市长宁区')
    await expect(profile.getByTestId('section-basic')).toContainText('吴铭拓')
    for (const [section, heading] of [
      ['section-licences', '行政许可'],
      ['section-penalties', '行政处罚'],
      ['section-lists', '红黑名单'],
      ['section-commitments', '信用承诺'],
      ['section-facts', '其他信用信息'],
    ] as const)
      await expect(profile.getByTestId(section).getByRole('heading', { level: 2 })).toContainText(heading)

    // A current penalty says until when it is public and from when repair can be asked for, in plain words.
    const penalty = profile.getByTestId('penalty').first()
    await expect(penalty.getByTestId('penalty-notice')).toContainText(/公示至 \d{4}年\d{1,2}月\d{1,2}日/)
    await expect(penalty.getByTestId('penalty-notice')).toContainText(/信用修复/)
    await expect(penalty).toContainText('到期后不再公示')
    await expect(profile.getByTestId('dishonesty-list')).toContainText('经营异常名录')
    await expect(profile.getByTestId('record-counts').getByRole('listitem')).toHaveCount(8)

    await profile.getByTestId('records-explainer').getByText('这些信息是什么意思？').click()
    await expect(profile.getByTestId('records-explainer')).toContainText('信用修复')
    await expectNoAxeViolations(page, 'enterprise profile')
  })

  test('should open a firm found by its full code, and show no penalty once its publicity has ended', async ({ page }) => {
    await page.goto('/query')
    await page.getByTestId('enterprise-search').fill('91310105MA1PWRUPCH')
    await page.getByTestId('enterprise-search').press('Enter')
    await expect(page).toHaveURL('/query?q=91310105MA1PWRUPCH')
    const card = page.getByTestId('enterprise-card')
    await expect(card).toHaveCount(1)
    await card.getByRole('link', { name: '上海锐跃健身服务有限公司' }).click()
    await expect(h1(page)).toHaveText('上海锐跃健身服务有限公司')
    const penalties = page.getByTestId('section-penalties')
    await expect(penalties).toContainText('没有正在公示的行政处罚')
    await expect(penalties.getByTestId('penalty')).toHaveCount(0)
  })

  test('should label the profile in English when the app starts in English, and in Chinese after switching back', async ({ page }) => {
    await page.goto('/settings')
    await page.getByTestId('locale-en').check()
    await page.reload()
    await page.goto('/query/enterprise/91310105MA1FT6E91R')
    const profile = page.getByTestId('enterprise-profile')
    await expect(profile.getByTestId('section-basic').getByRole('heading')).toHaveText('Basic information')
    await expect(profile.getByTestId('section-penalties').getByRole('heading')).toContainText('Administrative penalties')
    await expect(profile.getByTestId('penalty').first().getByTestId('penalty-notice')).toContainText('Public until')

    await page.goto('/settings')
    await page.getByTestId('locale-zh-CN').check()
    await page.goto('/query/enterprise/91310105MA1FT6E91R')
    await expect(profile.getByTestId('section-basic').getByRole('heading')).toHaveText('基本信息')
  })

  test('should say the firm was not found when a valid code is not in the register', async ({ page }) => {
    await page.goto('/query/enterprise/91310105MA1PPPPPPP')
    await expect(page.getByText('没有找到这家企业')).toBeVisible()
  })

  test('should explain a mistyped code in the address instead of asking the server', async ({ page }) => {
    const asked: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/enterprises/'))
        asked.push(r.url())
    })
    await page.goto('/query/enterprise/91310105MA1PPPPPP4')
    await expect(page.getByRole('alert')).toContainText('校验码不对')
    expect(asked).toEqual([])
  })
})

test.describe('personal credit report', () => {
  test('should issue a report through consent, ID and code, print it, verify it, and leave nothing behind', async ({ page, context, request, baseURL }, testInfo) => {
    const who = person('zhao-jingwen')
    const apiCalls: string[] = []
    page.on('request', r => apiCalls.push(r.url()))

    // An ID number with a wrong check character is refused as typed, before any request.
    await page.goto('/query/personal')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await page.getByTestId('person-name').fill(who.name)
    await page.getByTestId('person-id').fill(`${who.idNumber.slice(0, 17)}${who.idNumber[17] === '0'
      ? '1'
      : '0'}`)
    await expect(page.getByTestId('id-hint')).toContainText('校验码不对')
    const sentBefore = apiCalls.length
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('step-identity')).toBeVisible()
    expect(apiCalls.slice(sentBefore).filter(u => u.includes('/api/personal'))).toEqual([])

    await getReport(page, request, baseURL!, who, true)
    const report = page.getByTestId('personal-report')
    await expect(report.getByTestId('report-name')).toHaveText(who.name)
    await expect(report).toContainText(`${who.idNumber.slice(0, 4)}**********${who.idNumber.slice(-4)}`)
    await expect(report).not.toContainText(who.idNumber)
    await expect(report).toContainText(`${who.phone.slice(0, 3)}****${who.phone.slice(-4)}`)
    await expect(report.getByTestId('list-status')).toContainText('已列入守信红名单')
    await expect(report.getByTestId('red-list')).toHaveCount(1)
    expect(await report.getByTestId('eligible-benefit').count()).toBeGreaterThan(0)
    await expect(report.getByTestId('report-history').getByRole('row')).not.toHaveCount(1)
    await expect(report.getByTestId('verification-qr')).toBeVisible()
    expect(await report.getByTestId('verification-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    const number = (await report.getByTestId('report-number').textContent())!.trim()
    const code = (await report.getByTestId('verification-code').textContent())!.trim()
    expect(number).toMatch(/^CN-\d{8}-[A-Z0-9]{8}$/)
    await expectNoAxeViolations(page, 'report')

    // No personal data in any address the app visited.
    expect(page.url()).toMatch(/\/query\/personal$/)
    for (const url of apiCalls) {
      expect(url).not.toContain(who.idNumber)
      expect(url).not.toContain(encodeURIComponent(who.name))
    }

    // Print: A4 without app chrome, the verification block kept.
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.tabbar')).toBeHidden()
    await expect(page.getByTestId('print-report')).toBeHidden()
    await expect(page.getByTestId('steps')).toBeHidden()
    await expect(report.getByTestId('verification-block')).toBeVisible()
    await testInfo.attach('report-print.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
    await page.emulateMedia({ media: 'screen' })

    // Finish and clear: the report is gone and the flow starts again.
    await page.getByTestId('finish-report').click()
    await expect(page.getByTestId('personal-report')).toHaveCount(0)
    await expect(page.getByTestId('step-consent')).toBeVisible()
    await expect(page.locator('body')).not.toContainText(who.name)
    await expect(page.locator('body')).not.toContainText(number)

    // Nothing personal in browser storage or caches.
    const stored = await everythingStored(page)
    for (const secret of [
      who.name,
      who.idNumber,
      who.phone,
      number,
      code,
    ]) {
      expect(stored.local, 'localStorage').not.toContain(secret)
      expect(stored.session, 'sessionStorage').not.toContain(secret)
      expect(stored.caches, 'Cache Storage').not.toContain(secret)
      expect(stored.indexedDb, 'IndexedDB').not.toContain(secret)
      expect(stored.cookies, 'cookies').not.toContain(secret)
    }
    expect(stored.caches, 'no personal endpoint cached').not.toContain('/api/personal')
    expect(stored.indexedDb, 'no personal endpoint recorded').not.toContain('/api/personal')
    expect((await context.cookies()).map(c => c.name)).toEqual([])

    // Anyone holding the printout can check it: the QR link carries number and code in the fragment.
    await page.goto(`/verify#n=${encodeURIComponent(number)}&c=${encodeURIComponent(code.toLowerCase())}`)
    const result = page.getByTestId('verify-result')
    await expect(result).toHaveAttribute('data-status', 'genuine')
    await expect(result).toContainText('报告真实有效')
    await expect(result).toContainText(`${who.name[0]}**`)
    await expect(result).not.toContainText(who.name)
    await expect(page).toHaveURL('/verify')
    // The check link's fragment was taken out before the router could note it anywhere.
    const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }))
    expect(session).not.toContain(number)
    expect(session.toUpperCase()).not.toContain(code)
    await expectNoAxeViolations(page, 'verify (genuine)')

    await page.getByTestId('verify-code').fill('AAAAAAAA')
    await page.getByTestId('verify-submit').click()
    await expect(result).toHaveAttribute('data-status', 'notFound')
    await expect(result).toContainText('未找到匹配的报告')
    await expectNoAxeViolations(page, 'verify (not found)')
  })

  test('should count down wrong codes and drop the report when the person leaves the page', async ({ page, request, baseURL }) => {
    const who = person('lin-guodong')
    await page.goto('/query/personal')
    await page.getByTestId('consent-check').check()
    await page.getByTestId('consent-continue').click()
    await page.getByTestId('person-name').fill(who.name)
    await page.getByTestId('person-id').fill(who.idNumber)
    await page.getByTestId('send-code').click()
    const code = await latestCodeFor(request, baseURL!, who.phone)
    const wrong = code === '000000'
      ? '111111'
      : '000000'
    await page.getByTestId('otp').fill(wrong)
    await page.getByTestId('view-report').click()
    await expect(page.getByTestId('form-error')).toContainText('验证码不正确')
    await expect(page.getByTestId('form-error')).toContainText('还可尝试 4 次')
    await page.getByTestId('otp').fill(code)
    await page.getByTestId('view-report').click()
    const report = page.getByTestId('personal-report')
    await expect(report.getByTestId('report-name')).toHaveText(who.name)
    expect(await report.getByTestId('fact').count() + await report.getByTestId('commitment').count()).toBeGreaterThan(0)

    // Following a benefit link leaves the report; coming back does not bring it back.
    const benefits = report.getByTestId('eligible-benefit')
    if (await benefits.count() > 0) {
      await benefits.first().getByRole('link').click()
      await expect(page).toHaveURL(/\/benefits\/\d+$/)
    }
    else {
      await page.getByRole('link', { name: '首页' }).click()
    }
    await page.goBack()
    await expect(page).toHaveURL('/query/personal')
    await expect(page.getByTestId('step-consent')).toBeVisible()
    await expect(page.getByTestId('personal-report')).toHaveCount(0)
  })

  test('should pass accessibility checks on every step in elder mode', async ({ page, request, baseURL }) => {
    await enableElderMode(page)
    await getReport(page, request, baseURL!, person('gu-meihua'), true)
    await expect(page.locator('html')).toHaveClass(/\belder\b/)
    await expectNoAxeViolations(page, 'report (elder mode)')
    await page.goto('/verify')
    await expectNoAxeViolations(page, 'verify (elder mode)')
    await page.goto('/query/enterprise/91310105MA1FT6E91R')
    await expect(page.getByTestId('enterprise-profile')).toBeVisible()
    await expectNoAxeViolations(page, 'enterprise profile (elder mode)')
  })
})
