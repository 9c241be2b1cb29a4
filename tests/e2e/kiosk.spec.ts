import type { APIRequestContext, Page } from '@playwright/test'
import type { SeedPerson } from '../../server/seed/data/types'
import { loadSeedData } from '../../server/seed/data/load'
import { axeViolations, expect, test } from './support/fixtures'
import { everythingStored } from './support/helpers'

const { persons } = loadSeedData()

// The service-hall kiosk: portrait 1080×1920, touch only. Every value is entered on on-screen keypads (clicks),
// never with the keyboard.
test.use({
  viewport: { width: 1080, height: 1920 },
  hasTouch: true,
  isMobile: false,
})

const DEMO_KIOSK = { token: 'demo-kiosk-changning-hall-01', exitCode: '13579024' }

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

/** Sets the device up as the demo kiosk with the install-time link; the token leaves the address at once. */
async function setUpKiosk(page: Page) {
  await page.goto(`/kiosk/setup#token=${DEMO_KIOSK.token}`)
  await expect(page).toHaveURL('/kiosk')
  await expect(page.getByTestId('kiosk-qr')).toBeVisible()
  await expect(page.getByTestId('kiosk-label')).toContainText('自助终端 #1')
}

async function typeOnKeypad(page: Page, text: string) {
  for (const key of text)
    await page.getByTestId(`key-${key}`).click()
}

async function latestCode(request: APIRequestContext, baseURL: string, phone: string): Promise<string> {
  let code = ''
  await expect.poll(async () => {
    const messages = await (await request.get(`${baseURL}/api/test/sms`)).json() as { to: string, code: string }[]
    code = messages.find(m => m.to === phone)?.code ?? ''
    return code
  }, { message: `a code sent to ${phone}` }).not.toBe('')
  return code
}

/** From the kiosk home to the report, on keypads only. */
async function reportOnKeypads(page: Page, request: APIRequestContext, baseURL: string, who: SeedPerson, checkA11y = false) {
  await page.getByTestId('tile-report').click()
  await expect(page).toHaveURL('/kiosk/report')
  await expect(page.getByTestId('steps').locator('[aria-current="step"]')).toContainText('授权')
  await page.getByTestId('consent-check').click()
  if (checkA11y)
    await expectNoAxeViolations(page, 'kiosk consent')
  await page.getByTestId('consent-continue').click()

  await expect(page.getByTestId('step-identity')).toBeVisible()
  await expect(page.getByTestId('person-id-field')).toHaveAttribute('inputmode', 'none')
  await typeOnKeypad(page, `${who.idNumber.slice(0, 17)}0`)
  await page.getByTestId('key-delete').click()
  await typeOnKeypad(page, who.idNumber.slice(17))
  await expect(page.getByTestId('person-id-field')).toHaveValue(who.idNumber)
  await expect(page.getByTestId('id-hint')).toHaveText('号码格式正确')
  if (checkA11y)
    await expectNoAxeViolations(page, 'kiosk ID keypad')
  await page.getByTestId('send-code').click()

  await expect(page.getByTestId('step-code')).toBeVisible()
  const code = await latestCode(request, baseURL, who.phone)
  await typeOnKeypad(page, code)
  if (checkA11y)
    await expectNoAxeViolations(page, 'kiosk code keypad')
  await page.getByTestId('view-report').click()
  await expect(page.getByTestId('personal-report')).toBeVisible()
}

async function expectNothingPersonalLeft(page: Page, secrets: string[], historyLength: number) {
  await expect(page).toHaveURL('/kiosk')
  await expect(page.getByTestId('kiosk-qr')).toBeVisible()
  const stored = await everythingStored(page)
  expect(stored.localKeys, 'localStorage keeps only the kiosk configuration').toEqual(['credit-changning:kiosk'])
  // The wipe empties sessionStorage; the router then notes scroll positions of kiosk paths there again (paths only).
  expect(stored.sessionKeys.filter(k => k !== 'vue-router:scroll'), 'sessionStorage').toEqual([])
  expect(stored.session, 'sessionStorage').not.toContain('#')
  expect(stored.cacheNames.filter(n => !n.includes('precache')), 'caches other than the precache').toEqual([])
  for (const secret of secrets) {
    expect(stored.local, 'localStorage').not.toContain(secret)
    expect(stored.session, 'sessionStorage').not.toContain(secret)
    expect(stored.caches, 'Cache Storage').not.toContain(secret)
    expect(stored.indexedDb, 'IndexedDB').not.toContain(secret)
    expect(stored.dom, 'the screen').not.toContain(secret)
  }
  expect(stored.historyLength, 'history entries').toBe(historyLength)
}

