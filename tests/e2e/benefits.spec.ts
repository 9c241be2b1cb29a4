import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { axeViolations, enableElderMode, expect, test } from './support/fixtures'
import { expectDataShown } from './support/helpers'
import { removeDir, startServer } from './support/server'

test.use({
  viewport: { width: 390, height: 844 },
})

const PAGE_SIZE = 10 // what the benefits page asks for per page
const SEARCH_TERM = '停车' // in the titles of two seed benefits

interface Summary { id: number, title: string, category: string, audience: string, distanceM: number | null }
interface ListAnswer { total: number, items: Summary[] }
interface Detail extends Summary {
  offer: string
  rules: unknown[]
  claimSteps: string[]
  venues: { name: string, address: string, phone: string | null }[]
}

async function api<T>(request: APIRequestContext, baseURL: string | undefined, path: string): Promise<T> {
  const res = await request.get(`${baseURL}${path}`)
  expect(res.ok(), `GET ${path}`).toBe(true)
  return await res.json() as T
}

/** Every benefit matching `query`, in the API's order (pages of 50, the API's maximum). */
async function allBenefits(request: APIRequestContext, baseURL: string | undefined, query = ''): Promise<ListAnswer> {
  const first = await api<ListAnswer>(request, baseURL, `/api/benefits?pageSize=50&${query}`)
  const items = [...first.items]
  for (let page = 2; items.length < first.total; page++)
    items.push(...(await api<ListAnswer>(request, baseURL, `/api/benefits?pageSize=50&page=${page}&${query}`)).items)
  return { total: first.total, items }
}

/** The first benefit (newest first) whose detail lists venues with a phone number. */
async function benefitWithVenues(request: APIRequestContext, baseURL: string | undefined): Promise<Detail> {
  const list = await api<ListAnswer>(request, baseURL, `/api/benefits?pageSize=${PAGE_SIZE}`)
  for (const item of list.items) {
    const detail = await api<Detail>(request, baseURL, `/api/benefits/${item.id}`)
    if (detail.venues.some(v => v.phone) && detail.rules.length && detail.claimSteps.length)
      return detail
  }
  throw new Error('no benefit with venues on the first page of the seed data')
}

const cards = (page: Page) => page.getByTestId('benefit-card')
const cardTitles = async (page: Page) => (await cards(page).getByRole('heading').allInnerTexts()).map(t => t.trim())
const categoryBar = (page: Page) => page.getByTestId('category-filter')
const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /^共 \d+ 项$/ })
const queryParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name)

/** Scrolls the way a reader does (to the last card, again and again) until the list says 没有更多了. */
async function scrollToEnd(page: Page): Promise<void> {
  const end = page.getByText('没有更多了')
  for (let round = 0; round < 20 && !(await end.isVisible()); round++) {
    const before = await cards(page).count()
    // Each scroll brings the list's end into view; wait for the next page (or the end) to arrive.
    await expect.poll(async () => {
      await cards(page).last().scrollIntoViewIfNeeded()
      return await end.isVisible() || await cards(page).count() > before
    }, { message: `more than ${before} cards or 没有更多了`, timeout: 10_000 }).toBe(true)
  }
  await expect(end).toBeVisible()
}

/** "距您约 350 米" → 350; "距您约 1.2 公里" → 1200. */
function metres(text: string): number {
  const match = /距您约\s*([\d.]+)\s*(米|公里)/.exec(text)
  expect(match, `a distance in "${text}"`).not.toBeNull()
  const value = Number(match![1])
  return match![2] === '公里'
    ? value * 1000
    : value
}

/** Waits until a service worker is active and controls this page (clientsClaim makes that happen without a reload). */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => navigator.serviceWorker.ready)
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated')
}

