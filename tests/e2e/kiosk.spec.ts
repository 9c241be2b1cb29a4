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
  // The wipe empties sessionStorage; the fresh kiosk home may start the router's scroll store again, but nothing of
  // the visit before it, not even a path, is in it.
  expect(stored.sessionKeys.filter(k => k !== 'vue-router:scroll'), 'sessionStorage').toEqual([])
  expect(stored.session, 'sessionStorage').not.toContain('/kiosk/')
  expect(stored.session, 'sessionStorage').not.toContain('#')
  // The app's own files stay (the precache, and app-assets: chunks cached on first use); every other cache goes.
  expect(stored.cacheNames.filter(n => !n.includes('precache') && n !== 'app-assets'), 'caches other than the app\'s files').toEqual([])
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

// Hall tablets, phones held up to the screen and the portrait hall screen itself, both ways round.
// Persons no other end-to-end test sends codes to: the specs run two at a time, and a code sent to the same phone by
// another test would be taken for this one's.
const SIZE_PERSONS = [
  'he-wenbin',
  'lu-xiaoping',
  'wu-xiaoyan',
  'xu-chenyang',
  'shao-yutong',
  'jiang-wentao',
]
const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
]

/** No sideways scrolling, the bar's buttons wholly on screen, and (where a keypad shows) keys of at least 56 px. */
async function expectFits(page: Page, where: string) {
  const layout = await page.evaluate(() => {
    const keys = [
      ...document.querySelectorAll('[data-test="keypad"] button'),
    ].map(b => b.getBoundingClientRect())
    const bar = [
      ...document.querySelectorAll('.kiosk-bar a, .kiosk-bar button'),
    ].map(b => b.getBoundingClientRect())
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      barOutside: bar.filter(r => r.left < 0 || r.right > window.innerWidth).length,
      smallestKey: keys.length
        ? Math.min(...keys.flatMap(r => [r.width, r.height]))
        : null,
    }
  })
  expect(layout.overflow, `${where}: sideways scrolling`).toBeLessThanOrEqual(0)
  expect(layout.barOutside, `${where}: kiosk bar buttons off screen`).toBe(0)
  if (layout.smallestKey !== null)
    expect(layout.smallestKey, `${where}: smallest keypad key`).toBeGreaterThanOrEqual(56)
}

test.describe('kiosk at every screen size', () => {
  // One test a size (each with its own time budget, run in parallel).
  for (const [i, size] of SIZES.entries()) {
    const where = `${size.width}×${size.height}`
    test(`should lay out every kiosk screen at ${where} without sideways scrolling, keys staying large`, async ({ page, request, baseURL }) => {
      test.slow()
      await setUpKiosk(page)
      await page.setViewportSize(size)
      await page.goto('/kiosk')
      await expect(page.getByTestId('kiosk-qr')).toBeVisible()
      await expectFits(page, `${where} home`)

      // One person each, none another test uses: a code per size stays within the per-ID limit.
      await reportOnKeypads(page, request, baseURL ?? '', person(SIZE_PERSONS[i] ?? ''))
      await expectFits(page, `${where} report`)
      await page.getByTestId('kiosk-end').click()
      await expect(page).toHaveURL('/kiosk')

      // The firm certificate's two keypads (the firm's code, then the applicant with role and period): laid out
      // only, no code asked for.
      await page.getByTestId('tile-certificate').click()
      await page.getByTestId('consent-check').click()
      await page.getByTestId('consent-continue').click()
      await expectFits(page, `${where} certificate: firm code`)
      await typeOnKeypad(page, '91310105MA1G4TK834')
      await page.getByTestId('send-code').click()
      await expect(page.getByTestId('chosen-uscc')).toBeVisible()
      await expectFits(page, `${where} certificate: applicant`)
      await page.getByTestId('kiosk-end').click()
      await expect(page).toHaveURL('/kiosk')

      await page.getByTestId('tile-enterprise').click()
      await expectFits(page, `${where} credit-code keypad`)
      await typeOnKeypad(page, '91310105MA1FT6E91R')
      await page.getByTestId('uscc-search').click()
      await page.getByTestId('enterprise-card').getByRole('link').first().click()
      await expect(page.getByTestId('section-penalties')).toBeVisible()
      await expectFits(page, `${where} firm profile`)

      await page.goto('/kiosk')
      await page.getByTestId('tile-cases').click()
      await expect(page.getByTestId('case-number-field')).toBeVisible()
      await expectFits(page, `${where} case number keypad`)

      for (const tile of ['tile-benefits', 'tile-publicity']) {
        await page.goto('/kiosk')
        await page.getByTestId(tile).click()
        await expect(page.locator('main h1, main h2').first()).toBeVisible()
        await expectFits(page, `${where} ${tile}`)
      }
    })
  }
})