test.describe('kiosk', () => {
  test('should print a personal report entered on keypads only and wipe everything when the person finishes', async ({ page, request, baseURL }, testInfo) => {
    // A whole journey with several accessibility scans: up to about 50 s alone on a 2-core machine, so it gets the
    // slow-test allowance (the timeout guards against hangs, not speed).
    test.slow()
    const who = person('zhou-xiuying')
    await setUpKiosk(page)
    const startHistory = await page.evaluate(() => history.length)
    await expectNoAxeViolations(page, 'kiosk home')
    await expect(page.locator('.tabbar')).toHaveCount(0)

    await reportOnKeypads(page, request, baseURL!, who, true)
    const report = page.getByTestId('personal-report')
    // At the kiosk nobody typed a name: it is shown masked from the record.
    await expect(report.getByTestId('report-name')).toHaveText(`${who.name[0]}${'*'.repeat([...who.name].length - 1)}`)
    await expect(report).not.toContainText(who.name)
    await expect(report.getByTestId('report-history')).toContainText('自助终端 #1')
    const number = (await report.getByTestId('report-number').textContent())!.trim()
    const code = (await report.getByTestId('verification-code').textContent())!.trim()
    await expect(page.getByTestId('print-report')).toBeInViewport()
    await expect(page.getByTestId('finish-report')).toBeInViewport()
    await expectNoAxeViolations(page, 'kiosk report')

    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.kiosk-bar')).toBeHidden()
    await expect(page.getByTestId('print-report')).toBeHidden()
    await expect(report.getByTestId('verification-block')).toBeVisible()
    await testInfo.attach('kiosk-report-print.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' })
    await page.emulateMedia({ media: 'screen' })

    // After printing the kiosk offers to finish and clear.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    const printed = page.getByTestId('printed-dialog')
    await expect(printed).toBeVisible()
    await expect(report).toBeHidden()
    await expectNoAxeViolations(page, 'kiosk printed dialog')
    await printed.getByTestId('printed-finish').click()

    await expectNothingPersonalLeft(page, [
      who.idNumber,
      who.phone,
      number,
      code,
      who.name,
    ], startHistory)
    // Back and forward lead nowhere near the report.
    await page.goBack().catch(() => {})
    await expect(page.getByTestId('personal-report')).toHaveCount(0)
  })

  test('should warn after the idle time on a personal screen, hide the report, and wipe when the countdown ends', async ({ page, request, baseURL }) => {
    const who = person('qian-fugen')
    await page.clock.install()
    await setUpKiosk(page)
    const startHistory = await page.evaluate(() => history.length)
    await reportOnKeypads(page, request, baseURL!, who)
    const number = (await page.getByTestId('report-number').textContent())!.trim()

    await page.clock.fastForward(55_000)
    await expect(page.getByTestId('idle-dialog')).toBeHidden()
    await page.clock.fastForward(6_000)
    const dialog = page.getByTestId('idle-dialog')
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('还在使用吗？')
    await expect(dialog).toContainText(/\d+ 秒后将结束并清除/)
    // The report is not readable behind the warning.
    await expect(page.getByTestId('personal-report')).toBeHidden()
    await expectNoAxeViolations(page, 'kiosk idle dialog')

    await page.clock.fastForward(21_000)
    await expectNothingPersonalLeft(page, [who.idNumber, who.phone, number], startHistory)
  })

  test('should wait longer on screens without personal data and carry on when the person taps continue', async ({ page }) => {
    await page.clock.install()
    await setUpKiosk(page)
    await page.getByTestId('tile-benefits').click()
    await expect(page.getByTestId('benefit-card').first()).toBeVisible()
    await page.clock.fastForward(100_000)
    await expect(page.getByTestId('idle-dialog')).toBeHidden()
    await page.clock.fastForward(21_000)
    await expect(page.getByTestId('idle-dialog')).toBeVisible()
    await page.getByTestId('idle-continue').click()
    await expect(page.getByTestId('idle-dialog')).toBeHidden()
    await expect(page).toHaveURL('/kiosk/benefits')
    await expect(page.getByTestId('benefit-card').first()).toBeVisible()
  })

  test('should find a firm with the credit-code keypad and open its profile', async ({ page }) => {
    await setUpKiosk(page)
    await page.getByTestId('tile-enterprise').click()
    await expect(page).toHaveURL('/kiosk/enterprise')
    // Only characters a code may contain.
    for (const absent of ['I', 'O', 'Z', 'S', 'V'])
      await expect(page.getByTestId(`key-${absent}`)).toHaveCount(0)
    await typeOnKeypad(page, '91310105MA1FT6E91R')
    await expect(page.getByTestId('uscc-hint')).toContainText('代码有效')
    await expectNoAxeViolations(page, 'kiosk enterprise keypad')
    await page.getByTestId('uscc-search').click()
    const card = page.getByTestId('enterprise-card')
    await expect(card).toHaveCount(1)
    await expectNoAxeViolations(page, 'kiosk enterprise results')
    await card.getByRole('link', { name: '上海铭拓装饰工程有限公司' }).click()
    await expect(page).toHaveURL('/kiosk/enterprise/91310105MA1FT6E91R')
    await expect(page.getByTestId('section-penalties')).toBeVisible()
    await expectNoAxeViolations(page, 'kiosk enterprise profile')
  })

  test('should keep every address inside the kiosk and leave only with the exit code', async ({ page }) => {
    // A whole journey with several accessibility scans: up to about 50 s alone on a 2-core machine, so it gets the
    // slow-test allowance (the timeout guards against hangs, not speed).
    test.slow()
    await setUpKiosk(page)
    for (const [asked, landed] of [
      ['/settings', '/kiosk'],
      ['/streets', '/kiosk'],
      ['/query', '/kiosk/enterprise'],
      ['/query/personal', '/kiosk/report'],
      ['/benefits', '/kiosk/benefits'],
      ['/publicity', '/kiosk/publicity'],
      ['/kiosk/setup', '/kiosk'],
    ] as const) {
      await page.goto(asked)
      await expect(page, `${asked} in kiosk mode`).toHaveURL(landed)
      await expect(page.locator('.tabbar')).toHaveCount(0)
    }
    await expectNoAxeViolations(page, 'kiosk publicity')
    await page.goto('/kiosk/benefits')
    await expect(page.getByTestId('benefit-card').first()).toBeVisible()
    await expectNoAxeViolations(page, 'kiosk benefits')
    // Links inside the reused pages stay inside the kiosk.
    await page.getByTestId('benefit-card').first().getByRole('link').click()
    await expect(page).toHaveURL(/\/kiosk\/benefits\/\d+$/)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectNoAxeViolations(page, 'kiosk benefit detail')
    await page.goto('/kiosk/publicity')
    await page.getByTestId('article-card').first().getByRole('link').click()
    await expect(page).toHaveURL(/\/kiosk\/publicity\/\d+$/)
    await expect(page.getByTestId('article-detail')).toBeVisible()
    await expectNoAxeViolations(page, 'kiosk article')

    await page.goto('/kiosk')
    await page.getByTestId('kiosk-staff').click()
    await expect(page).toHaveURL('/kiosk/exit')
    await expect(page.getByTestId('exit-code-field')).toHaveAttribute('type', 'password')
    await expectNoAxeViolations(page, 'kiosk exit')
    await typeOnKeypad(page, '000000')
    await page.getByTestId('exit-submit').click()
    await expect(page.getByTestId('exit-error')).toContainText('退出码不正确')
    await page.goto('/settings')
    await expect(page).toHaveURL('/kiosk')

    await page.getByTestId('kiosk-staff').click()
    await typeOnKeypad(page, DEMO_KIOSK.exitCode)
    await page.getByTestId('exit-submit').click()
    await expect(page).toHaveURL('/')
    await expect(page.locator('.tabbar')).toBeVisible()
    await page.goto('/settings')
    await expect(page).toHaveURL('/settings')
    expect(await page.evaluate(() => localStorage.getItem('credit-changning:kiosk'))).toBeNull()
  })

  test('should refuse an unknown token at set-up and stay a normal app', async ({ page }) => {
    await page.goto('/kiosk')
    await expect(page).toHaveURL('/kiosk/setup')
    await expectNoAxeViolations(page, 'kiosk set-up')
    await page.getByTestId('kiosk-token').fill('not-a-kiosk-token')
    await page.getByTestId('kiosk-enable').click()
    await expect(page.getByRole('alert')).toContainText('令牌无效')
    await page.goto('/settings')
    await expect(page).toHaveURL('/settings')
  })
})