/** Opens a benefit's detail page and waits for its content. */
async function openDetail(page: Page, benefit: { id: number, title: string }, origin = ''): Promise<void> {
  await page.goto(`${origin}/benefits/${benefit.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(benefit.title)
  await expect(page.getByTestId('skeleton')).toHaveCount(0)
}

async function expectAtLeast(locator: Locator, what: 'height', min: number): Promise<void> {
  const box = await locator.boundingBox()
  expect(box, `${locator} is laid out`).not.toBeNull()
  expect(box![what], `${what} of ${locator}`).toBeGreaterThanOrEqual(min)
}

test.describe('benefits list', () => {
  test('should list only medical benefits, as many as the chip counts, when the 医疗健康 chip is tapped', async ({ page }) => {
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    const bar = categoryBar(page)
    await expect(bar).toHaveRole('group')
    await expect(bar).toHaveAccessibleName('按类别筛选')
    const medical = bar.getByRole('button', { name: /^医疗健康/ })
    const all = bar.getByRole('button', { name: /^全部/ })
    await expect(medical).toHaveText(/^医疗健康 \d+$/) // the counts arrive with their own request
    await expect(all).toHaveText(/^全部 \d+$/)
    const chipCount = async (chip: Locator) => Number(/(\d+)\s*$/.exec(await chip.textContent() ?? '')![1])
    const medicalCount = await chipCount(medical)
    const allCount = await chipCount(all)
    expect(medicalCount).toBeGreaterThan(0)
    expect(medicalCount).toBeLessThan(allCount)
    await expect(resultCount(page)).toHaveText(`共 ${allCount} 项`)

    await medical.click()
    await expect(page).toHaveURL('/benefits?category=medical')
    await expect(medical).toHaveAttribute('aria-pressed', 'true')
    await expect(all).toHaveAttribute('aria-pressed', 'false')
    await expect(resultCount(page)).toHaveText(`共 ${medicalCount} 项`)
    await scrollToEnd(page)
    await expect(cards(page)).toHaveCount(medicalCount)
    for (const card of await cards(page).all())
      await expect(card.locator('.chip').first()).toHaveText('医疗健康')

    await page.reload()
    await expect(page).toHaveURL('/benefits?category=medical')
    await expect(medical).toHaveAttribute('aria-pressed', 'true')
    await expect(medical).toHaveText(`医疗健康 ${medicalCount}`)
    await expect(resultCount(page)).toHaveText(`共 ${medicalCount} 项`)
    await scrollToEnd(page)
    await expect(cards(page)).toHaveCount(medicalCount)
    for (const card of await cards(page).all())
      await expect(card.locator('.chip').first()).toHaveText('医疗健康')

    await all.click()
    await expect(page).toHaveURL('/benefits')
    await expect(all).toHaveAttribute('aria-pressed', 'true')
    await expect(medical).toHaveAttribute('aria-pressed', 'false')
    await expect(resultCount(page)).toHaveText(`共 ${allCount} 项`)
    await expect(cards(page)).toHaveCount(PAGE_SIZE)
    const categories = await cards(page).locator('.chip:first-child').allTextContents()
    expect(categories.some(c => c.trim() !== '医疗健康'), 'other categories are back').toBe(true)
  })

  test('should show only enterprise benefits when the 企业 audience is chosen', async ({ page, request, baseURL }) => {
    const enterprise = await allBenefits(request, baseURL, 'audience=enterprise')
    expect(enterprise.total).toBeGreaterThan(0)
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    const audience = page.getByTestId('audience-filter')
    await expect(audience).toHaveAccessibleName('适用对象')

    await audience.getByRole('button', { name: '企业', exact: true }).click()
    await expect(page).toHaveURL('/benefits?audience=enterprise')
    await expect(audience.getByRole('button', { name: '企业', exact: true })).toHaveAttribute('aria-pressed', 'true')
    await expect(resultCount(page)).toHaveText(`共 ${enterprise.total} 项`)
    await scrollToEnd(page)
    await expect(cards(page)).toHaveCount(enterprise.total)
    expect(await cardTitles(page)).toEqual(enterprise.items.map(b => b.title))
    const audiences = await cards(page).locator('.chip--neutral').allInnerTexts()
    expect(audiences).toHaveLength(enterprise.total)
    for (const a of audiences)
      expect(['企业', '个人和企业']).toContain(a.trim())
    expect(audiences.map(a => a.trim())).toContain('企业')
  })

  test('should search, remember the term and clear filters when a term is typed, submitted and not found', async ({ page, request, baseURL }) => {
    const expected = await allBenefits(request, baseURL, `q=${encodeURIComponent(SEARCH_TERM)}`)
    expect(expected.total, `seed titles containing ${SEARCH_TERM}`).toBeGreaterThan(0)
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    const box = page.getByTestId('benefit-search')
    await expect(box).toHaveAccessibleName('搜索惠民措施')
    await expect(page.getByTestId('search-history')).toBeHidden()

    // Typing alone searches after the debounce.
    await box.pressSequentially(SEARCH_TERM)
    await expect.poll(() => queryParam(page, 'q')).toBe(SEARCH_TERM)
    await expect(resultCount(page)).toHaveText(`共 ${expected.total} 项`)
    await expect(cards(page)).toHaveCount(expected.total)
    expect(await cardTitles(page)).toEqual(expected.items.map(b => b.title))

    // Enter remembers it; the history shows once the box is empty.
    await box.press('Enter')
    await expect(box).not.toBeFocused()
    await page.getByRole('search').getByRole('button', { name: '清除筛选' }).click()
    await expect(box).toHaveValue('')
    await expect.poll(() => queryParam(page, 'q')).toBeNull()
    await expect(cards(page)).toHaveCount(PAGE_SIZE)
    const history = page.getByTestId('search-history')
    await expect(history).toBeVisible()
    await expect(history).toContainText('最近搜索')
    await history.getByRole('button', { name: SEARCH_TERM, exact: true }).click()
    await expect(box).toHaveValue(SEARCH_TERM)
    await expect.poll(() => queryParam(page, 'q')).toBe(SEARCH_TERM)
    await expect(cards(page)).toHaveCount(expected.total)
    expect(await cardTitles(page)).toEqual(expected.items.map(b => b.title))

    // Nothing found: the empty state offers to clear the filters.
    await box.fill('查无此项zzqx')
    const empty = page.getByTestId('list-empty')
    await expect(empty).toContainText('没有符合条件的内容')
    await expect(cards(page)).toHaveCount(0)
    await empty.getByRole('button', { name: '清除筛选' }).click()
    await expect(page).toHaveURL('/benefits')
    await expect(box).toHaveValue('')
    await expect(empty).toBeHidden()
    await expect(cards(page)).toHaveCount(PAGE_SIZE)
  })

  test('should load every benefit until 没有更多了 when scrolling to the end with no filters', async ({ page, request, baseURL }) => {
    const everything = await allBenefits(request, baseURL)
    expect(everything.total, 'more than one page of seed data').toBeGreaterThan(PAGE_SIZE * 2)
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    await expect(cards(page)).toHaveCount(PAGE_SIZE)
    await expect(page.getByText('没有更多了')).toHaveCount(0)

    await scrollToEnd(page)
    await expect(cards(page)).toHaveCount(everything.total)
    expect(await cardTitles(page), 'every benefit once, in order').toEqual(everything.items.map(b => b.title))
    await expect(page.getByTestId('list-error')).toHaveCount(0)
  })
})

test.describe('benefits near me with the location allowed', () => {
  test.use({
    geolocation: { latitude: 31.2205, longitude: 121.4320 }, // near 江苏路
    permissions: ['geolocation'],
  })

  test('should sort by distance and send only a coarse position when 离我最近 is chosen', async ({ page, request, baseURL }) => {
    const nearestCalls: URL[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/benefits' && url.searchParams.get('sort') === 'nearest')
        nearestCalls.push(url)
    })
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])

    const sort = page.getByTestId('sort-filter')
    await expect(sort).toHaveAccessibleName('排序')
    await sort.getByRole('button', { name: '离我最近' }).click()
    await expect(sort.getByRole('button', { name: '离我最近' })).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => queryParam(page, 'sort')).toBe('nearest')
    await expect(cards(page).first().getByTestId('distance')).toHaveText(/^距您约 [\d.]+ (米|公里)$/)
    await expect(page.getByTestId('location-note')).toBeHidden()

    // The position never reaches the app's URL (history, bookmarks, shared links).
    expect(page.url()).not.toContain('lat')
    expect(page.url()).not.toContain('lng')

    // …and only rounded to ~100 m reaches the server.
    expect(nearestCalls.length).toBeGreaterThan(0)
    for (const call of nearestCalls) {
      const lat = call.searchParams.get('lat')!
      const lng = call.searchParams.get('lng')!
      expect(lat).toMatch(/^\d+(\.\d{1,3})?$/)
      expect(lng).toMatch(/^\d+(\.\d{1,3})?$/)
      expect(Math.abs(Number(lat) - 31.2205)).toBeLessThanOrEqual(0.0005 + 1e-9)
      expect(Math.abs(Number(lng) - 121.4320)).toBeLessThanOrEqual(0.0005 + 1e-9)
    }

    const distances = (await cards(page).getByTestId('distance').allInnerTexts()).map(metres)
    expect(distances.length).toBeGreaterThan(1)
    expect(distances[0]).toBe(Math.min(...distances))
    expect(distances, 'nearest first').toEqual([...distances].sort((a, b) => a - b))

    const sent = nearestCalls[0]!
    const answer = await api<ListAnswer>(request, baseURL, `/api/benefits?pageSize=${PAGE_SIZE}&sort=nearest&lat=${sent.searchParams.get('lat')}&lng=${sent.searchParams.get('lng')}`)
    expect(await cardTitles(page)).toEqual(answer.items.map(b => b.title))
  })
})

test.describe('benefits near me with the location refused', () => {
  test('should explain and keep the newest order when 离我最近 is chosen without location permission', async ({ page, request, baseURL }) => {
    const newest = await api<ListAnswer>(request, baseURL, `/api/benefits?pageSize=${PAGE_SIZE}`)
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])

    await page.getByTestId('sort-filter').getByRole('button', { name: '离我最近' }).click()
    await expect.poll(() => queryParam(page, 'sort')).toBe('nearest')
    const note = page.getByTestId('location-note')
    await expect(note).toContainText('未获得位置权限，已按最新排序')
    await expect(note).toHaveRole('status')
    await expect(note.getByRole('button', { name: '获取位置' })).toBeVisible()

    await expect(cards(page)).toHaveCount(PAGE_SIZE)
    expect(await cardTitles(page)).toEqual(newest.items.map(b => b.title))
    await expect(page.getByTestId('distance')).toHaveCount(0)
    expect(page.url()).not.toContain('lat')
  })
})

test.describe('benefit detail', () => {
  test.use({
    permissions: ['clipboard-read', 'clipboard-write'],
  })

  test('should show every section and share by copying the link when a benefit is opened and Web Share is missing', async ({ page, request, baseURL }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as { share?: unknown }).share // no Web Share: the copy fallback must work
    })
    const benefit = await benefitWithVenues(request, baseURL)
    await page.goto('/benefits')
    await expectDataShown(page, ['benefit-card'])
    await cards(page).filter({ hasText: benefit.title }).getByRole('link', { name: benefit.title }).click()

    await expect(page).toHaveURL(`/benefits/${benefit.id}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(benefit.title)
    await expect(page).toHaveTitle(`${benefit.title} - 信用长宁`)

    const offer = page.getByRole('region', { name: '您可以获得' })
    await expect(offer).toContainText(benefit.offer)
    const eligibility = page.getByRole('region', { name: '谁可以申请' })
    await expect(eligibility).toContainText('符合以下条件的，可以申请：')
    await expect(eligibility.getByRole('listitem')).toHaveCount(benefit.rules.length)
    const claim = page.getByRole('region', { name: '如何申请' })
    const steps = claim.locator('ol').first()
    await expect(steps.getByRole('listitem')).toHaveText(benefit.claimSteps)
    const venues = page.getByRole('region', { name: '办理地点' })
    await expect(venues.getByTestId('venue')).toHaveCount(benefit.venues.length)
    const venue = benefit.venues.find(v => v.phone)!
    const venueItem = venues.getByTestId('venue').filter({ hasText: venue.name })
    await expect(venueItem.getByRole('heading', { name: venue.name })).toBeVisible()
    await expect(venueItem).toContainText(venue.address)
    await expect(venueItem.getByRole('link', { name: `拨打 ${venue.phone}` })).toHaveAttribute('href', `tel:${venue.phone!.replace(/[^\d+]/g, '')}`)

    await venueItem.getByRole('button', { name: '复制地址' }).click()
    await expect(page.getByRole('status').filter({ hasText: '已复制' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(venue.address)

    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined')
    await page.getByRole('button', { name: '分享' }).click()
    await expect(page.getByRole('status').filter({ hasText: '链接已复制' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/benefits/${benefit.id}`)

    const qrButton = page.getByRole('button', { name: '二维码' })
    await qrButton.click()
    const dialog = page.getByRole('dialog', { name: '二维码' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('img')).toHaveAttribute('src', /^data:image\/png;base64,/)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await qrButton.click() // closing with Esc left it usable
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: '关闭' }).click()
    await expect(dialog).toBeHidden()
  })
})

test.describe('favourites offline', () => {
  test('should keep the list, the detail and the favourite readable when the server is gone', async ({ page }) => {
    // Our own server: stopping it must not disturb the other tests.
    const server = await startServer()
    try {
      const origin = server.url
      await page.goto(`${origin}/benefits`)
      await expectDataShown(page, ['benefit-card'])
      await waitForServiceWorkerControl(page)

      // Browse as a user does, now through the service worker.
      await categoryBar(page).getByRole('button', { name: /^医疗健康/ }).click()
      await expect(page).toHaveURL(`${origin}/benefits?category=medical`)
      await expect(cards(page).first().locator('.chip').first()).toHaveText('医疗健康')
      await expect(page.getByTestId('skeleton')).toHaveCount(0)
      const listTitles = await cardTitles(page)
      const title = listTitles[0]!
      await cards(page).first().getByRole('link').click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
      const id = Number(new URL(page.url()).pathname.split('/').pop())
      expect(id).toBeGreaterThan(0)
      const favourite = page.getByRole('button', { name: /^(收藏|已收藏)$/ })
      await expect(favourite).toHaveAttribute('aria-pressed', 'false')
      await favourite.click()
      await expect(favourite).toHaveAttribute('aria-pressed', 'true')
      await expect(favourite).toHaveText('已收藏')

      await page.goto(`${origin}/settings`)
      const saved = page.getByTestId('favourites')
      await expect(saved.getByTestId('benefit-card')).toHaveCount(1)
      await expect(saved.getByRole('heading', { name: title })).toBeVisible()

      await server.stop()

      await page.goto(`${origin}/benefits?category=medical`)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expectDataShown(page, ['benefit-card'])
      await expect(page.getByTestId('list-error')).toHaveCount(0)
      expect(await cardTitles(page), 'the list seen online').toEqual(listTitles)

      await openDetail(page, { id, title }, origin)
      await expect(page.getByRole('region', { name: '您可以获得' })).toBeVisible()
      await expect(page.getByTestId('detail-error')).toHaveCount(0)
      await expect(page.getByRole('button', { name: '已收藏' })).toHaveAttribute('aria-pressed', 'true')

      await page.goto(`${origin}/settings`)
      await expect(page.getByTestId('offline-banner')).toBeVisible()
      await expect(page.getByTestId('favourites').getByRole('heading', { name: title })).toBeVisible()

      // Even when the service worker no longer has the answer, the favourite opens from its saved copy.
      expect(await page.evaluate(() => caches.delete('public-api'))).toBe(true)
      const detailFailed = page.waitForEvent('requestfailed', req => new URL(req.url()).pathname === `/api/benefits/${id}`)
      await page.getByTestId('favourites').getByRole('link', { name: title }).click()
      await detailFailed // neither the network nor the service worker could answer
      await expect(page).toHaveURL(`${origin}/benefits/${id}`)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
      await expect(page.getByRole('region', { name: '您可以获得' })).toBeVisible()
      await expect(page.getByRole('region', { name: '谁可以申请' })).toBeVisible()
      await expect(page.getByTestId('detail-error')).toHaveCount(0)
      await expect(page).toHaveTitle(`${title} - 信用长宁`)
      // …also on a full load.
      await openDetail(page, { id, title }, origin)
      await expect(page.getByRole('region', { name: '您可以获得' })).toBeVisible()
    }
    finally {
      await server.stop()
      removeDir(server.dataDir)
    }
  })
})

for (const mode of ['normal', 'elder'] as const) {
  test.describe(`benefits accessibility in ${mode} mode`, () => {
    test(`should have no axe violations on the benefits list when in ${mode} mode`, async ({ page }) => {
      if (mode === 'elder')
        await enableElderMode(page)
      await page.goto('/benefits')
      await expectDataShown(page, ['benefit-card'])
      await expect(resultCount(page)).toBeVisible()
      await expect(categoryBar(page).getByRole('button', { name: /^全部 \d+$/ })).toBeVisible()
      const violations = await axeViolations(page)
      expect(violations, `axe on /benefits (${mode}):\n${violations.join('\n')}`).toEqual([])
    })

    test(`should have no axe violations on a benefit detail when in ${mode} mode`, async ({ page, request, baseURL }) => {
      const benefit = await benefitWithVenues(request, baseURL)
      if (mode === 'elder')
        await enableElderMode(page)
      await openDetail(page, benefit)
      await expect(page.getByRole('region', { name: '办理地点' })).toBeVisible()
      const violations = await axeViolations(page)
      expect(violations, `axe on /benefits/${benefit.id} (${mode}):\n${violations.join('\n')}`).toEqual([])
    })
  })
}

test.describe('benefit detail in elder mode', () => {
  test('should use large text and 60px action buttons when elder mode is on', async ({ page, request, baseURL }) => {
    const benefit = await benefitWithVenues(request, baseURL)
    await enableElderMode(page)
    await openDetail(page, benefit)

    const fontSize = (locator: Locator) => locator.evaluate(el => Number.parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize(page.locator('body'))).toBeGreaterThanOrEqual(18)
    expect(await fontSize(page.getByRole('region', { name: '您可以获得' }).getByText(benefit.offer))).toBeGreaterThanOrEqual(18)
    expect(await fontSize(page.getByRole('region', { name: '如何申请' }).getByRole('listitem').first())).toBeGreaterThanOrEqual(18)
    for (const name of ['收藏', '分享', '二维码'])
      await expectAtLeast(page.getByRole('button', { name, exact: true }), 'height', 60)
  })
})
