// Server-side rendering (src/entry-server.ts, server/plugins/render.ts): public pages arrive with their content in
// the HTML, the browser takes that HTML over without asking the API again, and devices that show pages otherwise
// (English, elder mode, a kiosk) get the plain app shell as before.
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { recordPageProblems, waitForApp } from './support/helpers'

test.use({
  viewport: { width: 390, height: 844 },
  serviceWorkers: 'block',
})

interface Titled { id: number, title: string }
interface Group { total: number, items: Titled[] }

/** API requests the page makes for data (the reachability ping and pictures are not data). */
function recordDataRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url())
    if (pathname.startsWith('/api/') && pathname !== '/api/health' && !pathname.startsWith('/api/media/'))
      seen.push(`${pathname}${search}`)
  })
  return seen
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('should show the home page, the benefits list and a benefit with their content', async ({ page, request, baseURL }) => {
    const benefits = await (await request.get(`${baseURL}/api/benefits?pageSize=10&page=1`)).json() as Group
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('信用长宁')
    await expect(page.getByTestId('benefit-card')).toHaveCount(3)
    await expect(page.getByTestId('article-card').first()).toBeVisible()

    await page.goto('/benefits')
    await expect(page).toHaveTitle('信用惠民 - 信用长宁')
    await expect(page.getByTestId('benefit-card')).toHaveCount(benefits.items.length)
    await expect(page.getByTestId('benefit-card').first()).toContainText(benefits.items[0]!.title)
    // The street picker comes with its streets.
    const streets = await (await request.get(`${baseURL}/api/streets`)).json() as Group
    await expect(page.getByTestId('street-filter').locator('option')).toHaveCount(streets.items.length + 1)

    const first = benefits.items[0]!
    await page.goto(`/benefits/${first.id}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title)
    await expect(page).toHaveTitle(`${first.title} - 信用长宁`)
  })
})

test.describe('before the app has started (here: never)', () => {
  test.use({ javaScriptEnabled: false })

  test('should filter by a chip and search firms through plain forms, keeping the other filters', async ({ page, request, baseURL }) => {
    const policy = await (await request.get(`${baseURL}/api/articles?kind=policy&pageSize=1`)).json() as Group
    await page.goto('/publicity')
    await page.getByRole('group', { name: '按栏目筛选' }).getByRole('button', { name: '政策解读' }).click()
    await expect(page).toHaveURL('/publicity?kind=policy')
    await expect(page.getByTestId('article-card').first().getByRole('heading')).toHaveText(policy.items[0]!.title)

    await page.goto('/benefits?audience=enterprise')
    await page.getByTestId('category-filter').getByRole('button', { name: /^政务服务/ }).click()
    await expect(page).toHaveURL('/benefits?audience=enterprise&category=government')
    const expected = await (await request.get(`${baseURL}/api/benefits?audience=enterprise&category=government&pageSize=10`)).json() as Group
    await expect(page.getByTestId('benefit-card')).toHaveCount(expected.items.length)

    await page.goto('/query')
    await page.getByRole('searchbox', { name: '企业名称或统一社会信用代码' }).fill('建设')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await expect(page).toHaveURL(`/query?q=${encodeURIComponent('建设')}`)
    const firms = await (await request.get(`${baseURL}/api/enterprises?q=${encodeURIComponent('建设')}&pageSize=10`)).json() as Group
    await expect(page.getByTestId('enterprise-card')).toHaveCount(firms.items.length)
  })
})

test('should take the server\'s page over without asking for its data again, and stay usable', async ({ page, request, baseURL }) => {
  const problems = await recordPageProblems(page)
  const dataRequests = recordDataRequests(page)
  const policy = await (await request.get(`${baseURL}/api/articles?kind=policy&pageSize=1`)).json() as Group

  await page.goto('/publicity')
  await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
  await expect(page.getByTestId('article-card').first()).toBeVisible()
  // The app is running (it took the page over) once the update prompt's place exists; nothing was asked again.
  await waitForApp(page)
  expect(dataRequests, 'data requests for a page the server rendered').toEqual([])
  await expect(page.locator('#ssr-answers'), 'the answers are read and taken out').toHaveCount(0)

  // Filters work as in any page the app rendered itself.
  await page.getByRole('group', { name: '按栏目筛选' }).getByRole('button', { name: '政策解读' }).click()
  await expect(page).toHaveURL('/publicity?kind=policy')
  await expect(page.getByTestId('article-card').first().getByRole('heading')).toHaveText(policy.items[0]!.title)
  expect(dataRequests.some(r => r.startsWith('/api/articles?')), 'the filtered list is asked for').toBe(true)

  expect(problems.consoleErrors, 'console errors (a hydration mismatch is one)').toEqual([])
  expect(problems.pageErrors).toEqual([])
  expect(problems.cspViolations, 'nothing the page\'s security policy blocks').toEqual([])
})

test('should take the home page over asking the server nothing, not even whether it is there, and still notice it going', async ({ page }) => {
  const asked: string[] = []
  const code: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/api/') && !pathname.startsWith('/api/media/'))
      asked.push(pathname)
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js'))
      code.push(pathname)
  })
  await page.goto('/')
  await waitForApp(page)
  // Live: the switch (taken over last on this page) answers a tap.
  const toggle = page.getByTestId('elder-toggle')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-checked', 'false')
  // The page is the server's answer of a moment ago: no health check, so the HTTP client's code is not even loaded.
  expect(asked, 'requests to the API').toEqual([])
  expect(code.filter(path => /\/http-[\w-]+\.js$/.test(path)), 'the HTTP client').toEqual([])

  // Losing the network is still noticed, and coming back.
  await page.context().setOffline(true)
  await expect(page.getByTestId('offline-banner')).toBeVisible()
  await page.context().setOffline(false)
  await expect(page.getByTestId('offline-banner')).toBeHidden()
})

test('should paint before loading the app\'s code, and keep a tap on a switch made before the app took over', async ({ page }) => {
  const problems = await recordPageProblems(page)
  // The app's entry is held back until the test lets it go: the page is the server's HTML meanwhile.
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const entryRequested: string[] = []
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    entryRequested.push(route.request().url())
    await released
    await route.continue()
  })
  // The load event waits for the code the page asked for: this page is held before it.
  await page.goto('/', { waitUntil: 'domcontentloaded' })
  await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
  await expect.poll(() => entryRequested.length, 'the code is asked for once the page has painted').toBe(1)

  const toggle = page.getByTestId('elder-toggle')
  await toggle.click()
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/)
  await expect(toggle).toHaveAttribute('aria-checked', 'false')

  release()
  await waitForApp(page)
  // The early tap is given to the switch once the app runs.
  await expect(page.locator('html')).toHaveClass(/\belder\b/)
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  await toggle.click()
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/)
  expect(problems.consoleErrors).toEqual([])
  expect(problems.pageErrors).toEqual([])
  expect(problems.cspViolations, 'the loader is the one inline script the policy allows').toEqual([])
})

test('should hold a check sent from the report check form before the app took over, and make it once it runs', async ({ page }) => {
  const problems = await recordPageProblems(page)
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await released
    await route.continue()
  })
  const checks: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/reports/verify')
      checks.push(request.method())
  })
  await page.goto('/verify', { waitUntil: 'domcontentloaded' })
  await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报告核验')

  await page.getByTestId('verify-number').fill('CN-RPT-NOT-A-REPORT')
  await page.getByTestId('verify-code').fill('AAAAAAAA')
  await page.getByTestId('verify-submit').click()
  await page.getByTestId('verify-code').press('Enter') // a second send while waiting is the same one
  // Sent as HTML the form would reload the page (and drop what was typed): the send is held instead.
  await expect(page).toHaveURL('/verify')
  await expect(page.getByTestId('verify-number')).toHaveValue('CN-RPT-NOT-A-REPORT')
  expect(checks).toEqual([])

  release()
  await waitForApp(page)
  // What was typed survived the take-over, and the held send is made with it: once.
  const result = page.getByTestId('verify-result')
  await expect(result).toHaveAttribute('data-status', 'notFound')
  await expect(page.getByTestId('verify-number')).toHaveValue('CN-RPT-NOT-A-REPORT')
  await expect(page).toHaveURL('/verify')
  expect(checks).toEqual(['POST'])
  expect(problems.consoleErrors).toEqual([])
  expect(problems.pageErrors).toEqual([])
  expect(problems.cspViolations).toEqual([])
})

test('should take the home page\'s sections and a list\'s cards over one by one, each then navigating within the app', async ({ page }) => {
  await page.goto('/')
  await waitForApp(page)
  for (const section of ['/benefits/', '/activities/', '/publicity/']) {
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
    const card = page.locator(`main a[href^="${section}"]`).first()
    const href = await card.getAttribute('href')
    await card.click()
    await expect(page).toHaveURL(href!)
    // A link the app handles changes the page without loading a new document.
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument), section).toBe(true)
    await page.goBack()
    await expect(page).toHaveURL('/')
  }
  // A list's cards too: the last card of the benefits list, taken over last.
  await page.goto('/benefits')
  await waitForApp(page)
  await page.evaluate(() => Object.assign(window, { sameDocument: true }))
  const last = page.getByTestId('benefit-card').last().getByRole('link').first()
  const href = await last.getAttribute('href')
  await last.click()
  await expect(page).toHaveURL(href!)
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
})

for (const path of [
  '/',
  '/benefits',
  '/streets',
  '/streets/jiangsu-road',
  '/activities',
  '/query',
  '/query?q=%E5%BB%BA%E8%AE%BE',
  '/verify',
  '/kiosk/setup',
]) {
  test(`should hydrate ${path} without mismatches or blocked styles`, async ({ page }) => {
    const problems = await recordPageProblems(page)
    const dataRequests = recordDataRequests(page)
    await page.goto(path)
    await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
    await waitForApp(page)
    await page.waitForLoadState('networkidle')
    // Everything the page shows came with it, the benefits page's street picker included.
    expect(dataRequests, 'data requests').toEqual([])
    expect(problems.consoleErrors).toEqual([])
    expect(problems.pageErrors).toEqual([])
    expect(problems.cspViolations).toEqual([])
  })
}

test('should send the app shell to a device in English, which renders the page itself', async ({ page }) => {
  await page.goto('/settings')
  await page.getByRole('radio', { name: 'English' }).check()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  const dataRequests = recordDataRequests(page)
  await page.goto('/benefits')
  await expect(page.locator('#app')).not.toHaveAttribute('data-rendered', 'true')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credit benefits')
  await expect(page.getByTestId('benefit-card').first()).toBeVisible()
  expect(dataRequests.some(r => r.startsWith('/api/benefits?')), 'the list is asked for by the app').toBe(true)

  // Back to Chinese: the server renders again.
  await page.goto('/settings')
  await page.getByRole('radio', { name: '简体中文' }).check()
  await page.goto('/benefits')
  await expect(page.locator('#app')).toHaveAttribute('data-rendered', 'true')
})

test('should not render pages that read the device or the person: search, settings, the personal report', async ({ request, baseURL }) => {
  for (const path of [
    '/search?q=%E4%BF%A1%E7%94%A8',
    '/settings',
    '/query/personal',
    '/kiosk',
    '/staff',
  ]) {
    const html = await (await request.get(`${baseURL}${path}`)).text()
    expect(html, path).toContain('<div id="app"></div>')
  }
})
